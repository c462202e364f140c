import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { ParamSpec, ParamValue, SearchSpace } from "../../core/ports.js";

/** An objective's direction. */
export type Direction = "maximize" | "minimize";

/** A numeric dimension (float or int). */
export type NumericSpec = Extract<ParamSpec, { type: "float" | "int" }>;

const SPACE_HINT =
  'Use { type: "float" | "int", low, high, log?, step? } with low <= high, or { type: "categorical", choices: [...] }.';

function fail(name: string, problem: string, hint = SPACE_HINT): never {
  throw new InvalidArgumentError(`search space parameter "${name}"`, problem, hint);
}

function isChoice(value: unknown): value is ParamValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  return typeof value === "number" && Number.isFinite(value);
}

function checkCategorical(name: string, choices: unknown): void {
  if (!Array.isArray(choices) || choices.length === 0) fail(name, "a categorical needs at least one choice");
  choices.forEach((choice: unknown, i) => {
    if (!isChoice(choice)) {
      fail(name, `choice ${i} is ${String(choice)}; choices are strings, finite numbers, booleans or null`);
    }
    if (choices.findIndex((other: unknown) => Object.is(other, choice)) !== i) {
      fail(name, `choice ${JSON.stringify(choice)} is listed twice`);
    }
  });
}

function checkStep(name: string, spec: NumericSpec): void {
  const { low, high, step } = spec;
  if (step === undefined) return;
  if (typeof step !== "number" || !Number.isFinite(step) || step <= 0) {
    fail(name, `step must be a positive finite number, got ${String(step)}`);
  }
  if (spec.log && !(spec.type === "int" && step === 1)) {
    fail(name, "a log range cannot have a step (except step 1 for an int)");
  }
  if (spec.type === "int") {
    if (!Number.isInteger(step)) fail(name, `an int step must be an integer, got ${step}`);
    if ((high - low) % step !== 0) fail(name, `high - low (${high - low}) is not a multiple of step ${step}`);
    return;
  }
  const k = (high - low) / step;
  if (Math.abs(k - Math.round(k)) > 1e-8 * Math.max(1, k)) {
    fail(name, `high - low (${high - low}) is not a multiple of step ${step}`);
  }
}

function checkNumeric(name: string, spec: NumericSpec): void {
  const { low, high } = spec;
  for (const [key, v] of [
    ["low", low],
    ["high", high],
  ] as const) {
    if (typeof v !== "number" || !Number.isFinite(v))
      fail(name, `${key} must be a finite number, got ${String(v)}`);
    if (spec.type === "int" && !Number.isSafeInteger(v))
      fail(name, `${key} of an int must be an integer, got ${v}`);
  }
  if (low > high) fail(name, `low (${low}) is greater than high (${high})`);
  if (spec.log !== undefined && typeof spec.log !== "boolean") fail(name, "log must be true or false");
  if (spec.log && low <= 0) fail(name, `a log range needs low > 0, got ${low}`);
  checkStep(name, spec);
}

/** Throws an InvalidArgumentError naming the first parameter of `space` no sampler could use. */
export function validateSpace(space: SearchSpace): void {
  if (typeof space !== "object" || space === null || Array.isArray(space)) {
    throw new InvalidArgumentError("search space", "expected an object of parameter specs", SPACE_HINT);
  }
  for (const [name, spec] of Object.entries(space)) {
    if (typeof spec !== "object" || spec === null) fail(name, `expected a spec object, got ${String(spec)}`);
    const type = (spec as { type?: unknown }).type;
    if (type === "categorical") checkCategorical(name, (spec as { choices?: unknown }).choices);
    else if (type === "float" || type === "int") checkNumeric(name, spec as NumericSpec);
    else fail(name, `unknown type ${JSON.stringify(type)}`);
  }
}

/** Whether `value` is one `spec` allows (used to keep only history that fits the current space). */
export function fitsSpec(spec: ParamSpec, value: ParamValue | undefined): boolean {
  if (spec.type === "categorical") return spec.choices.some((c) => Object.is(c, value));
  if (typeof value !== "number" || !Number.isFinite(value) || value < spec.low || value > spec.high)
    return false;
  if (spec.type === "int" && !Number.isInteger(value)) return false;
  if (spec.step === undefined) return true;
  const k = (value - spec.low) / spec.step;
  return Math.abs(k - Math.round(k)) < 1e-6;
}

/** A grid value `low + k * step`, rounded to 15 significant digits (0.30000000000000004 → 0.3). */
export function onGrid(spec: NumericSpec, k: number): number {
  const step = spec.step ?? 1;
  const value = spec.type === "int" ? spec.low + k * step : Number((spec.low + k * step).toPrecision(15));
  return Math.min(spec.high, Math.max(spec.low, value));
}

/** The step of a discrete dimension (an int's defaults to 1), or undefined for a continuous one. */
export function stepOf(spec: NumericSpec): number | undefined {
  return spec.type === "int" ? (spec.step ?? 1) : spec.step;
}

/** Checks a sampler's `directions` option and returns a copy. */
export function validateDirections(directions: unknown): Direction[] {
  const hint = 'Pass e.g. directions: ["maximize"] (one entry per objective).';
  if (!Array.isArray(directions) || directions.length === 0) {
    throw new InvalidArgumentError("directions", "expected a non-empty array", hint);
  }
  for (const d of directions) {
    if (d !== "maximize" && d !== "minimize") {
      throw new InvalidArgumentError(
        "directions",
        `expected "maximize" or "minimize", got ${JSON.stringify(d)}`,
        hint,
      );
    }
  }
  return [...directions] as Direction[];
}
