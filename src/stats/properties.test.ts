import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrapCI } from "./bootstrap.js";
import { holm } from "./holm.js";
import { mcnemarTest } from "./mcnemar.js";
import { nonInferiorityTest } from "./non-inferiority.js";
import { pairedPermutationTest } from "./permutation.js";
import { createSequentialTest } from "./sequential.js";
import { enumerateSignFlips, latticeSignFlips, latticeWeights } from "./sign-flip.js";

const score = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 1),
  fc.integer({ min: 0, max: 3 }).map((k) => k / 3),
);
const pairs = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.array(score, { minLength: n, maxLength: n }),
      fc.array(score, { minLength: n, maxLength: n }),
    ),
  );
const alternative = fc.constantFrom("two-sided" as const, "greater" as const, "less" as const);
const inUnit = (p: number) => p >= 0 && p <= 1;

describe("properties", () => {
  it("McNemar p-values are in [0, 1] and symmetric in b and c (two-sided)", () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(300), fc.boolean(), alternative, (b, c, midP, alt) => {
        const p = mcnemarTest(b, c, { midP, alternative: alt }).pValue;
        expect(inUnit(p)).toBe(true);
        expect(mcnemarTest(c, b, { midP }).pValue).toBeCloseTo(mcnemarTest(b, c, { midP }).pValue, 14);
      }),
    );
  });

  it("permutation p-values are in [0, 1], deterministic, and the same when a and b swap", () => {
    fc.assert(
      fc.property(pairs, alternative, fc.boolean(), fc.integer(), ([a, b], alt, exact, seed) => {
        const options = { seed, resamples: 200, exact };
        const r = pairedPermutationTest(a, b, { ...options, alternative: alt });
        expect(inUnit(r.pValue)).toBe(true);
        expect(pairedPermutationTest(a, b, { ...options, alternative: alt })).toEqual(r);
        const swapped = pairedPermutationTest(b, a, options);
        expect(swapped.pValue).toBe(pairedPermutationTest(a, b, options).pValue);
        // One-sided p-values of the two directions cover every pattern at least once.
        if (alt === "greater") {
          const less = pairedPermutationTest(a, b, { ...options, alternative: "less" }).pValue;
          expect(r.pValue + less).toBeGreaterThanOrEqual(1 - 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("the exact lattice and enumeration methods agree", () => {
    const diff = fc.integer({ min: -5, max: 5 }).map((k) => k / 5);
    fc.assert(
      fc.property(fc.array(diff, { minLength: 0, maxLength: 22 }), alternative, (d, alt) => {
        const nonZero = d.filter((v) => v !== 0);
        const abs = Float64Array.from(nonZero, Math.abs);
        const observed = nonZero.reduce((acc, v) => acc + v, 0);
        const weights = latticeWeights(abs)!;
        let positive = 0;
        nonZero.forEach((v, i) => {
          if (v > 0) positive += weights[i]!;
        });
        const lattice = latticeSignFlips(weights, positive, alt);
        expect(lattice).toBeCloseTo(enumerateSignFlips(abs, observed, alt), 12);
        expect(inUnit(lattice)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("Holm's adjusted p-values are ≥ the raw ones, ≤ 1, and monotone in the raw order", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
        const adj = holm(ps);
        const order = ps.map((_, i) => i).sort((x, y) => ps[x]! - ps[y]!);
        for (let k = 0; k < ps.length; k++) {
          expect(adj[k]!).toBeGreaterThanOrEqual(ps[k]!);
          expect(adj[k]!).toBeLessThanOrEqual(1);
          if (k > 0) expect(adj[order[k]!]!).toBeGreaterThanOrEqual(adj[order[k - 1]!]!);
        }
      }),
    );
  });

  it("bootstrap intervals of the mean contain the estimate and are deterministic for a seed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.constantFrom("bca" as const, "percentile" as const),
        fc.integer(),
        (values, method, seed) => {
          const r = bootstrapCI(values, { method, seed, resamples: 500 });
          expect(r.lower).toBeLessThanOrEqual(r.estimate + 1e-12);
          expect(r.upper).toBeGreaterThanOrEqual(r.estimate - 1e-12);
          expect(bootstrapCI(values, { method, seed, resamples: 500 })).toEqual(r);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("non-inferiority p-values are in [0, 1] and agree with the decision", () => {
    fc.assert(
      fc.property(pairs, fc.double({ min: 0, max: 0.3, noNaN: true }), (pair, margin) => {
        const r = nonInferiorityTest(pair[0], pair[1], { margin, resamples: 400, seed: 1 });
        expect(inUnit(r.pValue)).toBe(true);
        if (
          r.method === "bootstrap-bca" &&
          Math.abs(r.lower + margin) > 0.02 &&
          Math.abs(r.pValue - 0.05) > 0.01
        ) {
          // Clearly away from the boundary, in both the bound and the p-value, they agree. At the
          // boundary they can split: both come from 400 resamples of few pairs, whose ties (a
          // bootstrap atom sitting on −margin, counted half by the mid-rank p-value) move them apart.
          expect(r.nonInferior).toBe(r.pValue < 0.05);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("sequential p-values are in [0, 1] and non-increasing", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 80 }), (diffs) => {
        const test = createSequentialTest({ resolution: 0.05 });
        let last = 1;
        for (const d of diffs) {
          const s = test.update(d);
          expect(inUnit(s.pValue)).toBe(true);
          expect(s.pValue).toBeLessThanOrEqual(last);
          expect(s.lower).toBeLessThanOrEqual(s.upper);
          last = s.pValue;
        }
      }),
    );
  });
});
