import { describe, expect, it } from "vitest";
import reference from "./fixtures/reference.json" with { type: "json" };
import { normalCdf, normalQuantile, normalSf } from "./normal.js";

function relErr(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}

describe("normal distribution (against scipy.special.ndtri / ndtr)", () => {
  it.each(reference.normal.quantile)("quantile(%s) = %s", (p, z) => {
    expect(relErr(normalQuantile(p), z)).toBeLessThan(1e-14);
  });

  it.each(reference.normal.cdf)("cdf(%s) = %s", (x, p) => {
    expect(relErr(normalCdf(x), p)).toBeLessThan(1e-13);
  });

  it("keeps the upper tail accurate through the survival function", () => {
    for (const [x, p] of reference.normal.cdf) expect(relErr(normalSf(-x!), p!)).toBeLessThan(1e-13);
  });

  it("inverts the CDF and handles the edges", () => {
    for (const p of [1e-12, 0.01, 0.3, 0.5, 0.77, 0.999])
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});
