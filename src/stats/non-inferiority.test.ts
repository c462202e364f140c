import { describe, expect, it } from "vitest";
import reference from "./fixtures/reference.json" with { type: "json" };
import { nonInferiorityTest } from "./non-inferiority.js";
import { Xoshiro128 } from "./rng.js";

describe("nonInferiorityTest (against SciPy's BCa on the same resamples)", () => {
  it.each(reference.nonInferiority.map((r) => ({ ...r, n: r.a.length })))(
    "n=$n margin=$margin confidence=$confidence",
    (row) => {
      const r = nonInferiorityTest(row.a, row.b, {
        margin: row.margin,
        confidence: row.confidence,
        seed: row.seed,
        resamples: row.resamples,
      });
      expect(r.method).toBe("bootstrap-bca");
      expect(r.lower).toBeCloseTo(row.lower, 10);
      expect(r.pValue).toBeCloseTo(row.pValue, 10);
      expect(r.nonInferior).toBe(row.nonInferior);
      expect(r.nonInferior).toBe(r.pValue < 1 - row.confidence);
    },
  );
});

describe("nonInferiorityTest behaviour", () => {
  it("holds the error rate at the margin boundary (b truly worse by exactly the margin)", () => {
    const rng = new Xoshiro128(31);
    let wrong = 0;
    const runs = 200;
    for (let k = 0; k < runs; k++) {
      const a = Array.from({ length: 80 }, () => rng.nextFloat());
      const b = a.map((v) => v - 0.05 + (rng.nextFloat() - 0.5) * 0.4);
      const r = nonInferiorityTest(a, b, { margin: 0.05, resamples: 1000, seed: k });
      if (r.nonInferior) wrong++;
    }
    expect(wrong / runs).toBeLessThan(0.1);
  });

  it("finds a cheaper variant that is as good non-inferior", () => {
    // 300 inputs, A passes 240; B loses 6 of those and wins 6 others: the same pass rate.
    const a = Array.from({ length: 300 }, (_, i) => (i < 240 ? 1 : 0));
    const b = a.map((v, i) => (i < 6 ? 0 : i >= 240 && i < 246 ? 1 : v));
    const r = nonInferiorityTest(a, b, { margin: 0.05 });
    expect(r.nonInferior).toBe(true);
    expect(r.lower).toBeGreaterThan(-0.05);
    expect(r.pValue).toBeLessThan(0.05);
    expect(r).toMatchObject({ estimate: 0, margin: 0.05, confidence: 0.95, resamples: 10_000, n: 300 });
    expect(nonInferiorityTest(a, b, { margin: 0.01 }).nonInferior).toBe(false);
  });

  it("handles identical scores and tiny samples", () => {
    const same = nonInferiorityTest([1, 0, 1], [1, 0, 1], { margin: 0.1 });
    expect(same).toMatchObject({ nonInferior: true, lower: 0, pValue: 0, method: "bootstrap-percentile" });
    expect(same.note).toMatch(/every paired difference is equal/);
    const small = nonInferiorityTest([1, 0], [0, 0], { margin: 0.1 });
    expect(small).toMatchObject({ nonInferior: false, method: "bootstrap-percentile" });
    expect(small.note).toMatch(/at least 3 pairs/);
  });

  it("rejects a missing or negative margin", () => {
    expect(() => nonInferiorityTest([1], [1], { margin: -0.1 })).toThrow(
      /Invalid margin: expected a margin ≥ 0/,
    );
    expect(() => nonInferiorityTest([1], [1], {} as { margin: number })).toThrow(/Invalid margin/);
    expect(() => nonInferiorityTest([1], [1], undefined as unknown as { margin: number })).toThrow(
      /Invalid options/,
    );
  });
});
