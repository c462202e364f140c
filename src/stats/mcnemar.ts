import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { binomialCdf, binomialPmf, binomialSf } from "./binomial.js";
import { type PairedProportionDiffCI, pairedProportionDiffCI } from "./paired-proportion-ci.js";
import { type Alternative, alternative as checkAlternative, count, openUnit } from "./validate.js";

export interface McNemarOptions {
  /** Use the mid-p value (Lancaster 1961; Fagerland, Lydersen & Laake 2013). Default false. */
  midP?: boolean;
  /** "greater": B passes more often than A (c > b); "less": the reverse. Default "two-sided". */
  alternative?: Alternative;
  /** Level of the interval for pB − pA, given when `bothPass` and `bothFail` are (default 0.95). */
  confidence?: number;
  /** Pairs where both variants pass (n11); with `bothFail`, adds `diff` and `ci`. */
  bothPass?: number;
  /** Pairs where both variants fail (n00). */
  bothFail?: number;
}

export interface McNemarResult {
  pValue: number;
  /** McNemar's asymptotic χ² statistic (b − c)² / (b + c), for reporting; absent when b + c = 0. */
  statistic?: number;
  method: "exact" | "mid-p";
  alternative: Alternative;
  /** Pairs where only A passes. */
  b: number;
  /** Pairs where only B passes. */
  c: number;
  /** Discordant pairs, b + c. */
  n: number;
  /** pB − pA over all pairs, when the concordant counts were given. */
  diff?: number;
  /** Newcombe's hybrid score interval for pB − pA, when the concordant counts were given. */
  ci?: [lower: number, upper: number];
  interval?: PairedProportionDiffCI;
}

/**
 * McNemar's test for paired pass/fail outcomes, exact: conditional on the n = b + c discordant pairs,
 * c ~ Binomial(n, ½) under "no difference" (the sign test). Two-sided p = min(1, 2 P(X ≤ min(b, c))),
 * as in scipy.stats.binomtest. The mid-p variant subtracts half the probability of the observed count
 * (two-sided: 2 [P(X ≤ k) − ½ P(X = k)]); it is less conservative and, per Fagerland et al. (2013, BMC
 * Medical Research Methodology 13:91), kept the nominal level in every scenario they examined.
 *
 * `b` counts the pairs where only A passes, `c` the pairs where only B passes.
 */
export function mcnemarTest(b: number, c: number, options: McNemarOptions = {}): McNemarResult {
  count(b, "b");
  count(c, "c");
  const alternative = checkAlternative(options.alternative);
  const midP = options.midP === true;
  const n = b + c;
  let pValue: number;
  if (n === 0) {
    pValue = 1;
  } else if (alternative === "two-sided") {
    const k = Math.min(b, c);
    const tail = binomialCdf(k, n, 0.5) - (midP ? 0.5 * binomialPmf(k, n, 0.5) : 0);
    pValue = Math.min(1, 2 * tail);
  } else {
    // "greater": large c is evidence that B is better.
    const tail = alternative === "greater" ? binomialSf(c, n, 0.5) : binomialCdf(c, n, 0.5);
    pValue = Math.min(1, tail - (midP ? 0.5 * binomialPmf(c, n, 0.5) : 0));
  }
  const result: McNemarResult = {
    pValue,
    method: midP ? "mid-p" : "exact",
    alternative,
    b,
    c,
    n,
  };
  if (n > 0) result.statistic = ((b - c) * (b - c)) / n;
  if (options.bothPass !== undefined || options.bothFail !== undefined) {
    if (options.bothPass === undefined || options.bothFail === undefined) {
      throw new InvalidArgumentError(
        options.bothPass === undefined ? "bothPass" : "bothFail",
        "the interval needs both concordant counts",
        "Pass both { bothPass, bothFail }, or neither.",
      );
    }
    const confidence = openUnit(options.confidence ?? 0.95, "confidence");
    const interval = pairedProportionDiffCI(options.bothPass, b, c, options.bothFail, confidence);
    result.diff = interval.estimate;
    result.ci = [interval.lower, interval.upper];
    result.interval = interval;
  }
  return result;
}

/**
 * The fewest discordant pairs with which the exact (or mid-p) McNemar test can reach `alpha` at all:
 * the most extreme outcome, all n discordant pairs on one side, has two-sided p = 2 · 2^−n (mid-p:
 * 2^−n). Fewer than this and no result can be significant ("not enough data").
 */
export function minimumDiscordantPairs(
  alpha = 0.05,
  options: { midP?: boolean; twoSided?: boolean } = {},
): number {
  openUnit(alpha, "alpha");
  const sides = options.twoSided === false ? 1 : 2;
  const factor = options.midP === true ? sides / 2 : sides;
  // Smallest n with factor · 2^−n ≤ alpha.
  let n = Math.max(0, Math.ceil(Math.log2(factor / alpha)));
  while (n > 0 && factor * 2 ** -(n - 1) <= alpha) n--;
  while (factor * 2 ** -n > alpha) n++;
  return n;
}
