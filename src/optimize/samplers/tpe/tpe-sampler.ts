import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { FinishedTrial, ParamSpec, ParamValue, Sampler, SearchSpace } from "../../../core/ports.js";
import { Xoshiro128 } from "../../../stats/rng.js";
import { sampleSpace, sampleUniform } from "../random.js";
import { type BaseSamplerOptions, createSampler, resolveBaseOptions } from "../sampler-base.js";
import { fitsSpec } from "../space.js";
import { ParzenEstimator, type ParzenParameters, type Point } from "./parzen.js";
import { type Split, splitTrials } from "./split.js";

/** Options of {@link tpeSampler}; the defaults are Optuna's. */
export interface TpeSamplerOptions extends BaseSamplerOptions {
  /** Trials sampled at random before TPE starts modelling (complete and pruned ones count). Default 10. */
  nStartupTrials?: number;
  /** Candidates drawn from l(x) per ask; the one with the best l(x)/g(x) wins. Default 24. */
  nEiCandidates?: number;
  /** Model the dimensions every trial shares jointly (falls back to one at a time for the rest). Default true. */
  multivariate?: boolean;
  /**
   * How many of n trials count as good. Default min(ceil(0.1 n), 25) for one objective and
   * ceil(0.1 n) for several (Optuna's `default_gamma` / `default_gamma_multiobjective`).
   */
  gamma?: (n: number) => number;
  /** Weight of the prior kernel. Default 1. */
  priorWeight?: number;
  /** Let the domain's ends bound the outermost kernels' bandwidths. Default false. */
  considerEndpoints?: boolean;
}

const singleGamma = (n: number) => Math.min(Math.ceil(0.1 * n), 25);
const multiGamma = (n: number) => Math.ceil(0.1 * n);

/** Optuna's default kernel weights: 1 each, older trials ramped down from 1/n once there are over 25. */
export function defaultWeights(n: number): number[] {
  if (n < 25) return new Array<number>(n).fill(1);
  const ramp = n - 25;
  const head = Array.from({ length: ramp }, (_, i) =>
    ramp === 1 ? 1 / n : 1 / n + (i * (1 - 1 / n)) / (ramp - 1),
  );
  return [...head, ...new Array<number>(25).fill(1)];
}

function checkInteger(argument: string, value: number, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(
      `tpeSampler ${argument}`,
      `expected an integer >= ${min}, got ${String(value)}`,
    );
  }
  return value;
}

function checkBoolean(argument: string, value: boolean): boolean {
  if (typeof value !== "boolean")
    throw new InvalidArgumentError(`tpeSampler ${argument}`, "expected true or false");
  return value;
}

function singleValue(spec: ParamSpec): ParamValue | undefined {
  if (spec.type === "categorical") return spec.choices.length === 1 ? spec.choices[0] : undefined;
  return spec.low === spec.high ? spec.low : undefined;
}

function toPoint(specs: readonly ParamSpec[], names: readonly string[], trial: FinishedTrial): Point {
  return specs.map((spec, i) => {
    const value = trial.params[names[i]!];
    return spec.type === "categorical"
      ? spec.choices.findIndex((c) => Object.is(c, value))
      : (value as number);
  });
}

/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011; Watanabe 2023), after Optuna's
 * TPESampler: once `nStartupTrials` trials have finished, the best gamma(n) of them fit a density
 * l(x), the rest g(x); `nEiCandidates` draws from l(x) are scored by log l(x) − log g(x) and the
 * best is asked. Complete trials rank by value (several objectives: by Pareto front, then
 * hypervolume contribution), pruned ones below them by their last intermediate value; failed trials
 * are ignored. Seeded: the same seed and history give the same asks.
 */
export function tpeSampler(options: TpeSamplerOptions = {}): Sampler {
  const base = resolveBaseOptions(options, "tpeSampler");
  const nStartupTrials = checkInteger("nStartupTrials", options.nStartupTrials ?? 10, 0);
  const nEiCandidates = checkInteger("nEiCandidates", options.nEiCandidates ?? 24, 1);
  const multivariate = checkBoolean("multivariate", options.multivariate ?? true);
  const considerEndpoints = checkBoolean("considerEndpoints", options.considerEndpoints ?? false);
  const priorWeight = options.priorWeight ?? 1;
  if (typeof priorWeight !== "number" || !Number.isFinite(priorWeight) || priorWeight <= 0) {
    throw new InvalidArgumentError(
      "tpeSampler priorWeight",
      `expected a positive number, got ${String(priorWeight)}`,
    );
  }
  const gamma = options.gamma ?? (base.directions.length > 1 ? multiGamma : singleGamma);
  if (typeof gamma !== "function") {
    throw new InvalidArgumentError(
      "tpeSampler gamma",
      "expected a function of the trial count",
      "e.g. gamma: (n) => Math.ceil(0.15 * n)",
    );
  }
  const parzen: ParzenParameters = { priorWeight, considerEndpoints };
  const rng = new Xoshiro128(base.seed);
  const multiObjective = base.directions.length > 1;

  function countBelow(n: number): number {
    const k = gamma(n);
    if (typeof k !== "number" || Number.isNaN(k)) {
      throw new InvalidArgumentError(
        "tpeSampler gamma",
        `gamma(${n}) returned ${String(k)}, expected a number`,
      );
    }
    return Math.max(0, Math.min(n, Math.floor(k)));
  }

  /** Draws values for `names` jointly from l(x), picking the candidate with the best l/g ratio. */
  function sampleGroup(
    space: SearchSpace,
    names: readonly string[],
    split: Split,
  ): Record<string, ParamValue> {
    const specs = names.map((name) => space[name]!);
    const fits = (t: FinishedTrial) => specs.every((spec, i) => fitsSpec(spec, t.params[names[i]!]));
    const below = split.below.filter(fits).map((t) => toPoint(specs, names, t));
    const above = split.above.filter(fits).map((t) => toPoint(specs, names, t));
    if (below.length + above.length === 0)
      return Object.fromEntries(names.map((n, i) => [n, sampleUniform(specs[i]!, rng)]));
    const belowWeights = multiObjective
      ? new Array<number>(below.length).fill(1)
      : defaultWeights(below.length);
    const l = new ParzenEstimator(below, specs, belowWeights, parzen);
    const g = new ParzenEstimator(above, specs, defaultWeights(above.length), parzen);
    const candidates = l.sample(rng, nEiCandidates);
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    candidates.forEach((c, i) => {
      const score = l.logPdf(c) - g.logPdf(c);
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    const chosen = candidates[best]!;
    return Object.fromEntries(
      names.map((name, i) => {
        const spec = specs[i]!;
        return [name, spec.type === "categorical" ? spec.choices[chosen[i]!]! : chosen[i]!];
      }),
    );
  }

  function propose(space: SearchSpace, finished: readonly FinishedTrial[]): Record<string, ParamValue> {
    const usable = finished.filter((t) => t.outcome.state !== "fail");
    if (usable.length < nStartupTrials || usable.length === 0) return sampleSpace(space, rng);
    const split = splitTrials(usable, countBelow(usable.length), base.directions);
    const names = Object.keys(space);
    const varying = names.filter((name) => singleValue(space[name]!) === undefined);
    const shared = multivariate
      ? varying.filter((name) => usable.every((t) => fitsSpec(space[name]!, t.params[name])))
      : [];
    const drawn = shared.length > 0 ? sampleGroup(space, shared, split) : {};
    const params: Record<string, ParamValue> = {};
    for (const name of names) {
      const fixed = singleValue(space[name]!);
      if (fixed !== undefined) params[name] = fixed;
      else if (name in drawn) params[name] = drawn[name]!;
      else params[name] = sampleGroup(space, [name], split)[name]!;
    }
    return params;
  }

  return createSampler("tpe", base, propose);
}
