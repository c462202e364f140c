import { describe, expect, it } from "vitest";
import { binomialCdf, binomialPmf, binomialSf, logGamma } from "./binomial.js";
import reference from "./fixtures/reference.json" with { type: "json" };

function relErr(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe("binomial (against scipy.stats.binom, scipy.special.gammaln and mpmath)", () => {
  it.each(reference.logGamma)("logGamma(%s) = %s", (x, v) => {
    expect(Math.abs(logGamma(x) - v)).toBeLessThan(1e-13 * Math.max(1, Math.abs(v)));
  });

  it.each(reference.binomial)("k=$k n=$n p=$p", ({ k, n, p, pmf, cdf, sf, cdf40, sf40 }) => {
    expect(relErr(binomialPmf(k, n, p), pmf)).toBeLessThan(1e-12);
    // SciPy's incomplete-beta tails drift to ~3e-11 at n = 10^6; 40-digit sums (mpmath) do not.
    expect(relErr(binomialCdf(k, n, p), cdf)).toBeLessThan(1e-10);
    expect(relErr(binomialSf(k, n, p), sf)).toBeLessThan(1e-10);
    expect(relErr(binomialCdf(k, n, p), cdf40)).toBeLessThan(1e-12);
    expect(relErr(binomialSf(k, n, p), sf40)).toBeLessThan(1e-12);
  });

  it("handles the edges of the support and degenerate p", () => {
    expect(binomialPmf(-1, 5, 0.5)).toBe(0);
    expect(binomialPmf(2.5, 5, 0.5)).toBe(0);
    expect(binomialPmf(0, 5, 0)).toBe(1);
    expect(binomialPmf(5, 5, 1)).toBe(1);
    expect(binomialPmf(3, 5, 1)).toBe(0);
    expect(binomialCdf(-1, 5, 0.5)).toBe(0);
    expect(binomialCdf(5, 5, 0.5)).toBe(1);
    expect(binomialCdf(2, 5, 0)).toBe(1);
    expect(binomialCdf(2, 5, 1)).toBe(0);
    expect(binomialSf(0, 5, 0.5)).toBe(1);
    expect(binomialSf(6, 5, 0.5)).toBe(0);
    expect(binomialSf(1, 5, 0)).toBe(0);
    expect(binomialSf(1, 5, 1)).toBe(1);
    expect(binomialCdf(2, 5, 0.5) + binomialSf(3, 5, 0.5)).toBeCloseTo(1, 14);
  });
});
