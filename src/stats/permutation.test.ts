import { describe, expect, it } from "vitest";
import reference from "./fixtures/reference.json" with { type: "json" };
import { mcnemarTest } from "./mcnemar.js";
import { pairedPermutationTest } from "./permutation.js";
import type { Alternative } from "./validate.js";

const alt = (a: string) => a as Alternative;

describe("pairedPermutationTest, exact (against scipy.stats.permutation_test and integer counting)", () => {
  it.each(reference.permutationExact.map((r) => ({ ...r, n: r.a.length })))(
    "n=$n $alternative ($source)",
    ({ a, b, alternative, pValue }) => {
      const r = pairedPermutationTest(a, b, { alternative: alt(alternative) });
      expect(r.method).toBe("exact");
      expect(r.resamples).toBe(0);
      expect(Math.abs(r.pValue - pValue)).toBeLessThanOrEqual(1e-12 * pValue + 1e-300);
    },
  );

  it("uses the lattice method for long pass/fail data and agrees with exact McNemar", () => {
    const a: number[] = [];
    const b: number[] = [];
    const add = (x: number, y: number, times: number) => {
      for (let i = 0; i < times; i++) {
        a.push(x);
        b.push(y);
      }
    };
    add(1, 1, 50);
    add(1, 0, 14);
    add(0, 1, 27);
    add(0, 0, 9);
    const r = pairedPermutationTest(a, b);
    expect(r).toMatchObject({ method: "exact", algorithm: "lattice", n: 100, nonZero: 41 });
    expect(r.meanDiff).toBeCloseTo(0.13, 12);
    expect(r.pValue).toBeCloseTo(mcnemarTest(14, 27).pValue, 12);
    const greater = pairedPermutationTest(a, b, { alternative: "greater" });
    expect(greater.pValue).toBeCloseTo(mcnemarTest(14, 27, { alternative: "greater" }).pValue, 12);
  });

  it("enumerates when there are at most 24 non-zero differences and ignores zero differences", () => {
    const a = [0.1, 0.5, 0.5, 0.9, 0.3];
    const b = [0.4, 0.5, 0.5, 0.2, 0.35];
    const r = pairedPermutationTest(a, b);
    expect(r).toMatchObject({ algorithm: "enumeration", n: 5, nonZero: 3 });
    expect(pairedPermutationTest([1, 2], [1, 2]).pValue).toBe(1);
  });
});

describe("pairedPermutationTest, Monte Carlo", () => {
  it.each(reference.permutationMonteCarlo.map((r) => ({ ...r, n: r.a.length })))(
    "replays the same resamples: n=$n $alternative seed=$seed",
    ({ a, b, alternative, seed, resamples, pValue }) => {
      const r = pairedPermutationTest(a, b, { alternative: alt(alternative), seed, resamples, exact: false });
      expect(r).toMatchObject({ method: "monte-carlo", resamples });
      expect(r.pValue).toBe(pValue);
    },
  );

  it("lands within Monte Carlo error of the exact p-value", () => {
    for (const row of reference.permutationExact.filter((r) => r.a.length >= 14 && r.a.length <= 16)) {
      const r = pairedPermutationTest(row.a, row.b, {
        alternative: alt(row.alternative),
        exact: false,
        resamples: 20_000,
        seed: 3,
      });
      const se = Math.sqrt((row.pValue * (1 - row.pValue)) / 20_000);
      expect(Math.abs(r.pValue - row.pValue)).toBeLessThan(4 * se + 1e-4);
    }
  });

  it("uses Monte Carlo for long continuous data, deterministic for a seed", () => {
    const a = Array.from({ length: 60 }, (_, i) => Math.sin(i) * 0.5 + 0.5);
    const b = a.map((v, i) => Math.min(1, v + 0.05 + Math.cos(i * 7.3) * 0.2));
    const r1 = pairedPermutationTest(a, b, { seed: 9, resamples: 999 });
    const r2 = pairedPermutationTest(a, b, { seed: 9, resamples: 999 });
    const r3 = pairedPermutationTest(a, b, { seed: 10, resamples: 999 });
    expect(r1).toEqual(r2);
    expect(r1.method).toBe("monte-carlo");
    expect(r1.pValue).not.toBe(r3.pValue);
    expect(r1.pValue).toBeGreaterThanOrEqual(1 / 1000);
  });
});

describe("pairedPermutationTest, bad input", () => {
  it("names the problem", () => {
    expect(() => pairedPermutationTest([1, 2], [1])).toThrow(
      /paired scores need the same length, got a: 2 and b: 1/,
    );
    expect(() => pairedPermutationTest([], [])).toThrow(/Invalid a: expected at least 1 value, got 0/);
    expect(() => pairedPermutationTest([1, Number.NaN], [1, 2])).toThrow(
      /Invalid a\[1\]: expected a finite number/,
    );
    expect(() => pairedPermutationTest([1], [2], { resamples: 0 })).toThrow(/Invalid resamples/);
    expect(() => pairedPermutationTest([1], [2], { seed: 0.5 })).toThrow(/Invalid seed/);
  });
});
