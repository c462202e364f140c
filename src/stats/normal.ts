/**
 * The standard normal distribution. CDF: for |x| < 2 from the Maclaurin series of erf, beyond from
 * the continued fraction of the upper incomplete gamma function Q(½, x²/2) = 2Φ(−|x|) (Lentz's
 * method, as in Press et al., "Numerical Recipes", §6.2), so the far tails keep full relative
 * accuracy (about 1e-14). Quantile: Wichura's AS 241 PPND16 (1988, Applied Statistics 37:477-484),
 * accurate to about 1e-16.
 */

import { upperGammaFraction } from "./gamma.js";

const SQRT_PI = 1.772453850905516;

/** Φ(−t) for t ≥ 2 by the continued fraction of Q(½, t²/2). */
function upperTail(t: number): number {
  const x = (t * t) / 2;
  const h = upperGammaFraction(0.5, x, 1e-16, 500);
  return (0.5 * Math.exp(-x) * (t / Math.SQRT2) * h) / SQRT_PI;
}

/** erf(z) for |z| < √2 by its Maclaurin series. */
function erfSeries(z: number): number {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < 100; n++) {
    term *= -z2 / n;
    const next = sum + term / (2 * n + 1);
    if (next === sum) break;
    sum = next;
  }
  return (2 / SQRT_PI) * sum;
}

/** P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (Math.abs(x) < 2) return 0.5 + 0.5 * erfSeries(x / Math.SQRT2);
  if (x > 38.5) return 1;
  if (x < -38.5) return 0;
  return x < 0 ? upperTail(-x) : 1 - upperTail(x);
}

/** P(Z > x), computed without cancellation in the upper tail. */
export function normalSf(x: number): number {
  return normalCdf(-x);
}

const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function poly(c: readonly number[], x: number): number {
  let y = 0;
  for (let i = c.length - 1; i >= 0; i--) y = y * x + c[i]!;
  return y;
}

/** The p-quantile of the standard normal: the z with P(Z <= z) = p (±Infinity at 0 and 1). */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = poly(C, r) / poly(D, r);
  } else {
    r -= 5;
    z = poly(E, r) / poly(F, r);
  }
  return q < 0 ? -z : z;
}
