import type { ParamSpec } from "../../../core/ports.js";
import type { Xoshiro128 } from "../../../stats/rng.js";
import { type NumericSpec, onGrid, stepOf } from "../space.js";
import { LOG_SQRT_2PI, logGaussMass, truncNormQuantile } from "./truncnorm.js";

/** How the kernels are shaped (Optuna's `_ParzenEstimatorParameters`). */
export interface ParzenParameters {
  /** Weight of the prior component (a wide kernel mid-range; uniform over choices). */
  priorWeight: number;
  /** Let the domain's ends bound the outermost kernels' bandwidths. */
  considerEndpoints: boolean;
}

/** A point in the estimator's representation: numbers as they are, categoricals by choice index. */
export type Point = readonly number[];

interface NumericDim {
  kind: "numeric";
  spec: NumericSpec;
  step: number | undefined;
  /** Kernel centres and bandwidths in the working space (log space for log ranges). */
  mus: number[];
  sigmas: number[];
  /** Working-space bounds, widened by half a step for discrete dimensions. */
  low: number;
  high: number;
  /** Per kernel, log of its mass on [low, high] (the truncation's normalizer, computed once). */
  logMass: number[];
}

interface CategoricalDim {
  kind: "categorical";
  /** Per component, the probability of each choice. */
  probs: number[][];
}

type Dim = NumericDim | CategoricalDim;

const EPS = 1e-12;

function numericDim(values: readonly number[], spec: NumericSpec, p: ParzenParameters): NumericDim {
  const step = stepOf(spec);
  const half = (step ?? 0) / 2;
  const warp = spec.log ? Math.log : (x: number) => x;
  const low = warp(spec.low - half);
  const high = warp(spec.high + half);
  const mus = values.map(warp);
  const sigmas = bandwidths(mus, low, high, p.considerEndpoints);
  mus.push(0.5 * (low + high));
  sigmas.push(Math.max(EPS, high - low));
  const logMass = mus.map((mu, i) => logGaussMass((low - mu) / sigmas[i]!, (high - mu) / sigmas[i]!));
  return { kind: "numeric", spec, step, mus, sigmas, low, high, logMass };
}

/**
 * Each kernel's bandwidth: the larger gap to its neighbours in sorted order (the domain's ends count
 * as neighbours; unless `considerEndpoints`, the outermost kernels use their inner gap only), then
 * the "magic clip" to [range / min(100, kernels + 1), range] (never below 1e-12, for a range that
 * vanishes in floating point).
 */
export function bandwidths(
  mus: readonly number[],
  low: number,
  high: number,
  considerEndpoints: boolean,
): number[] {
  const n = mus.length;
  const order = mus.map((_, i) => i).sort((i, j) => mus[i]! - mus[j]! || i - j);
  const sorted = [low, ...order.map((i) => mus[i]!), high];
  const gaps = order.map((_, r) => Math.max(sorted[r + 1]! - sorted[r]!, sorted[r + 2]! - sorted[r + 1]!));
  if (!considerEndpoints && n >= 2) {
    gaps[0] = sorted[2]! - sorted[1]!;
    gaps[n - 1] = sorted[n]! - sorted[n - 1]!;
  }
  const range = high - low;
  const minSigma = Math.max(range / Math.min(100, n + 2), EPS);
  const sigmas = new Array<number>(n);
  order.forEach((i, r) => {
    sigmas[i] = Math.max(EPS, Math.min(range, Math.max(minSigma, gaps[r]!)));
  });
  return sigmas;
}

function categoricalDim(indices: readonly number[], choices: number, priorWeight: number): CategoricalDim {
  const kernels = indices.length + 1;
  const base = priorWeight / kernels;
  const probs = [...indices, -1].map((observed) => {
    const row = new Array<number>(choices).fill(base);
    if (observed >= 0) row[observed]! += 1;
    const sum = row.reduce((a, b) => a + b, 0);
    return sum > 0 ? row.map((w) => w / sum) : row;
  });
  return { kind: "categorical", probs };
}

function pickIndex(cumulative: readonly number[], u: number): number {
  const target = u * cumulative[cumulative.length - 1]!;
  const i = cumulative.findIndex((c) => c > target);
  return i < 0 ? cumulative.length - 1 : i;
}

function cumsum(values: readonly number[]): number[] {
  let sum = 0;
  return values.map((v) => (sum += v));
}

function logSumExp(values: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/**
 * A mixture of product kernels, one component per observation plus the prior (Bergstra et al. 2011;
 * Watanabe 2023): numeric dimensions use truncated normals (on log values for log ranges, widened by
 * half a step and rounded back for discrete ones), categoricals put weight 1 on the observed choice
 * plus a share of the prior weight on every choice.
 */
export class ParzenEstimator {
  private readonly dims: Dim[];
  private readonly logWeights: number[];
  private readonly cumulative: number[];
  private readonly memo: Map<number, Float64Array>[];

  /** `observations` are rows of points; `weights` has one non-negative weight per row. */
  constructor(
    observations: readonly Point[],
    specs: readonly ParamSpec[],
    weights: readonly number[],
    p: ParzenParameters,
  ) {
    const all = observations.length === 0 ? [1] : [...weights, p.priorWeight];
    const total = all.reduce((a, b) => a + b, 0);
    this.logWeights = all.map((w) => Math.log(w / total));
    this.cumulative = cumsum(all);
    this.memo = specs.map(() => new Map<number, Float64Array>());
    this.dims = specs.map((spec, d) => {
      const column = observations.map((row) => row[d]!);
      if (spec.type === "categorical") return categoricalDim(column, spec.choices.length, p.priorWeight);
      return numericDim(column, spec, p);
    });
  }

  /** `size` draws from the mixture. */
  sample(rng: Xoshiro128, size: number): Point[] {
    const out: Point[] = [];
    for (let i = 0; i < size; i++) {
      const c = pickIndex(this.cumulative, rng.nextFloat());
      out.push(this.dims.map((dim) => sampleDim(dim, c, rng)));
    }
    return out;
  }

  /** log density (log probability for discrete dimensions) of `point` under the mixture. */
  logPdf(point: Point): number {
    const perComponent = Float64Array.from(this.logWeights);
    const n = perComponent.length;
    this.dims.forEach((dim, d) => {
      const value = point[d]!;
      if (dim.kind === "numeric" && dim.step !== undefined) {
        const terms = this.discreteTerms(d, dim, value);
        for (let c = 0; c < n; c++) perComponent[c]! += terms[c]!;
      } else {
        for (let c = 0; c < n; c++) perComponent[c]! += logPdfDim(dim, c, value);
      }
    });
    return logSumExp(perComponent);
  }

  /** A discrete coordinate's log mass under each component, remembered per value (grid values repeat). */
  private discreteTerms(d: number, dim: NumericDim, value: number): Float64Array {
    const memo = this.memo[d]!;
    let terms = memo.get(value);
    if (terms === undefined) {
      terms = new Float64Array(this.logWeights.length);
      for (let c = 0; c < terms.length; c++) terms[c] = logPdfDim(dim, c, value);
      memo.set(value, terms);
    }
    return terms;
  }
}

function sampleDim(dim: Dim, c: number, rng: Xoshiro128): number {
  if (dim.kind === "categorical") return pickIndex(cumsum(dim.probs[c]!), rng.nextFloat());
  const mu = dim.mus[c]!;
  const sigma = dim.sigmas[c]!;
  const z = truncNormQuantile(rng.nextFloat(), (dim.low - mu) / sigma, (dim.high - mu) / sigma);
  const working = mu + sigma * z;
  const x = dim.spec.log ? Math.exp(working) : working;
  const { spec, step } = dim;
  if (step === undefined) return Math.min(spec.high, Math.max(spec.low, x));
  const last = Math.round((spec.high - spec.low) / step);
  return onGrid(spec, Math.min(last, Math.max(0, Math.round((x - spec.low) / step))));
}

function logPdfDim(dim: Dim, c: number, value: number): number {
  if (dim.kind === "categorical") return Math.log(dim.probs[c]![value]!);
  const mu = dim.mus[c]!;
  const sigma = dim.sigmas[c]!;
  const warp = dim.spec.log ? Math.log : (x: number) => x;
  if (dim.step === undefined) {
    const x = warp(value);
    if (x < dim.low || x > dim.high) return Number.NEGATIVE_INFINITY;
    const z = (x - mu) / sigma;
    return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - dim.logMass[c]!;
  }
  const half = dim.step / 2;
  const left = Math.max(warp(value - half), dim.low);
  const right = Math.min(warp(value + half), dim.high);
  return logGaussMass((left - mu) / sigma, (right - mu) / sigma) - dim.logMass[c]!;
}
