/**
 * The truncated normal distribution TPE's kernels use, in standardized form: a standard normal
 * restricted to [a, b]. Log masses stay accurate far in the tails (log Φ by its asymptotic series
 * below −20), as in Optuna's `_truncnorm.py`, which follows SciPy.
 */

import { normalCdf, normalQuantile } from "../../../stats/normal.js";

/** log √(2π), the standard normal density's log normalizer. */
export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** log Φ(x) for x < −20: log(φ(x)/−x) plus the log of the asymptotic series 1 − 1/x² + 3/x⁴ − …. */
function logNdtrTail(x: number): number {
  const inverse = 1 / (x * x);
  let series = 1;
  let term = 1;
  for (let i = 1; i < 12; i++) {
    term *= -(2 * i - 1) * inverse;
    series += term;
  }
  return -0.5 * x * x - Math.log(-x) - LOG_SQRT_2PI + Math.log(series);
}

/** log Φ(x), the log of the standard normal CDF, without underflow in either tail. */
export function logNdtr(x: number): number {
  if (x > 6) return -normalCdf(-x);
  if (x > -20) return Math.log(normalCdf(x));
  return logNdtrTail(x);
}

/** log(e^p − e^q) for p ≥ q. */
function logDiff(p: number, q: number): number {
  return p + Math.log1p(-Math.exp(q - p));
}

/** log(Φ(b) − Φ(a)): the log probability that a standard normal lies in [a, b]. */
export function logGaussMass(a: number, b: number): number {
  if (b <= 0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0) return logDiff(logNdtr(-a), logNdtr(-b));
  return Math.log1p(-normalCdf(a) - normalCdf(-b));
}

/**
 * The q-quantile (0 ≤ q < 1) of a standard normal truncated to [a, b], by inverting Φ on the
 * side of zero where the CDF is accurate; the result is kept inside [a, b].
 */
export function truncNormQuantile(q: number, a: number, b: number): number {
  let x: number;
  if (a < 0) {
    const lower = normalCdf(a);
    x = normalQuantile(lower + q * (normalCdf(b) - lower));
  } else {
    const upper = normalCdf(-b);
    x = -normalQuantile(upper + (1 - q) * (normalCdf(-a) - upper));
  }
  return Number.isFinite(x) ? Math.min(b, Math.max(a, x)) : q < 0.5 ? a : b;
}

/** log density at `x` of N(mu, sigma²) truncated to [low, high] (−∞ outside). */
export function truncNormLogPdf(x: number, mu: number, sigma: number, low: number, high: number): number {
  if (x < low || x > high) return Number.NEGATIVE_INFINITY;
  const z = (x - mu) / sigma;
  return (
    -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigma) - logGaussMass((low - mu) / sigma, (high - mu) / sigma)
  );
}
