import fc from "fast-check";
import type { DatasetRow } from "../../../core/ports.js";
import type { Embedder } from "../embedders/embedder.js";

const WORDS = [
  "good",
  "bad",
  "great",
  "awful",
  "movie",
  "plot",
  "actor",
  "boring",
  "fun",
  "slow",
  "film",
  "story",
];

/** A labelled row whose input is `{ review }`. */
export function row(id: string, review: string, expected: unknown = "pos", category?: string): DatasetRow {
  return { id, input: { review }, expected, ...(category === undefined ? {} : { category }) };
}

/** Pools of 1–30 rows with unique ids, short reviews from a small vocabulary, 1–4 labels and categories. */
export const poolArb: fc.Arbitrary<DatasetRow[]> = fc
  .array(
    fc.record({
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
      label: fc.constantFrom("pos", "neg", "neutral", "mixed"),
      category: fc.constantFrom("a", "b", "c"),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((specs) => specs.map((s, i) => row(`r${i}`, s.words.join(" "), s.label, s.category)));

/** An embedder answering from a table (text → vector); counts the texts it was asked for. */
export function tableEmbedder(
  table: ReadonlyMap<string, readonly number[]>,
): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    name: "table",
    calls,
    embed: async (texts) => {
      calls.push([...texts]);
      return texts.map((t) => Float32Array.from(table.get(t) ?? []));
    },
  };
}

/** An embedder whose answer is fixed by the test (to make it misbehave). */
export function fakeEmbedder(answer: (texts: readonly string[]) => unknown): Embedder {
  return { name: "fake", embed: async (texts) => answer(texts) as Float32Array[] };
}

/** Pools of 1–12 rows, each with its own nonzero vector in 3 dimensions (ids double as texts). */
export const vectorPoolArb: fc.Arbitrary<{ rows: DatasetRow[]; table: Map<string, number[]> }> = fc
  .array(
    fc
      .tuple(
        fc.integer({ min: -9, max: 9 }),
        fc.integer({ min: -9, max: 9 }),
        fc.integer({ min: -9, max: 9 }),
      )
      .filter((v) => v.some((x) => x !== 0)),
    { minLength: 1, maxLength: 12 },
  )
  .map((vectors) => {
    const rows = vectors.map((_, i) => ({ id: `v${i}`, input: `v${i}`, expected: i }));
    return { rows, table: new Map(vectors.map((v, i) => [`v${i}`, v])) };
  });

/** Cosine similarity in float64, for brute-force checks. */
export function cos(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    dot += x * b[i]!;
    na += x * x;
    nb += b[i]! * b[i]!;
  });
  return dot / Math.sqrt(na * nb);
}

/** Mean cosine similarity over the pairs of a set. */
export function meanPairwise(vectors: readonly (readonly number[])[]): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < vectors.length; i++) {
    for (let j = i + 1; j < vectors.length; j++) {
      sum += cos(vectors[i]!, vectors[j]!);
      pairs++;
    }
  }
  return pairs === 0 ? 0 : sum / pairs;
}
