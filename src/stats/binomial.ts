/**
 * Exact binomial probabilities. The point mass uses Loader's saddle-point form (C. Loader 2000, "Fast
 * and accurate computation of binomial probabilities", the algorithm behind R's dbinom), which keeps
 * full relative accuracy for large n where a difference of log-gamma values would cancel; the tails
 * sum point masses with the ratio recurrence, always away from the mode so the terms shrink.
 */

const LN_SQRT_2PI = 0.9189385332046728;
const LN_2PI = 1.8378770664093453;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0]!;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (y + i);
  return LN_SQRT_2PI + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln n! − [(n + ½) ln n − n + ln √(2π)], the error of Stirling's formula. */
function stirlingError(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  const n2 = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * n2)) / n2) / n2) / n2) / n;
}

/** x ln(x / m) + m − x, the deviance term, without cancellation when x is close to m. */
function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const next = s + ej / (2 * j + 1);
      if (next === s) return s;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  const q = 1 - p;
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  if (k === 0) return Math.exp(n * Math.log1p(-p));
  if (k === n) return Math.exp(n * Math.log(p));
  const lc =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, n * p) - deviance(n - k, n * q);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}

/** Sums P(X = i) from i = start in steps of ±1 while the terms matter. */
function sumFrom(start: number, step: 1 | -1, n: number, p: number): number {
  let term = binomialPmf(start, n, p);
  let sum = term;
  const odds = p / (1 - p);
  for (let i = start; step < 0 ? i > 0 : i < n; i += step) {
    // P(i - 1) = P(i) * i / (n - i + 1) / odds ;  P(i + 1) = P(i) * (n - i) / (i + 1) * odds
    term *= step < 0 ? i / ((n - i + 1) * odds) : ((n - i) / (i + 1)) * odds;
    sum += term;
    if (term <= sum * 1e-17) break;
  }
  return sum;
}

/** P(X <= k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  const j = Math.floor(k);
  if (j < 0) return 0;
  if (j >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  if (j <= n * p) return Math.min(1, sumFrom(j, -1, n, p));
  return Math.max(0, 1 - sumFrom(j + 1, 1, n, p));
}

/** P(X >= k) for X ~ Binomial(n, p). */
export function binomialSf(k: number, n: number, p: number): number {
  const j = Math.ceil(k);
  if (j <= 0) return 1;
  if (j > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  if (j >= n * p) return Math.min(1, sumFrom(j, 1, n, p));
  return Math.max(0, 1 - sumFrom(j - 1, -1, n, p));
}
