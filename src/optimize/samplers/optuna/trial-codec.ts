import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { FinishedTrial, ParamSpec, ParamValue, SearchSpace, TrialOutcome } from "../../../core/ports.js";

/** A trial as the bridge's add_trials op takes it (and as the in-memory replay log keeps it). */
export interface WireTrial {
  number: number;
  params: Record<string, ParamValue>;
  /** The distribution of each param, as ParamSpecs. */
  distributions: Record<string, ParamSpec>;
  state: "running" | "complete" | "pruned" | "fail";
  values?: number[];
  value?: number;
  reason?: string;
  intermediate: Record<number, number>;
}

/** A finished trial as the bridge's trials op lists it. */
export interface WireRow {
  number: number;
  params: Record<string, ParamValue>;
  state: "complete" | "pruned" | "fail";
  values?: (number | null)[];
  value?: number | null;
  reason?: string | null;
  intermediate: Record<string, number | null>;
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Throws InvalidArgumentError unless `outcome` is a valid outcome for `objectives` objectives. */
export function checkOutcome(outcome: TrialOutcome, objectives: number): void {
  const state = (outcome as { state?: unknown })?.state;
  if (state === "complete") {
    const values = (outcome as { values?: unknown }).values;
    if (!Array.isArray(values) || values.length !== objectives || !values.every(finite)) {
      throw new InvalidArgumentError(
        "values",
        `expected ${objectives} finite number(s), one per objective, got ${JSON.stringify(values)}`,
      );
    }
  } else if (state === "pruned") {
    const value = (outcome as { value?: unknown }).value;
    if (value !== undefined && !finite(value))
      throw new InvalidArgumentError("value", `not a finite number: ${value}`);
  } else if (state !== "fail") {
    throw new InvalidArgumentError("outcome", `unknown state ${JSON.stringify(state)}`);
  }
}

/** Whether Optuna's distribution for `spec` contains `value`. */
function contains(spec: ParamSpec, value: ParamValue): boolean {
  if (spec.type === "categorical") return spec.choices.some((c) => Object.is(c, value));
  if (typeof value !== "number" || value < spec.low || value > spec.high) return false;
  if (spec.type === "int" && !Number.isInteger(value)) return false;
  if (spec.step === undefined) return true;
  const k = (value - spec.low) / spec.step;
  return Math.abs(k - Math.round(k)) < 1e-8;
}

/** The distribution a seeded value is stored with: its dimension in `space` if it fits, else a point. */
function seedSpec(spec: ParamSpec | undefined, value: ParamValue): ParamSpec {
  if (spec && contains(spec, value)) return spec;
  if (typeof value !== "number") return { type: "categorical", choices: [value] };
  const type = spec?.type === "int" && Number.isInteger(value) ? "int" : "float";
  return {
    type,
    low: value,
    high: value,
    log: spec?.type !== "categorical" && spec?.log === true && value > 0,
  };
}

/** A seeded (finished) trial in the bridge's form, with distributions taken from `space`. */
export function toWire(trial: FinishedTrial, space: SearchSpace): WireTrial {
  const distributions: Record<string, ParamSpec> = {};
  for (const [name, value] of Object.entries(trial.params))
    distributions[name] = seedSpec(space[name], value);
  const o = trial.outcome;
  return {
    number: trial.number,
    params: { ...trial.params },
    distributions,
    state: o.state,
    ...(o.state === "complete" ? { values: [...o.values] } : {}),
    ...(o.state === "pruned" && o.value !== undefined ? { value: o.value } : {}),
    ...(o.state === "fail" && o.reason !== undefined ? { reason: o.reason } : {}),
    intermediate: { ...(trial.intermediate ?? {}) },
  };
}

/** Throws InvalidArgumentError unless `trial` can be seeded. */
export function checkSeed(trial: FinishedTrial, objectives: number): void {
  if (!Number.isSafeInteger(trial?.number) || trial.number < 0) {
    throw new InvalidArgumentError("seeded trial", `number must be an integer >= 0, got ${trial?.number}`);
  }
  if (typeof trial.params !== "object" || trial.params === null) {
    throw new InvalidArgumentError(`seeded trial ${trial.number}`, "params must be an object");
  }
  checkOutcome(trial.outcome, objectives);
}

/** A row of the bridge's trials list as a FinishedTrial. */
export function fromRow(row: WireRow): FinishedTrial {
  const intermediate: Record<number, number> = {};
  for (const [step, v] of Object.entries(row.intermediate)) if (v !== null) intermediate[Number(step)] = v;
  let outcome: TrialOutcome;
  if (row.state === "complete")
    outcome = { state: "complete", values: (row.values ?? []).map((v) => v ?? Number.NaN) };
  else if (row.state === "pruned")
    outcome = row.value == null ? { state: "pruned" } : { state: "pruned", value: row.value };
  else outcome = row.reason == null ? { state: "fail" } : { state: "fail", reason: row.reason };
  const trial: FinishedTrial = { number: row.number, params: row.params, outcome };
  return Object.keys(intermediate).length > 0 ? { ...trial, intermediate } : trial;
}
