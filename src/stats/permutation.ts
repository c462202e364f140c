import { checkSeed, DEFAULT_SEED, Xoshiro128 } from "./rng.js";
import {
  enumerateSignFlips,
  latticeCost,
  latticeSignFlips,
  latticeWeights,
  monteCarloSignFlips,
} from "./sign-flip.js";
import {
  type Alternative,
  alternative as checkAlternative,
  pairedDifferences,
  positiveInteger,
} from "./validate.js";

/** Complete enumeration is used up to this many non-zero differences (2^24 patterns). */
export const MAX_ENUMERATION_PAIRS = 24;
/** The lattice method is used while m · W stays below this many steps. */
const MAX_LATTICE_COST = 2 ** 25;

export interface PairedPermutationOptions {
  /** Seed of the Monte Carlo resampling (default 0: reproducible). */
  seed?: number;
  /** Monte Carlo sign patterns when the exact methods do not apply (default 10 000). */
  resamples?: number;
  /** "greater": b scores higher than a; "less": lower. Default "two-sided". */
  alternative?: Alternative;
  /** Use an exact method when one is cheap (default true); false forces Monte Carlo. */
  exact?: boolean;
}

export interface PairedPermutationResult {
  pValue: number;
  /** mean(b − a) over all pairs. */
  meanDiff: number;
  method: "exact" | "monte-carlo";
  /** How the p-value was found: all patterns, the lattice convolution, or random patterns. */
  algorithm: "enumeration" | "lattice" | "monte-carlo";
  /** Random sign patterns drawn (0 when exact). */
  resamples: number;
  alternative: Alternative;
  /** Pairs. */
  n: number;
  /** Pairs with a non-zero difference (ties carry no information and are left out). */
  nonZero: number;
}

/**
 * Paired sign-flip permutation test of "no difference between a and b" on the differences
 * dᵢ = bᵢ − aᵢ, with statistic Σ dᵢ (equivalently the mean difference). Under the null each
 * difference is as likely to have either sign (Fisher 1935; Good 2005, "Permutation, Parametric and
 * Bootstrap Tests of Hypotheses", §3), so the p-value is the share of the 2^m sign patterns at least
 * as extreme as the data, m the number of non-zero differences. It is computed
 *
 * - exactly by enumeration when m ≤ 24 (meet-in-the-middle over two halves);
 * - exactly on a lattice when every |dᵢ| is a multiple of 1/q (q ≤ 1000: pass/fail or rubric scores
 *   averaged over repeats) by a subset-sum convolution, at any m while m·Σwᵢ ≤ 2^25;
 * - otherwise by seeded Monte Carlo with B patterns and p = (count + 1) / (B + 1), which is a valid
 *   p-value for every B (Phipson & Smyth 2010, Stat. Appl. Genet. Mol. Biol. 9:39).
 *
 * With 0/1 scores and one run the exact test equals the exact McNemar test.
 */
export function pairedPermutationTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: PairedPermutationOptions = {},
): PairedPermutationResult {
  const d = pairedDifferences(a, b);
  const alternative = checkAlternative(options.alternative);
  const seed = checkSeed(options.seed ?? DEFAULT_SEED);
  const resamples = positiveInteger(options.resamples ?? 10_000, "resamples", 1e8);
  const n = d.length;
  let observed = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    observed += d[i]!;
    if (d[i] !== 0) m++;
  }
  const abs = new Float64Array(m);
  let positive = 0;
  for (let i = 0, j = 0; i < n; i++) {
    if (d[i] !== 0) abs[j++] = Math.abs(d[i]!);
  }
  const base = { meanDiff: observed / n, alternative, n, nonZero: m };

  if (options.exact !== false) {
    if (m <= MAX_ENUMERATION_PAIRS) {
      const pValue = enumerateSignFlips(abs, observed, alternative);
      return { ...base, pValue, method: "exact", algorithm: "enumeration", resamples: 0 };
    }
    const weights = latticeWeights(abs);
    if (weights !== undefined && latticeCost(weights) <= MAX_LATTICE_COST) {
      for (let i = 0, j = 0; i < n; i++) {
        if (d[i] === 0) continue;
        if (d[i]! > 0) positive += weights[j]!;
        j++;
      }
      const pValue = latticeSignFlips(weights, positive, alternative);
      return { ...base, pValue, method: "exact", algorithm: "lattice", resamples: 0 };
    }
  }
  const count = monteCarloSignFlips(abs, observed, alternative, resamples, new Xoshiro128(seed));
  const pValue = (count + 1) / (resamples + 1);
  return { ...base, pValue, method: "monte-carlo", algorithm: "monte-carlo", resamples };
}
