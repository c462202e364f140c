import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DatasetRow } from "../../../core/ports.js";
import { EmbedderError } from "../../errors/embedder-error.js";
import { cachedEmbedder } from "../embedders/cache.js";
import { hashingEmbedder } from "../embedders/hashing.js";
import { tfidfEmbedder } from "../embedders/tfidf.js";
import {
  cos,
  fakeEmbedder,
  meanPairwise,
  row,
  tableEmbedder,
  vectorPoolArb,
} from "../test-utils/fixtures.js";
import { knnDemos } from "./knn.js";
import { mmrDemos } from "./mmr.js";

const text = (r: DatasetRow) => r.id;
const queryArb = fc
  .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }), fc.integer({ min: -9, max: 9 }))
  .filter((v) => v.some((x) => x !== 0));

/** A pool, a query vector under the id "q" (or a pool row as query), and k. */
const caseArb = fc.record({
  pool: vectorPoolArb,
  q: queryArb,
  k: fc.integer({ min: 1, max: 12 }),
  at: fc.nat(15),
});

type Case = { pool: { rows: DatasetRow[]; table: Map<string, number[]> }; q: number[]; at: number };

function setUp({ pool, q, at }: Case) {
  const table = new Map<string, number[]>(pool.table).set("q", q);
  const query = pool.rows[at] ?? { id: "q", input: "q" };
  return { table, query, embedder: tableEmbedder(table), qv: table.get(query.id)! };
}

describe("knnDemos", () => {
  it("returns the true k nearest neighbours by cosine similarity (brute force)", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { table, query, embedder, qv } = setUp(c);
        const demos = await knnDemos(c.pool.rows, { embedder, text }).select(query, c.k);
        const others = c.pool.rows.filter((r) => r.id !== query.id);
        const best = others.map((r) => cos(qv, table.get(r.id)!)).sort((a, b) => b - a);
        const got = demos.map((r) => cos(qv, table.get(r.id)!));
        expect(got.length).toBe(Math.min(c.k, others.length));
        for (const [i, s] of got.entries()) expect(s).toBeCloseTo(best[i]!, 5);
      }),
      { numRuns: 200 },
    );
  });

  it("breaks ties by pool order and embeds the pool once however many queries follow", async () => {
    const embedder = tableEmbedder(
      new Map([
        ["a", [1, 0]],
        ["b", [0, 1]],
        ["c", [0, 2]],
        ["d", [1, 0]],
        ["q", [0, 1]],
      ]),
    );
    const selector = knnDemos(
      ["d", "a", "c", "b"].map((id) => ({ id, input: id, expected: 0 })),
      { embedder, text },
    );
    expect((await selector.select({ id: "q", input: "q" }, 3)).map((r) => r.id)).toEqual(["c", "b", "d"]);
    await selector.select({ id: "q", input: "q" }, 1);
    await selector.select({ id: "a", input: "a" }, 2);
    expect(embedder.calls).toEqual([["d", "a", "c", "b"], ["q"]]);
  });

  it("finds the review closest in words with the default text and a hashing embedder", async () => {
    const pool = [
      row("1", "The battery dies within an hour", "neg"),
      row("2", "Lovely screen and fast delivery", "pos"),
      row("3", "Customer service never answered my emails", "neg"),
    ];
    const demos = await knnDemos(pool, { embedder: hashingEmbedder() }).select(
      row("q", "battery died in an hour"),
      1,
    );
    expect(demos[0]!.id).toBe("1");
  });

  it("reports an embedder that answers the query with another dimension", async () => {
    let size = 3;
    const embedder = fakeEmbedder((texts) => texts.map(() => new Float32Array(size).fill(1)));
    const selector = knnDemos([row("a", "x")], { embedder });
    await selector.select(row("q", "y"), 1);
    size = 2;
    const error = await selector.select(row("q2", "z"), 1).catch((e: unknown) => e);
    expect(EmbedderError.isInstance(error) && error.problem).toBe("dimensions");
  });

  it("reports a shared cached embedder refitted after the pool was embedded", async () => {
    const embedder = cachedEmbedder(tfidfEmbedder({ ngrams: [1, 1] }));
    const selector = knnDemos([row("a", "good film"), row("b", "bad plot")], { embedder });
    await selector.select(row("q", "good plot"), 1);
    embedder.fit!(["a much larger corpus", "of reviews"]);
    await expect(selector.select(row("q", "good plot"), 1)).rejects.toThrow(
      /query's vector has 5 dimensions, the pool's 4 \(was the embedder refitted\?\)/,
    );
  });

  it("retries embedding the pool after a failure", async () => {
    let fail = true;
    const embedder = fakeEmbedder((texts) => (fail ? [] : texts.map(() => new Float32Array([1]))));
    const selector = knnDemos([row("a", "x")], { embedder });
    await expect(selector.select(row("q", "y"), 1)).rejects.toThrow(/0 vectors for 1 texts/);
    fail = false;
    expect(await selector.select(row("q", "y"), 1)).toHaveLength(1);
  });
});

describe("mmrDemos", () => {
  it("equals kNN with lambda = 1", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.integer({ min: 1, max: 12 }), async (c, fetchK) => {
        const { query, embedder } = setUp(c);
        const knn = await knnDemos(c.pool.rows, { embedder, text }).select(query, c.k);
        const mmr = await mmrDemos(c.pool.rows, { embedder, text, lambda: 1, fetchK }).select(query, c.k);
        expect(mmr.map((r) => r.id)).toEqual(knn.map((r) => r.id));
      }),
      { numRuns: 150 },
    );
  });

  it("with lambda < 1 picks a second demo no more similar to the first than kNN's second", async () => {
    // MMR's second pick d maximises λ·s(q,d) − (1−λ)·s(d,first); kNN's second d' maximises s(q,d'),
    // so (1−λ)(s(d',first) − s(d,first)) ≥ λ(s(q,d') − s(q,d)) ≥ 0.
    await fc.assert(
      fc.asyncProperty(caseArb, fc.double({ min: 0, max: 0.99, noNaN: true }), async (c, lambda) => {
        const { table, query, embedder } = setUp(c);
        const vec = (r: DatasetRow) => table.get(r.id)!;
        const knn = await knnDemos(c.pool.rows, { embedder, text }).select(query, 2);
        const mmr = await mmrDemos(c.pool.rows, { embedder, text, lambda }).select(query, 2);
        if (knn.length < 2) return;
        expect(mmr[0]!.id).toBe(knn[0]!.id);
        expect(cos(vec(mmr[0]!), vec(mmr[1]!))).toBeLessThanOrEqual(cos(vec(knn[0]!), vec(knn[1]!)) + 1e-6);
      }),
      { numRuns: 200 },
    );
  });

  it("spreads over clusters of near-duplicates where kNN stays in one", async () => {
    const table = new Map<string, number[]>([["q", [1, 0.6, 0.5]]]);
    for (let i = 0; i < 4; i++) {
      table.set(`x${i}`, [1, 0.01 * i, 0]);
      table.set(`y${i}`, [0, 1, 0.01 * i]);
      table.set(`z${i}`, [0.01 * i, 0, 1]);
    }
    const rows = [...table.keys()].filter((id) => id !== "q").map((id) => ({ id, input: id, expected: 0 }));
    const q = { id: "q", input: "q" };
    const embedder = tableEmbedder(table);
    const pick = async (lambda: number) =>
      (await mmrDemos(rows, { embedder, text, lambda }).select(q, 3)).map((r) => r.id);
    const knn = (await knnDemos(rows, { embedder, text }).select(q, 3)).map((r) => r.id);
    expect(knn.map((id) => id[0])).toEqual(["x", "x", "x"]);
    expect((await pick(0.5)).map((id) => id[0]).sort()).toEqual(["x", "y", "z"]);
    const spread = (ids: string[]) => meanPairwise(ids.map((id) => table.get(id)!));
    expect(spread(await pick(0.5))).toBeLessThan(spread(knn) - 0.5);
    expect(spread(await pick(0.5))).toBeLessThanOrEqual(spread(await pick(0.9)));
  });

  it("chooses only among the fetchK nearest rows", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.integer({ min: 1, max: 6 }), async (c, fetchK) => {
        const { query, embedder } = setUp(c);
        const nearest = await knnDemos(c.pool.rows, { embedder, text }).select(query, Math.max(fetchK, c.k));
        const mmr = await mmrDemos(c.pool.rows, { embedder, text, lambda: 0, fetchK }).select(query, c.k);
        expect(mmr.every((r) => nearest.includes(r))).toBe(true);
      }),
    );
  });

  it("rejects lambda outside [0, 1] and a bad fetchK", () => {
    const embedder = hashingEmbedder();
    for (const lambda of [-0.1, 1.5, Number.NaN]) {
      expect(() => mmrDemos([row("a", "x")], { embedder, lambda })).toThrow(
        /lambda: expected a number in \[0, 1\]/,
      );
    }
    expect(() => mmrDemos([row("a", "x")], { embedder, fetchK: 0 })).toThrow(/fetchK/);
  });
});
