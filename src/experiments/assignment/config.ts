import { InvalidArgumentError } from "../../core/errors/index.js";
import type { Namespace } from "./bucketing.js";

/** A value a targeting map compares a unit attribute with (strict equality). */
export type AttributeValue = string | number | boolean | null;

/** The attributes of a unit (user, session, tenant…) that targeting looks at. */
export type UnitAttributes = Readonly<Record<string, unknown>>;

/** Who is eligible: a predicate over the unit's attributes, or a map every attribute must equal. */
export type Targeting = ((attributes: UnitAttributes) => boolean) | Readonly<Record<string, AttributeValue>>;

export interface AssignmentVariant {
  /** Unique within the experiment; what `assign` returns and the sticky store keeps. */
  name: string;
  /** Share of the covered traffic, at least 0; the weights of an experiment sum to 1 (± 1e-6). */
  weight: number;
}

/** A global holdout: `share` of all units (hashed with `seed`) are kept out of the experiment. */
export interface Holdout {
  share: number;
  seed: string;
}

export interface AssignmentExperiment {
  /** Experiment id; also the hash seed unless `seed` is given. */
  id: string;
  /** Hash seed (default: `id`). Changing it reshuffles every unit. */
  seed?: string;
  /** At least two, with unique names and weights summing to 1. */
  variants: readonly AssignmentVariant[];
  /** Share of eligible units included, in [0, 1] (default 1). */
  coverage?: number;
  /** `[namespace, start, end]`: experiments of one namespace with disjoint slices never share a unit. */
  namespace?: Namespace;
  /** GrowthBook hash version: 2 (default, unbiased) or 1 (legacy). */
  hashVersion?: 1 | 2;
  targeting?: Targeting;
  holdout?: Holdout;
}

const WEIGHT_TOLERANCE = 1e-6;

function fail(argument: string, problem: string, hint?: string): never {
  throw new InvalidArgumentError(argument, problem, hint);
}

function isUnitNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x) && x >= 0 && x <= 1;
}

function show(x: unknown): string {
  return typeof x === "string" ? JSON.stringify(x) : String(x);
}

/**
 * Checks an experiment's assignment configuration and throws an `InvalidArgumentError` naming the
 * first offending path (`experiments["prompt-test"].variants[1].weight`) and the rule it breaks.
 */
export function validateExperiment(experiment: AssignmentExperiment): void {
  const e = experiment as Partial<AssignmentExperiment> | null | undefined;
  if (e === null || typeof e !== "object") fail("experiment", `must be an object, got ${show(e)}`);
  if (typeof e.id !== "string" || e.id.length === 0) {
    fail("experiment.id", `must be a non-empty string, got ${show(e.id)}`);
  }
  const at = `experiments[${JSON.stringify(e.id)}]`;
  if (e.seed !== undefined && typeof e.seed !== "string") {
    fail(`${at}.seed`, `must be a string, got ${show(e.seed)}`);
  }
  const variants = e.variants;
  if (!Array.isArray(variants)) fail(`${at}.variants`, `must be an array, got ${show(variants)}`);
  if (variants.length < 2) {
    fail(`${at}.variants`, `needs at least 2 variants, got ${variants.length}`, "add a control variant");
  }
  const seen = new Map<string, number>();
  let total = 0;
  variants.forEach((v: Partial<AssignmentVariant> | null, i) => {
    const path = `${at}.variants[${i}]`;
    if (v === null || typeof v !== "object") fail(path, `must be an object, got ${show(v)}`);
    if (typeof v.name !== "string" || v.name.length === 0) {
      fail(`${path}.name`, `must be a non-empty string, got ${show(v.name)}`);
    }
    const first = seen.get(v.name);
    if (first !== undefined) {
      fail(`${path}.name`, `duplicate variant name ${show(v.name)} (also variants[${first}])`);
    }
    seen.set(v.name, i);
    const w = v.weight;
    if (typeof w !== "number" || !Number.isFinite(w)) {
      fail(`${path}.weight`, `must be a finite number, got ${show(w)}`);
    }
    if (w < 0) fail(`${path}.weight`, `must not be negative, got ${w}`);
    total += w;
  });
  if (Math.abs(total - 1) > WEIGHT_TOLERANCE) {
    const list = variants.map((v) => `${v.name}: ${v.weight}`).join(", ");
    fail(
      `${at}.variants`,
      `weights must sum to 1 (± ${WEIGHT_TOLERANCE}), got ${total} (${list})`,
      "weights are shares of the covered traffic, e.g. 0.5 and 0.5",
    );
  }
  if (e.coverage !== undefined && !isUnitNumber(e.coverage)) {
    fail(`${at}.coverage`, `must be a number in [0, 1], got ${show(e.coverage)}`);
  }
  if (e.hashVersion !== undefined && e.hashVersion !== 1 && e.hashVersion !== 2) {
    fail(`${at}.hashVersion`, `must be 1 or 2, got ${show(e.hashVersion)}`);
  }
  if (e.namespace !== undefined) validateNamespace(`${at}.namespace`, e.namespace);
  if (e.holdout !== undefined) {
    const h = e.holdout as Partial<Holdout> | null;
    if (h === null || typeof h !== "object") fail(`${at}.holdout`, `must be an object, got ${show(h)}`);
    if (!isUnitNumber(h.share))
      fail(`${at}.holdout.share`, `must be a number in [0, 1], got ${show(h.share)}`);
    if (typeof h.seed !== "string" || h.seed.length === 0) {
      fail(`${at}.holdout.seed`, `must be a non-empty string, got ${show(h.seed)}`);
    }
  }
  const t = e.targeting;
  if (
    t !== undefined &&
    typeof t !== "function" &&
    (t === null || typeof t !== "object" || Array.isArray(t))
  ) {
    fail(`${at}.targeting`, `must be a function or an attribute map, got ${show(t)}`);
  }
}

function validateNamespace(path: string, ns: unknown): void {
  if (!Array.isArray(ns) || ns.length !== 3) fail(path, `must be [namespace, start, end], got ${show(ns)}`);
  const [id, start, end] = ns as unknown[];
  if (typeof id !== "string" || id.length === 0)
    fail(`${path}[0]`, `must be a non-empty string, got ${show(id)}`);
  if (!isUnitNumber(start)) fail(`${path}[1]`, `must be a number in [0, 1], got ${show(start)}`);
  if (!isUnitNumber(end)) fail(`${path}[2]`, `must be a number in [0, 1], got ${show(end)}`);
  if (end < start) fail(`${path}[2]`, `must not be below the start ${start}, got ${end}`);
}
