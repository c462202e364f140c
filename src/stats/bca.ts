/**
 * The BCa ("bias-corrected and accelerated") bootstrap interval of B. Efron (1987), "Better bootstrap
 * confidence intervals", JASA 82:171-185, as in Efron & Tibshirani (1993), "An Introduction to the
 * Bootstrap", ch. 14, computed from a bootstrap distribution and the jackknife values:
 *
 *   z0 = Φ⁻¹(Ĝ(θ̂)), Ĝ(θ̂) = (#{θ*ᵦ < θ̂} + ½ #{θ*ᵦ = θ̂}) / B          (bias correction; ties
 *                                                                        half-counted, as SciPy does)
 *   a  = Σ (θ̄₍.₎ − θ₍ᵢ₎)³ / (6 [Σ (θ̄₍.₎ − θ₍ᵢ₎)²]^{3/2})                (acceleration, jackknife)
 *   αₖ = Φ(z0 + (z0 + z_αₖ) / (1 − a (z0 + z_αₖ)))                      (adjusted levels)
 *
 * and the interval is the α₁ and α₂ quantiles of the θ* (linear interpolation, R/NumPy type 7).
 */
import { normalCdf, normalQuantile } from "./normal.js";

/** The p-quantile of ascending values, with linear interpolation (Hyndman & Fan type 7). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Ĝ(c) = (#{x < c} + ½ #{x = c}) / n for ascending x. */
export function midRankCdf(sorted: Float64Array, c: number): number {
  let below = 0;
  let hi = sorted.length;
  while (below < hi) {
    const mid = (below + hi) >> 1;
    if (sorted[mid]! < c) below = mid + 1;
    else hi = mid;
  }
  let upTo = below;
  hi = sorted.length;
  while (upTo < hi) {
    const mid = (upTo + hi) >> 1;
    if (sorted[mid]! <= c) upTo = mid + 1;
    else hi = mid;
  }
  return (below + 0.5 * (upTo - below)) / sorted.length;
}

/** The jackknife acceleration; 0 when the jackknife values do not vary. */
export function acceleration(jackknife: Float64Array): number {
  const n = jackknife.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += jackknife[i]!;
  mean /= n;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const u = mean - jackknife[i]!;
    s2 += u * u;
    s3 += u * u * u;
  }
  if (!(s2 > 0)) return 0;
  const a = s3 / (6 * s2 ** 1.5);
  return Number.isFinite(a) ? a : 0;
}

export interface BcaParameters {
  /** Bias correction. */
  z0: number;
  /** Acceleration. */
  a: number;
}

export function bcaParameters(
  estimate: number,
  sorted: Float64Array,
  jackknife: Float64Array,
): BcaParameters {
  return { z0: normalQuantile(midRankCdf(sorted, estimate)), a: acceleration(jackknife) };
}

/** The BCa-adjusted level for nominal level p; NaN when the adjustment breaks down. */
export function adjustedLevel({ z0, a }: BcaParameters, p: number): number {
  const u = z0 + normalQuantile(p);
  const denominator = 1 - a * u;
  if (!Number.isFinite(u) || !(denominator > 0)) return Number.NaN;
  return normalCdf(z0 + u / denominator);
}

/**
 * The BCa achieved significance level for H0: θ ≤ c against θ > c (Efron & Tibshirani 1993, §15.4):
 * the one-sided level at which the BCa lower bound equals c. With w = Φ⁻¹(Ĝ(c)) − z0 it is
 * Φ(w / (1 + a w) − z0); Ĝ(c) is kept within [½/B, 1 − ½/B] so the result stays finite.
 */
export function bcaAchievedLevel(params: BcaParameters, sorted: Float64Array, c: number): number {
  const b = sorted.length;
  const g = Math.min(1 - 0.5 / b, Math.max(0.5 / b, midRankCdf(sorted, c)));
  const w = normalQuantile(g) - params.z0;
  const denominator = 1 + params.a * w;
  if (!(denominator > 0)) return g;
  return normalCdf(w / denominator - params.z0);
}
