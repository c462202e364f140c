import { describe, expect, it } from "vitest";
import { EmbedderError } from "../../errors/embedder-error.js";
import { fakeEmbedder, tableEmbedder } from "../test-utils/fixtures.js";
import { cachedEmbedder, isCached } from "./cache.js";
import { checkEmbeddings, cosine } from "./embedder.js";
import { tfidfEmbedder } from "./tfidf.js";

const table = new Map([
  ["a", [1, 0]],
  ["b", [0, 1]],
  ["c", [1, 1]],
]);

async function embedError(answer: (texts: readonly string[]) => unknown, texts = ["a", "b"]) {
  const error = await cachedEmbedder(fakeEmbedder(answer))
    .embed(texts)
    .catch((e: unknown) => e);
  expect(EmbedderError.isInstance(error)).toBe(true);
  return error as EmbedderError;
}

describe("cachedEmbedder", () => {
  it("sends each text once, across calls and within a call", async () => {
    const inner = tableEmbedder(table);
    const cached = cachedEmbedder(inner);
    const first = await cached.embed(["a", "b", "a"]);
    const second = await cached.embed(["b", "c"]);
    expect(inner.calls).toEqual([["a", "b"], ["c"]]);
    expect([...first[2]!]).toEqual([1, 0]);
    expect(second.map((v) => [...v])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(cached.name).toBe("table");
    expect(isCached(cached) && !isCached(inner)).toBe(true);
    expect(cachedEmbedder(cached)).toBe(cached);
  });

  it("evicts the least recently used texts beyond maxEntries", async () => {
    const inner = tableEmbedder(table);
    const cached = cachedEmbedder(inner, { maxEntries: 2 });
    await cached.embed(["a", "b"]);
    await cached.embed(["a"]); // a is now the most recent
    await cached.embed(["c"]); // evicts b
    await cached.embed(["a", "b"]);
    expect(inner.calls).toEqual([["a", "b"], ["c"], ["b"]]);
    expect(() => cachedEmbedder(inner, { maxEntries: 0 })).toThrow(/maxEntries/);
  });

  it("empties itself when refitted", async () => {
    const cached = cachedEmbedder(tfidfEmbedder({ ngrams: [1, 1] }));
    const [before] = await cached.embed(["cat dog"]);
    cached.fit!(["cat dog", "bird fish", "cow"]);
    const [after] = await cached.embed(["cat dog"]);
    expect(before).toHaveLength(2);
    expect(after).toHaveLength(5);
    expect(cachedEmbedder(tableEmbedder(table)).fit).toBeUndefined();
  });
});

describe("EmbedderError from a misbehaving embedder", () => {
  it("reports a wrong number of vectors", async () => {
    const error = await embedError(() => [new Float32Array([1])]);
    expect(error.problem).toBe("count");
    expect(error.message).toBe('Embedder "fake" misbehaved: it returned 1 vectors for 2 texts.');
    expect((await embedError(() => undefined)).message).toMatch(
      /expected an array of 2 vectors, got undefined/,
    );
  });

  it("reports vectors of unequal dimensions, within a call and across calls", async () => {
    const error = await embedError(() => [new Float32Array(3), new Float32Array(2)]);
    expect([error.problem, error.index]).toEqual(["dimensions", 1]);
    expect(error.message).toMatch(/vector 1 has 2 dimensions, the others 3/);
    let size = 3;
    const cached = cachedEmbedder(fakeEmbedder((texts) => texts.map(() => new Float32Array(size--))));
    await cached.embed(["a"]);
    await expect(cached.embed(["b"])).rejects.toThrow(/vector 0 has 2 dimensions, the others 3/);
    expect((await embedError(() => [new Float32Array(0), new Float32Array(0)])).message).toMatch(/empty/);
  });

  it("reports NaN, Infinity and non-numbers", async () => {
    const nan = await embedError(() => [new Float32Array([1, 0]), new Float32Array([0, Number.NaN])]);
    expect([nan.problem, nan.index, nan.message]).toEqual([
      "values",
      1,
      'Embedder "fake" misbehaved: vector 1 holds NaN at position 1.',
    ]);
    expect(
      (
        await embedError(() => [
          [1, Number.POSITIVE_INFINITY],
          [1, 2],
        ])
      ).message,
    ).toMatch(/Infinity/);
    expect((await embedError(() => [["x"], [1]])).message).toMatch(/vector 0 is an array of non-numbers/);
    expect((await embedError(() => [null, [1]])).message).toMatch(/vector 0 is null/);
  });

  it("compares with cosine similarity, zero vectors being similar to nothing", () => {
    expect(cosine(Float32Array.of(1, 0), Float32Array.of(2, 2))).toBeCloseTo(Math.SQRT1_2, 6);
    expect(cosine(Float32Array.of(0, 0), Float32Array.of(1, 1))).toBe(0);
  });

  it("accepts plain number arrays and copies them into Float32Arrays", () => {
    const [v] = checkEmbeddings("x", 1, [[0.5, 0.25]]);
    expect(v).toBeInstanceOf(Float32Array);
    expect([...v!]).toEqual([0.5, 0.25]);
  });
});
