import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { adjustedLevel, bcaAchievedLevel, bcaParameters, midRankCdf, quantileSorted } from "./bca.js";
import { bootstrapDistribution } from "./bootstrap.js";
import { finite, openUnit, pairedDifferences } from "./validate.js";

export interface NonInferiorityOptions {
  /** How much worse b may be than a and still count as "not worse", in score units (e.g. 0.02). */
  margin: number;
  /** One-sided confidence level of the lower bound (default 0.95, i.e. α = 0.05). */
  confidence?: number;
  /** Bootstrap resamples (default 10 000). */
  resamples?: number;
  /** Default 0: reproducible. */
  seed?: number;
}

export interface NonInferiorityResult {
  /** True when the lower bound of mean(b − a) is above −margin. */
  nonInferior: boolean;
  /** One-sided lower confidence bound of mean(b − a). */
  lower: number;
  /** mean(b − a). */
  estimate: number;
  margin: number;
  /** Bootstrap achieved significance level for H0: mean(b − a) ≤ −margin. */
  pValue: number;
  confidence: number;
  method: "bootstrap-bca" | "bootstrap-percentile";
  resamples: number;
  n: number;
  note?: string;
}

/**
 * Non-inferiority of b to a on paired scores ("the cheaper prompt is not worse by more than the
 * margin"): H0: μ_b − μ_a ≤ −margin against H1: μ_b − μ_a > −margin, decided by the confidence-
 * interval method used in clinical trials (ICH E9; EMA 2000, "Points to consider on switching
 * between superiority and non-inferiority"): b is non-inferior when the one-sided lower
 * confidence bound of the mean paired difference lies above −margin. The bound is the BCa bootstrap
 * bound (Efron 1987) of mean(b − a) at level α = 1 − confidence, from the same resampling as
 * `bootstrapCI`; the p-value is the BCa achieved significance level (Efron & Tibshirani 1993, §15.4),
 * which is below α exactly when the bound is above −margin, up to the bootstrap's granularity.
 * With fewer than 3 pairs the percentile bound and p-value are used.
 */
export function nonInferiorityTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: NonInferiorityOptions,
): NonInferiorityResult {
  if (options === null || typeof options !== "object") {
    throw new InvalidArgumentError("options", "expected { margin }", "Pass e.g. { margin: 0.02 }.");
  }
  const margin = finite(options.margin, "margin");
  if (margin < 0) {
    throw new InvalidArgumentError(
      "margin",
      `expected a margin ≥ 0, got ${margin}`,
      "A margin of 0.02 means 2 points.",
    );
  }
  const confidence = openUnit(options.confidence ?? 0.95, "confidence");
  const d = pairedDifferences(a, b);
  const dist = bootstrapDistribution(d, {
    statistic: "mean",
    resamples: options.resamples,
    seed: options.seed,
  });
  const { estimate, replicates, jackknife } = dist;
  const alpha = 1 - confidence;
  const base = { estimate, margin, confidence, resamples: replicates.length, n: d.length };

  if (replicates[0] === replicates[replicates.length - 1]) {
    const lower = replicates[0]!;
    return {
      ...base,
      nonInferior: lower > -margin,
      lower,
      pValue: lower > -margin ? 0 : 1,
      method: "bootstrap-percentile",
      note: "every paired difference is equal: no variation to bound",
    };
  }
  if (jackknife.length >= 3) {
    const params = bcaParameters(estimate, replicates, jackknife);
    const level = adjustedLevel(params, alpha);
    if (Number.isFinite(params.z0) && Number.isFinite(level)) {
      const lower = quantileSorted(replicates, level);
      const pValue = bcaAchievedLevel(params, replicates, -margin);
      return { ...base, nonInferior: lower > -margin, lower, pValue, method: "bootstrap-bca" };
    }
  }
  const lower = quantileSorted(replicates, alpha);
  return {
    ...base,
    nonInferior: lower > -margin,
    lower,
    pValue: midRankCdf(replicates, -margin),
    method: "bootstrap-percentile",
    note:
      jackknife.length < 3
        ? "BCa needs at least 3 pairs; percentile bound used"
        : "BCa adjustment undefined; percentile bound used",
  };
}
