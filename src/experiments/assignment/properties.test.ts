import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AssignmentExperiment, assign, prepareExperiment } from "./index.js";

/** Experiments with 2–5 variants whose weights sum to exactly 1 (integer parts over their total). */
const experimentArb: fc.Arbitrary<AssignmentExperiment> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 12 }),
    parts: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 5 }),
    coverage: fc.option(fc.double({ min: 0.01, max: 1, noNaN: true }), { nil: undefined }),
    hashVersion: fc.constantFrom<1 | 2>(1, 2),
  })
  .map(({ id, parts, coverage, hashVersion }) => {
    const total = parts.reduce((a, b) => a + b, 0);
    return {
      id,
      coverage,
      hashVersion,
      variants: parts.map((p, i) => ({ name: `v${i}`, weight: p / total })),
    };
  });

const unitId = fc.string({ minLength: 1, maxLength: 24 });

describe("assignment properties", () => {
  it("is deterministic: the same unit and experiment always get the same assignment", () => {
    fc.assert(
      fc.property(experimentArb, unitId, (experiment, id) => {
        const a = assign(experiment, { id });
        const b = assign(structuredClone(experiment), { id });
        expect(b).toEqual(a);
      }),
    );
  });

  it("gives every assigned unit a propensity in (0, 1] equal to coverage × weight", () => {
    fc.assert(
      fc.property(experimentArb, unitId, (experiment, id) => {
        const a = assign(experiment, { id });
        if (a.variant === null) {
          expect(a.propensity).toBe(0);
          return;
        }
        const weight = experiment.variants.find((v) => v.name === a.variant)!.weight;
        expect(a.propensity).toBeGreaterThan(0);
        expect(a.propensity).toBeLessThanOrEqual(1);
        expect(a.propensity).toBeCloseTo((experiment.coverage ?? 1) * weight, 12);
      }),
    );
  });

  it("is stable under unrelated changes: other experiments, attributes, variant labels' order", () => {
    fc.assert(
      fc.property(
        experimentArb,
        unitId,
        fc.string({ minLength: 1 }),
        fc.dictionary(fc.string(), fc.integer()),
        (experiment, id, otherId, attributes) => {
          const before = assign(experiment, { id });
          // Assigning in another experiment, or with extra attributes nobody targets, changes nothing.
          assign({ ...experiment, id: `${experiment.id}/${otherId}` }, { id });
          expect(assign(experiment, { id, attributes })).toEqual(before);
          // A changed description-like field (a new object with the same assignment config) changes nothing.
          expect(assign({ ...experiment, targeting: undefined }, { id })).toEqual(before);
        },
      ),
    );
  });

  it("only the units in the shrinking slice move when coverage drops", () => {
    fc.assert(
      fc.property(
        experimentArb,
        unitId,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (experiment, id, lower) => {
          const full = assign({ ...experiment, coverage: 1 }, { id });
          const reduced = assign({ ...experiment, coverage: lower }, { id });
          if (reduced.variant !== null) expect(reduced.variant).toBe(full.variant);
        },
      ),
    );
  });

  it("is uniform-ish: each variant's share of 20,000 units is within 2.5 points of its weight", () => {
    fc.assert(
      fc.property(experimentArb, (experiment) => {
        const full = prepareExperiment({ ...experiment, coverage: 1, hashVersion: 2 });
        const counts = new Map<string, number>();
        const n = 20_000;
        for (let i = 0; i < n; i++) {
          const v = full.assign({ id: `unit-${i}` }).variant!;
          counts.set(v, (counts.get(v) ?? 0) + 1);
        }
        for (const v of experiment.variants) {
          expect(Math.abs((counts.get(v.name) ?? 0) / n - v.weight)).toBeLessThan(0.025);
        }
      }),
      { numRuns: 20 },
    );
  });
});
