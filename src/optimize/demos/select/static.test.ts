import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../core/canonical.js";
import type { DatasetRow } from "../../../core/ports.js";
import { poolArb, row } from "../test-utils/fixtures.js";
import { randomDemos } from "./random.js";
import { allocate, stratifiedDemos } from "./stratified.js";

const pool = Array.from({ length: 40 }, (_, i) => row(`r${i}`, `review ${i}`, i % 2 === 0 ? "pos" : "neg"));
const ids = (rows: DatasetRow[]) => rows.map((r) => r.id);
const count = (rows: DatasetRow[], key: (r: DatasetRow) => string) => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + 1);
  return out;
};

describe("randomDemos", () => {
  it("gives different sets for different seeds, and a call's seed overrides the selector's", async () => {
    const sets = new Set<string>();
    for (let seed = 0; seed < 10; seed++)
      sets.add(ids(await randomDemos(pool, { seed }).select(undefined, 4)).join());
    expect(sets.size).toBe(10);
    const own = randomDemos(pool, { seed: 1 });
    expect(ids(await own.select(undefined, 4, { seed: 2 }))).toEqual(
      ids(await randomDemos(pool, { seed: 2 }).select(undefined, 4)),
    );
    expect(() => randomDemos(pool, { seed: 0.5 })).toThrow(/seed/);
  });

  it("draws every row about equally often over seeds", async () => {
    const hits = new Map<string, number>();
    for (let seed = 0; seed < 400; seed++) {
      for (const d of await randomDemos(pool, { seed }).select(undefined, 5))
        hits.set(d.id, (hits.get(d.id) ?? 0) + 1);
    }
    // Expected 400 · 5 / 40 = 50 per row; binomial sd ≈ 6.6.
    expect(Math.min(...hits.values())).toBeGreaterThan(25);
    expect(Math.max(...hits.values())).toBeLessThan(80);
  });
});

describe("stratifiedDemos", () => {
  it("covers every stratum when k ≥ their number, and stays within one of the proportional share", async () => {
    await fc.assert(
      fc.asyncProperty(poolArb, fc.integer({ min: 1, max: 35 }), fc.nat(), async (rows, k, seed) => {
        for (const by of ["expected", "category"] as const) {
          const key = (r: DatasetRow) => (by === "expected" ? canonicalJson(r.expected) : r.category!);
          const sizes = count(rows, key);
          const demos = await stratifiedDemos(rows, { by, seed }).select(undefined, k);
          const got = count(demos, key);
          if (k >= sizes.size) expect(got.size).toBe(sizes.size);
          else expect(got.size).toBe(k);
          const total = rows.length;
          for (const [s, n] of got) {
            expect(n).toBeLessThanOrEqual(
              Math.max(1, Math.ceil((Math.min(k, total) * sizes.get(s)!) / total)),
            );
          }
          // Interleaved: the first min(k, strata) demos are from distinct strata.
          const head = demos.slice(0, Math.min(k, sizes.size)).map(key);
          expect(new Set(head).size).toBe(head.length);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("allocates the remaining slots by largest deficit", () => {
    const byRank = (a: number, b: number) => a - b;
    expect(allocate([6, 3, 1], 5, byRank)).toEqual([3, 1, 1]);
    expect(allocate([6, 3, 1], 8, byRank)).toEqual([5, 2, 1]);
    expect(allocate([1, 6, 3], 2, byRank)).toEqual([0, 1, 1]);
    expect(allocate([2, 2, 2], 2, (a, b) => b - a)).toEqual([0, 1, 1]);
    expect(allocate([2, 5], 7, byRank)).toEqual([2, 5]);
    // Equal deficits and sizes: the earlier stratum in tie order wins.
    expect(allocate([3, 3], 3, byRank)).toEqual([2, 1]);
    expect(allocate([3, 3], 3, (a, b) => b - a)).toEqual([1, 2]);
  });

  it("stratifies by the canonical JSON of the expected value, by category, or by a function", async () => {
    const labelled = [
      row("a", "x", { sentiment: "pos", score: 1 }),
      row("b", "y", { score: 1, sentiment: "pos" }),
      row("c", "z", { sentiment: "neg", score: 0 }),
    ];
    // a and b share a label (key order differs), so two demos are one of them and c.
    const two = ids(await stratifiedDemos(labelled).select(undefined, 2));
    expect(two).toContain("c");
    const cats = [row("a", "x", 1, "sports"), row("b", "y", 1, "sports"), row("c", "z", 1), row("d", "w", 1)];
    // Rows without a category form one stratum: one demo from {a, b}, one from {c, d}.
    const byCategory = ids(await stratifiedDemos(cats, { by: "category" }).select(undefined, 2));
    expect(byCategory.map((id) => id < "c").sort()).toEqual([false, true]);
    const custom = stratifiedDemos(cats, { by: (r) => (r.id < "c" ? "early" : "late") });
    expect(custom.name).toBe("stratified(custom)");
    expect(
      ids(await custom.select(undefined, 2))
        .map((id) => id < "c")
        .sort(),
    ).toEqual([false, true]);
    expect(() => stratifiedDemos(cats, { by: "label" as never })).toThrow(/by: expected "expected"/);
  });

  it("puts the strata in seeded order, so no label always comes first", async () => {
    const firsts = new Set<unknown>();
    for (let seed = 0; seed < 10; seed++)
      firsts.add((await stratifiedDemos(pool, { seed }).select(undefined, 4))[0]!.expected);
    expect(firsts).toEqual(new Set(["pos", "neg"]));
  });

  it("skips the query's row and draws another of its stratum", async () => {
    const rows = [row("p1", "x", "pos"), row("p2", "y", "pos"), row("n1", "z", "neg")];
    for (let seed = 0; seed < 5; seed++) {
      const demos = ids(await stratifiedDemos(rows, { seed }).select(rows[0], 2));
      expect(demos.sort()).toEqual(["n1", "p2"]);
    }
  });
});
