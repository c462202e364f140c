import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { EmptyDatasetError } from "../errors/empty-dataset-error.js";
import { apportion, splitDataset } from "./split.js";

interface Row {
  id: string;
  category?: string;
}

const rowsOf = (categories: readonly (string | undefined)[]): Row[] =>
  categories.map((category, i) => (category === undefined ? { id: String(i) } : { id: String(i), category }));

const proportions = fc
  .tuple(fc.nat(100), fc.nat(100), fc.nat(100))
  .filter(([a, b, c]) => a + b + c > 0)
  .map(([a, b, c]) => {
    const t = a + b + c;
    return { train: a / t, val: b / t, test: 1 - a / t - b / t };
  })
  .filter((p) => p.test >= 0);

const categories = fc.array(fc.option(fc.constantFrom("a", "b", "c", "d"), { nil: undefined }), {
  minLength: 1,
  maxLength: 120,
});

describe("splitDataset (properties)", () => {
  it("puts every row in exactly one split, keeps row order, and is deterministic for a seed", () => {
    fc.assert(
      fc.property(categories, proportions, fc.integer(), fc.boolean(), (cats, p, seed, strat) => {
        const rows = rowsOf(cats);
        const options = { ...p, seed, ...(strat ? { stratify: "category" as const } : {}) };
        const a = splitDataset(rows, options);
        const all = [...a.train, ...a.val, ...a.test];
        expect(all).toHaveLength(rows.length);
        expect(new Set(all).size).toBe(rows.length);
        for (const part of [a.train, a.val, a.test]) {
          const idx = part.map((r) => rows.indexOf(r));
          expect(idx).toEqual([...idx].sort((x, y) => x - y));
        }
        expect(splitDataset(rows, options)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it("sizes are as close as possible to n·p (within 1), stratified or not", () => {
    fc.assert(
      fc.property(categories, proportions, fc.integer(), fc.boolean(), (cats, p, seed, strat) => {
        const rows = rowsOf(cats);
        const out = splitDataset(rows, { ...p, seed, ...(strat ? { stratify: "category" as const } : {}) });
        const n = rows.length;
        expect(Math.abs(out.train.length - n * p.train)).toBeLessThan(1 + 1e-9);
        expect(Math.abs(out.val.length - n * p.val)).toBeLessThan(1 + 1e-9);
        expect(Math.abs(out.test.length - n * p.test)).toBeLessThan(1 + 1e-9);
        expect([out.train.length, out.val.length, out.test.length]).toEqual(
          apportion(n, [p.train, p.val, p.test]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("stratified: each category is spread in the proportions (within 2 rows of n_c·p)", () => {
    fc.assert(
      fc.property(categories, proportions, fc.integer(), (cats, p, seed) => {
        const rows = rowsOf(cats);
        const out = splitDataset(rows, { ...p, seed, stratify: "category" });
        for (const c of new Set(cats)) {
          const size = cats.filter((x) => x === c).length;
          for (const k of ["train", "val", "test"] as const) {
            const got = out[k].filter((r) => r.category === c).length;
            expect(Math.abs(got - size * p[k])).toBeLessThan(2);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("splitDataset (examples)", () => {
  const rows = rowsOf(Array.from({ length: 100 }, (_, i) => (i < 80 ? "common" : "rare")));

  it("stratifies exactly when the proportions divide evenly", () => {
    const { train, val, test } = splitDataset(rows, {
      train: 0.7,
      val: 0.1,
      test: 0.2,
      seed: 1,
      stratify: "category",
    });
    const count = (part: Row[], c: string) => part.filter((r) => r.category === c).length;
    expect([count(train, "common"), count(val, "common"), count(test, "common")]).toEqual([56, 8, 16]);
    expect([count(train, "rare"), count(val, "rare"), count(test, "rare")]).toEqual([14, 2, 4]);
  });

  it("a different seed gives a different split; a function can stratify", () => {
    const a = splitDataset(rows, { train: 0.5, seed: 1 });
    const b = splitDataset(rows, { train: 0.5, seed: 2 });
    expect(a.train).not.toEqual(b.train);
    const byParity = splitDataset(rows, { test: 0.5, seed: 3, stratify: (r) => String(Number(r.id) % 2) });
    expect(byParity.test.filter((r) => Number(r.id) % 2 === 0)).toHaveLength(25);
  });

  it("fills in the missing proportion; none given means 0.8 / 0 / 0.2", () => {
    expect(splitDataset(rows, { train: 0.6, val: 0.1, seed: 0 }).test).toHaveLength(30);
    expect(splitDataset(rows, { test: 0.25, seed: 0 }).train).toHaveLength(75);
    const d = splitDataset(rows, { seed: 0 });
    expect([d.train.length, d.val.length, d.test.length]).toEqual([80, 0, 20]);
  });

  it("refuses bad proportions, a missing seed and no rows", () => {
    expect(() => splitDataset(rows, { train: 0.8, val: 0.3, test: 0.1, seed: 0 })).toThrow(
      "Invalid split proportions: train + val + test must be 1, got 0.8 + 0.3 + 0.1",
    );
    expect(() => splitDataset(rows, { train: 1.5, seed: 0 })).toThrow(InvalidArgumentError);
    expect(() => splitDataset(rows, {} as { seed: number })).toThrow(/Invalid split seed/);
    expect(() => splitDataset(rows, { seed: 0, stratify: "topic" as "category" })).toThrow(/stratify/);
    expect(() => splitDataset([], { seed: 0 })).toThrow(EmptyDatasetError);
  });
});

describe("apportion", () => {
  it("gives counts that add up to n, each within 1 of n·p", () => {
    fc.assert(
      fc.property(fc.nat(1000), proportions, (n, p) => {
        const counts = apportion(n, [p.train, p.val, p.test]);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
        for (const [i, q] of [p.train, p.val, p.test].entries())
          expect(Math.abs(counts[i]! - n * q)).toBeLessThan(1);
      }),
    );
  });
});
