import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { DatasetRow } from "../../../core/ports.js";
import { hashingEmbedder } from "../embedders/hashing.js";
import { poolArb, row } from "../test-utils/fixtures.js";
import { diverseDemos } from "./diverse.js";
import { knnDemos } from "./knn.js";
import { mmrDemos } from "./mmr.js";
import { type DemoSelector, defaultRowText } from "./pool.js";
import { randomDemos } from "./random.js";
import { stratifiedDemos } from "./stratified.js";

const embedder = hashingEmbedder({ dimensions: 64 });
const makers: Record<string, (pool: DatasetRow[], seed: number) => DemoSelector> = {
  random: (pool, seed) => randomDemos(pool, { seed }),
  "stratified expected": (pool, seed) => stratifiedDemos(pool, { seed }),
  "stratified category": (pool, seed) => stratifiedDemos(pool, { by: "category", seed }),
  knn: (pool) => knnDemos(pool, { embedder }),
  mmr: (pool) => mmrDemos(pool, { embedder, lambda: 0.3, fetchK: 5 }),
  diverse: (pool, seed) => diverseDemos(pool, { embedder, seed }),
};

describe.each(Object.entries(makers))("%s selector invariants", (_, make) => {
  it("returns min(k, available) distinct pool rows, never the query's, the same for the same seed", async () => {
    await fc.assert(
      fc.asyncProperty(
        poolArb,
        fc.integer({ min: 1, max: 35 }),
        fc.nat(),
        fc.integer({ min: -1, max: 40 }),
        async (pool, k, seed, at) => {
          // The query is a pool row (leak risk) when `at` points into the pool, else an unseen row.
          const query = pool[at] ?? row("unseen", "fun plot", "pos");
          const selector = make(pool, seed);
          const demos = await selector.select(query, k);
          const available = pool.filter((r) => r.id !== query.id).length;
          expect(demos).toHaveLength(Math.min(k, available));
          expect(demos.some((d) => d.id === query.id)).toBe(false);
          expect(new Set(demos.map((d) => d.id)).size).toBe(demos.length);
          expect(demos.every((d) => pool.includes(d))).toBe(true);
          const again = await make(pool, seed).select(query, k);
          expect(again.map((d) => d.id)).toEqual(demos.map((d) => d.id));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("rejects k that is not a positive integer, an empty pool, unlabelled and duplicate rows", async () => {
    const pool = [row("a", "good film"), row("b", "bad film", "neg")];
    const selector = make(pool, 1);
    for (const k of [0, -1, 1.5, Number.NaN]) {
      await expect(selector.select(row("q", "x"), k)).rejects.toThrow(InvalidArgumentError);
    }
    await expect(selector.select(row("q", "x"), 0)).rejects.toThrow(/k: expected a positive integer, got 0/);
    expect(() => make([], 1)).toThrow(/pool: it is empty/);
    expect(() => make([row("a", "x"), { id: "b", input: { review: "y" } }], 1)).toThrow(
      /row "b" \(index 1\) has no expected value/,
    );
    expect(() => make([row("a", "x"), row("a", "y")], 1)).toThrow(/rows 0 and 1 have the same id "a"/);
    expect(() => make("rows" as never, 1)).toThrow(/expected an array of rows/);
  });

  it("stops when the signal is aborted", async () => {
    const selector = make([row("a", "good film")], 1);
    await expect(selector.select(row("q", "x"), 1, { signal: AbortSignal.abort() })).rejects.toThrow(
      /abort/i,
    );
  });
});

describe("defaultRowText", () => {
  it("uses a string input as is, an object's scalar values joined by lines, else canonical JSON", () => {
    const text = (input: unknown) => defaultRowText({ id: "x", input });
    expect(text("just text")).toBe("just text");
    expect(text({ review: "good", stars: 5, draft: false, tags: ["a"] })).toBe("good\n5\nfalse");
    expect(text({ b: [1], a: { x: 1 } })).toBe('{"a":{"x":1},"b":[1]}');
    expect(text([2, 1])).toBe("[2,1]");
    expect(text(null)).toBe("null");
    expect(() => randomDemos([null as never])).toThrow(/row 0 is not a row with a string id/);
  });
});

describe("static and dynamic selectors", () => {
  it("static ones accept no query; dynamic ones say they need one", async () => {
    const pool = [row("a", "good film"), row("b", "bad film", "neg")];
    for (const make of Object.values(makers)) {
      const selector = make(pool, 0);
      if (selector.dynamic) {
        await expect(selector.select(undefined, 1)).rejects.toThrow(
          /picks demos per query, and none was given/,
        );
      } else {
        expect(await selector.select(undefined, 5)).toHaveLength(2);
      }
    }
    expect(Object.values(makers).map((m) => [m(pool, 0).name, m(pool, 0).dynamic])).toEqual([
      ["random", false],
      ["stratified(expected)", false],
      ["stratified(category)", false],
      ["knn(hashing(64))", true],
      ["mmr(hashing(64), lambda=0.3)", true],
      ["diverse(hashing(64))", false],
    ]);
  });

  it("static ones keep the same set for every query, replacing only a leaked row", async () => {
    const pool = Array.from({ length: 12 }, (_, i) => row(`r${i}`, `text ${i} words`, i % 3, `c${i % 2}`));
    for (const make of [makers.random!, makers.diverse!]) {
      const selector = make(pool, 3);
      const base = (await selector.select(undefined, 4)).map((d) => d.id);
      const leaked = pool.find((r) => r.id === base[1])!;
      const other = (await selector.select(leaked, 4)).map((d) => d.id);
      // The leaked row drops out; the others keep their places and the next one in line fills in.
      expect(other.slice(0, 3)).toEqual(base.filter((id) => id !== base[1]));
      expect(base).not.toContain(other[3]);
      const unrelated = (await selector.select(row("new", "hello"), 4)).map((d) => d.id);
      expect(unrelated).toEqual(base);
    }
  });
});
