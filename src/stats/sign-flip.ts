/**
 * The null distribution of S = Σ εᵢ|dᵢ|, εᵢ = ±1 equally likely, three ways. Each takes the absolute
 * non-zero differences and the observed sum, and counts the sign patterns at least as extreme.
 * Exact methods are exact; the Monte Carlo one uses (count + 1) / (B + 1) (Phipson & Smyth 2010).
 */

import type { Xoshiro128 } from "./rng.js";
import type { Alternative } from "./validate.js";

/** Relative slack when comparing floating sums, so ties are not lost to rounding. */
const REL_TOL = 1e-9;

function tolerance(abs: Float64Array): number {
  let total = 0;
  for (let i = 0; i < abs.length; i++) total += abs[i]!;
  return REL_TOL * total;
}

/**
 * All 2^h sums Σ ±xᵢ over x = abs[from, to), ascending, built already sorted: adding item j merges
 * the sorted sums with themselves shifted by 2|dⱼ| (linear work, no sort).
 */
function halfSums(abs: Float64Array, from: number, to: number): Float64Array {
  const h = to - from;
  let sums = new Float64Array(2 ** h);
  let next = new Float64Array(2 ** h);
  let start = 0;
  for (let i = from; i < to; i++) start -= abs[i]!;
  sums[0] = start;
  for (let j = 0; j < h; j++) {
    const step = 2 * abs[from + j]!;
    const size = 2 ** j;
    let p = 0;
    let q = 0;
    let k = 0;
    while (p < size && q < size) {
      const shifted = sums[q]! + step;
      if (sums[p]! <= shifted) next[k++] = sums[p++]!;
      else {
        next[k++] = shifted;
        q++;
      }
    }
    while (p < size) next[k++] = sums[p++]!;
    while (q < size) next[k++] = sums[q++]! + step;
    [sums, next] = [next, sums];
  }
  return sums;
}

/** Pairs (x, y) from ascending X, Y with x + y ≥ c. */
function countAtLeast(x: Float64Array, y: Float64Array, c: number): number {
  let count = 0;
  let j = y.length; // y[j..] are the partners of the current x
  for (let i = 0; i < x.length; i++) {
    while (j > 0 && x[i]! + y[j - 1]! >= c) j--;
    count += y.length - j;
  }
  return count;
}

/**
 * Exact by complete enumeration, meet-in-the-middle: the 2^m sums are the pairwise sums of two
 * halves' 2^(m/2) sums, so m = 24 costs two sorted lists of 4,096 sums instead of 16.7 million patterns.
 */
export function enumerateSignFlips(abs: Float64Array, observed: number, alternative: Alternative): number {
  const m = abs.length;
  if (m === 0) return 1;
  const tol = tolerance(abs);
  const half = m >> 1;
  const x = halfSums(abs, 0, half);
  const y = halfSums(abs, half, m);
  let count: number;
  if (alternative === "greater") {
    count = countAtLeast(x, y, observed - tol);
  } else if (alternative === "less") {
    // S ≤ obs  ⇔  (−S) ≥ −obs, and the distribution of S is symmetric.
    count = countAtLeast(x, y, -observed - tol);
  } else {
    const c = Math.abs(observed) - tol;
    count = c <= 0 ? 2 ** m : 2 * countAtLeast(x, y, c);
  }
  return Math.min(1, count / 2 ** m);
}

/**
 * Integer weights wᵢ = |dᵢ|·q when every |dᵢ| is a multiple of 1/q for some q ≤ maxDenominator (as
 * with pass/fail scores averaged over repeats), else undefined.
 */
export function latticeWeights(abs: Float64Array, maxDenominator = 1000): Int32Array | undefined {
  const distinct = Float64Array.from(new Set(abs));
  if (distinct.length > 4096) return undefined;
  for (let q = 1; q <= maxDenominator; q++) {
    let ok = true;
    for (let i = 0; i < distinct.length; i++) {
      const scaled = distinct[i]! * q;
      if (Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, scaled)) {
        ok = false;
        break;
      }
    }
    if (ok) {
      const w = new Int32Array(abs.length);
      for (let i = 0; i < abs.length; i++) w[i] = Math.round(abs[i]! * q);
      return w;
    }
  }
  return undefined;
}

/**
 * Exact on a lattice: with S·q = 2T − W, T = Σ of the weights given a + sign and W = Σ wᵢ, the
 * distribution of T is a subset-sum convolution computed in O(m·W). `positive` is the observed T.
 */
export function latticeSignFlips(weights: Int32Array, positive: number, alternative: Alternative): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  const dp = new Float64Array(total + 1);
  dp[0] = 1;
  let top = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    top += w;
    for (let t = top; t >= w; t--) dp[t] = 0.5 * (dp[t]! + dp[t - w]!);
    for (let t = Math.min(w - 1, top); t >= 0; t--) dp[t] = 0.5 * dp[t]!;
  }
  const observed = 2 * positive - total;
  let p = 0;
  for (let t = 0; t <= total; t++) {
    const s = 2 * t - total;
    const extreme =
      alternative === "greater"
        ? s >= observed
        : alternative === "less"
          ? s <= observed
          : Math.abs(s) >= Math.abs(observed);
    if (extreme) p += dp[t]!;
  }
  return Math.min(1, p);
}

/** The cost of `latticeSignFlips` in inner-loop steps. */
export function latticeCost(weights: Int32Array): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  return weights.length * total;
}

/**
 * Seeded Monte Carlo: B random sign patterns, 32 signs per 32-bit draw, no per-resample allocation.
 * Returns the count of patterns at least as extreme as the observed sum.
 */
export function monteCarloSignFlips(
  abs: Float64Array,
  observed: number,
  alternative: Alternative,
  resamples: number,
  rng: Xoshiro128,
): number {
  const m = abs.length;
  const tol = tolerance(abs);
  let total = 0;
  for (let i = 0; i < m; i++) total += abs[i]!;
  const target = Math.abs(observed) - tol;
  let count = 0;
  for (let r = 0; r < resamples; r++) {
    let plus = 0;
    for (let i = 0; i < m; i += 32) {
      let bits = rng.nextUint32();
      const end = Math.min(m, i + 32);
      for (let j = i; j < end; j++) {
        plus += abs[j]! * (bits & 1);
        bits >>>= 1;
      }
    }
    const s = 2 * plus - total;
    if (alternative === "two-sided") {
      if (Math.abs(s) >= target) count++;
    } else if (alternative === "greater") {
      if (s >= observed - tol) count++;
    } else if (s <= observed + tol) {
      count++;
    }
  }
  return count;
}
