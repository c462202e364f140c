import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { adjustedLevel, bcaParameters, quantileSorted } from "./bca.js";
import { checkSeed, DEFAULT_SEED, Xoshiro128 } from "./rng.js";
import { finiteArray, openUnit, positiveInteger } from "./validate.js";

/**
 * A statistic of a sample: "mean", "median", or a function. A function is called with a reused
 * buffer (one per bootstrap run, refilled for every resample), so it must not keep a reference to it.
 */
export type Statistic = "mean" | "median" | ((sample: Float64Array) => number);

export interface BootstrapOptions {
  statistic?: Statistic;
  /** Default "bca". */
  method?: "bca" | "percentile";
  /** Default 10 000. */
  resamples?: number;
  /** Default 0.95. */
  confidence?: number;
  /** Default 0: reproducible. */
  seed?: number;
}

export interface BootstrapResult {
  /** The statistic of the data. */
  estimate: number;
  lower: number;
  upper: number;
  /** The method actually used: "percentile" when BCa cannot apply (see `note`). */
  method: "bca" | "percentile";
  confidence: number;
  resamples: number;
  n: number;
  /** Why the interval is degenerate or fell back to the percentile method, if it did. */
  note?: string;
}

export interface BootstrapDistribution {
  estimate: number;
  /** The bootstrap replicates θ*, ascending. */
  replicates: Float64Array;
  /** Leave-one-out values θ₍ᵢ₎ (computed when n ≥ 3). */
  jackknife: Float64Array;
}

function median(sample: Float64Array): number {
  sample.sort();
  const n = sample.length;
  const h = n >> 1;
  return n % 2 === 1 ? sample[h]! : (sample[h - 1]! + sample[h]!) / 2;
}

function resolve(statistic: Statistic): (sample: Float64Array) => number {
  if (typeof statistic === "function") return statistic;
  if (statistic === "median") return median;
  throw new InvalidArgumentError(
    "statistic",
    `expected "mean", "median" or a function, got ${String(statistic)}`,
  );
}

/**
 * Draws B resamples with replacement (index = ⌊u·n / 2^32⌋ from xoshiro128**, in order) and
 * returns the sorted replicates and the jackknife values. The mean takes a path with no buffer.
 */
export function bootstrapDistribution(
  values: ArrayLike<number>,
  options: Pick<BootstrapOptions, "statistic" | "resamples" | "seed"> = {},
): BootstrapDistribution {
  const x = finiteArray(values, "values");
  const b = positiveInteger(options.resamples ?? 10_000, "resamples", 1e8);
  const rng = new Xoshiro128(checkSeed(options.seed ?? DEFAULT_SEED));
  const statistic = options.statistic ?? "mean";
  const n = x.length;
  const replicates = new Float64Array(b);
  const jackknife = new Float64Array(n >= 3 ? n : 0);
  let estimate: number;
  if (statistic === "mean") {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[i]!;
    estimate = sum / n;
    const index = new Int32Array(n);
    for (let r = 0; r < b; r++) {
      rng.fillBelow(index, n);
      let s = 0;
      for (let i = 0; i < n; i++) s += x[index[i]!]!;
      replicates[r] = s / n;
    }
    for (let i = 0; i < jackknife.length; i++) jackknife[i] = (sum - x[i]!) / (n - 1);
  } else {
    const fn = resolve(statistic);
    const buffer = new Float64Array(n);
    buffer.set(x);
    estimate = fn(buffer);
    const index = new Int32Array(n);
    for (let r = 0; r < b; r++) {
      rng.fillBelow(index, n);
      for (let i = 0; i < n; i++) buffer[i] = x[index[i]!]!;
      replicates[r] = fn(buffer);
    }
    const leaveOut = new Float64Array(Math.max(0, n - 1));
    for (let i = 0; i < jackknife.length; i++) {
      leaveOut.set(x.subarray(0, i), 0);
      leaveOut.set(x.subarray(i + 1), i);
      jackknife[i] = fn(leaveOut);
    }
  }
  if (!Number.isFinite(estimate)) {
    throw new InvalidArgumentError(
      "statistic",
      `returned ${estimate} for the data; expected a finite number`,
    );
  }
  replicates.sort();
  return { estimate, replicates, jackknife };
}

/**
 * An interval from a bootstrap distribution: the percentile interval, or BCa. BCa falls back to the
 * percentile interval (saying so in `note`) when n < 3, or when the bias correction is infinite (no
 * replicate on one side of the estimate) or the adjustment breaks down.
 */
export function intervalFromDistribution(
  dist: BootstrapDistribution,
  method: "bca" | "percentile",
  confidence: number,
): Pick<BootstrapResult, "lower" | "upper" | "method" | "note"> {
  const { estimate, replicates } = dist;
  const alpha = 1 - confidence;
  const first = replicates[0]!;
  const last = replicates[replicates.length - 1]!;
  if (first === last) {
    return {
      lower: first,
      upper: last,
      method,
      note: "every bootstrap replicate is equal: no variation in the data",
    };
  }
  let note: string | undefined;
  if (method === "bca") {
    if (dist.jackknife.length < 3) {
      note = "BCa needs at least 3 values; percentile interval used";
    } else {
      const params = bcaParameters(estimate, replicates, dist.jackknife);
      const lo = adjustedLevel(params, alpha / 2);
      const hi = adjustedLevel(params, 1 - alpha / 2);
      if (Number.isFinite(params.z0) && Number.isFinite(lo) && Number.isFinite(hi)) {
        return {
          lower: quantileSorted(replicates, lo),
          upper: quantileSorted(replicates, hi),
          method: "bca",
        };
      }
      note =
        "BCa adjustment undefined (every replicate on one side of the estimate); percentile interval used";
    }
  }
  const out: Pick<BootstrapResult, "lower" | "upper" | "method" | "note"> = {
    lower: quantileSorted(replicates, alpha / 2),
    upper: quantileSorted(replicates, 1 - alpha / 2),
    method: "percentile",
  };
  if (note !== undefined) out.note = note;
  return out;
}

/**
 * A bootstrap confidence interval for a statistic of one sample (for paired data, pass the
 * differences b − a). BCa by default (Efron 1987; see `bca.ts`), or the percentile interval.
 * Deterministic for a seed.
 */
export function bootstrapCI(values: ArrayLike<number>, options: BootstrapOptions = {}): BootstrapResult {
  const method = options.method ?? "bca";
  if (method !== "bca" && method !== "percentile") {
    throw new InvalidArgumentError("method", `expected "bca" or "percentile", got ${String(method)}`);
  }
  const confidence = openUnit(options.confidence ?? 0.95, "confidence");
  const dist = bootstrapDistribution(values, options);
  const interval = intervalFromDistribution(dist, method, confidence);
  const result: BootstrapResult = {
    estimate: dist.estimate,
    lower: interval.lower,
    upper: interval.upper,
    method: interval.method,
    confidence,
    resamples: dist.replicates.length,
    n: values.length,
  };
  if (interval.note !== undefined) result.note = interval.note;
  return result;
}
