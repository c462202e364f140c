/**
 * The always-valid test of "no difference in means" behind the default "sequential" method: a
 * normal-mixture sequential probability ratio test (mSPRT; R. Johari, P. Koomen, L. Pekelis &
 * D. Walsh 2022, "Always valid inference: continuous monitoring of A/B tests", Operations Research
 * 70:1806-1821) and its dual confidence sequence (S. Howard, A. Ramdas, J. McAuliffe & J. Sekhon
 * 2021, "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist. 49:1055-1080,
 * the two-sided normal mixture boundary).
 *
 * With Δ̂ = x̄_B − x̄_A, its variance V = s²_A/n_A + s²_B/n_B (plug-in sample variances) and a mixing
 * prior Δ ~ N(0, τ²), the mixture likelihood ratio against Δ = 0 is
 *
 *   Λ = √(V / (V + τ²)) · exp(Δ̂² τ² / (2 V (V + τ²)))
 *
 * a non-negative martingale under Δ = 0 for Gaussian data with known V, so by Ville's inequality
 * P(∃ look: Λ ≥ 1/α) ≤ α: the p-value min(1, 1/Λ) may be read at every look. Inverting at Δ gives
 * the confidence sequence Δ̂ ± √(2 V (V + τ²)/τ² · (log(1/α) + ½ log((V + τ²)/V))).
 *
 * τ² is tuned so the sequence is tightest at `tuneAt` units per variant: τ² = r · V(tuneAt) where
 * r solves r = 2 log(1/α) + log(1 + r) (r ≈ 8.1 at α = 0.05), V(tuneAt) = (s²_A + s²_B) / tuneAt.
 * Assumptions: units independent and arriving in an order unrelated to their outcomes, means close
 * enough to normal (central limit theorem; ≥ 100 units per variant and, for rates, ≥ 10 successes),
 * equal-ish allocation; the plug-in variances make validity asymptotic (checked by bench/aa-peeking.ts).
 */
import type { Moments } from "./units.js";

export interface MixtureOptions {
  alpha: number;
  /** Units per variant where the confidence sequence is tightest. */
  tuneAt: number;
}

export interface MixtureResult {
  diff: number;
  lower: number;
  upper: number;
  /** min(1, 1/Λ): valid at whatever look it is read. */
  pValue: number;
  /** Λ, an e-value. */
  likelihoodRatio: number;
  mixingVariance: number;
}

/** r with r = 2 log(1/α) + log(1 + r): the optimal ratio τ²/V at the tuning point. */
export function mixingRatio(alpha: number): number {
  const l = 2 * Math.log(1 / alpha);
  let r = l;
  for (let i = 0; i < 50; i++) r = l + Math.log1p(r);
  return r;
}

export function mixtureTest(a: Moments, b: Moments, options: MixtureOptions): MixtureResult {
  const diff = b.mean - a.mean;
  const v = (a.n > 0 ? a.variance / a.n : Number.POSITIVE_INFINITY) + (b.n > 0 ? b.variance / b.n : Infinity);
  const tau2 = (mixingRatio(options.alpha) * (a.variance + b.variance)) / Math.max(1, options.tuneAt);
  if (!(v > 0) || !Number.isFinite(v) || !(tau2 > 0)) {
    return { diff, lower: -Infinity, upper: Infinity, pValue: 1, likelihoodRatio: 1, mixingVariance: tau2 };
  }
  const logLr = 0.5 * Math.log(v / (v + tau2)) + (diff * diff * tau2) / (2 * v * (v + tau2));
  const half = Math.sqrt(
    ((2 * v * (v + tau2)) / tau2) * (Math.log(1 / options.alpha) + 0.5 * Math.log1p(tau2 / v)),
  );
  return {
    diff,
    lower: diff - half,
    upper: diff + half,
    pValue: Math.min(1, Math.exp(-logLr)),
    likelihoodRatio: Math.exp(logLr),
    mixingVariance: tau2,
  };
}
