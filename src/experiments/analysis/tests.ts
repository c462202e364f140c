/** Fixed-horizon and Bayesian comparisons of one challenger against control. */
import { normalCdf, normalQuantile, normalSf } from "../../stats/normal.js";
import type { Sampler } from "../bandits/sampling.js";
import { studentTQuantile, studentTSf } from "./distributions.js";
import type { Moments } from "./units.js";

export interface FixedResult {
  diff: number;
  lower: number;
  upper: number;
  pValue: number;
  statistic: number;
}

/**
 * Two-proportion z-test (pooled standard error for the p-value, unpooled Wald interval) of b − a.
 * Rates come from `mean` (the share of converted units) and counts from `n`.
 */
export function twoProportionZ(a: Moments, b: Moments, alpha: number): FixedResult {
  const diff = b.mean - a.mean;
  const pooled = (a.mean * a.n + b.mean * b.n) / (a.n + b.n);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const se = Math.sqrt((a.mean * (1 - a.mean)) / a.n + (b.mean * (1 - b.mean)) / b.n);
  const z = se0 > 0 ? diff / se0 : 0;
  const q = normalQuantile(1 - alpha / 2);
  return {
    diff,
    lower: diff - q * se,
    upper: diff + q * se,
    pValue: Math.min(1, 2 * normalSf(Math.abs(z))),
    statistic: z,
  };
}

/** Welch's unequal-variance t-test of b − a with Welch–Satterthwaite degrees of freedom. */
export function welchT(a: Moments, b: Moments, alpha: number): FixedResult & { df: number } {
  const diff = b.mean - a.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return { diff, lower: diff, upper: diff, pValue: diff === 0 ? 1 : 0, statistic: 0, df: 0 };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = diff / se;
  const q = studentTQuantile(1 - alpha / 2, df);
  return {
    diff,
    lower: diff - q * se,
    upper: diff + q * se,
    pValue: Math.min(1, 2 * studentTSf(Math.abs(t), df)),
    statistic: t,
    df,
  };
}

export interface BayesResult {
  /** P(variant better than control) under the metric's direction. */
  probabilityToBeat: number;
  /** E[max(control − variant, 0)] on the "better" scale: what choosing the variant costs if wrong. */
  expectedLoss: number;
}

/**
 * Beta-binomial with uniform Beta(1, 1) priors, by seeded Monte Carlo draws of both posteriors.
 * `sign` is +1 when higher is better, −1 when lower is.
 */
export function betaBinomial(
  a: Moments,
  b: Moments,
  sign: 1 | -1,
  sampler: Sampler,
  draws: number,
): BayesResult {
  const xa = Math.round(a.mean * a.n);
  const xb = Math.round(b.mean * b.n);
  let wins = 0;
  let loss = 0;
  for (let i = 0; i < draws; i++) {
    const pa = sampler.beta(1 + xa, 1 + a.n - xa);
    const pb = sampler.beta(1 + xb, 1 + b.n - xb);
    const d = sign * (pb - pa);
    if (d > 0) wins++;
    else loss -= d;
  }
  return { probabilityToBeat: wins / draws, expectedLoss: loss / draws };
}

/**
 * Normal approximation for continuous metrics (flat priors): the difference of means is
 * N(Δ̂, s²_A/n_A + s²_B/n_B); the loss E[max(−D, 0)] = σ φ(Δ/σ) − Δ Φ(−Δ/σ) in closed form.
 */
export function normalPosterior(a: Moments, b: Moments, sign: 1 | -1): BayesResult {
  const d = sign * (b.mean - a.mean);
  const sd = Math.sqrt(a.variance / a.n + b.variance / b.n);
  if (!(sd > 0)) return { probabilityToBeat: d > 0 ? 1 : d < 0 ? 0 : 0.5, expectedLoss: Math.max(0, -d) };
  const z = d / sd;
  const pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return { probabilityToBeat: normalCdf(z), expectedLoss: sd * pdf - d * normalCdf(-z) };
}
