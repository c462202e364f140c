import type { DatasetRow } from "../../../core/ports.js";
import { EmbedderError } from "../../errors/embedder-error.js";
import { cachedEmbedder } from "../embedders/cache.js";
import { type Embedder, normalize } from "../embedders/embedder.js";
import { defaultRowText, type RowText } from "./pool.js";

/** Options shared by the selectors that embed their pool. */
export interface EmbeddingSelectorOptions {
  /** Turns rows into vectors; wrapped in `cachedEmbedder` unless it already is. */
  embedder: Embedder;
  /** The text embedded for a row (default `defaultRowText`: the input's values, or its JSON). */
  text?: RowText;
}

/** A pool with lazily computed unit vectors (embedded once, on the first select). */
export interface EmbeddedPool {
  readonly embedderName: string;
  /** Unit-length copies of the pool's vectors (zero vectors stay zero). */
  vectors(signal?: AbortSignal): Promise<Float32Array[]>;
  /** The query's unit vector, checked to match the pool's dimensions. */
  queryVector(query: DatasetRow, signal?: AbortSignal): Promise<Float32Array>;
}

export function embeddedPool(rows: readonly DatasetRow[], options: EmbeddingSelectorOptions): EmbeddedPool {
  const embedder = cachedEmbedder(options.embedder);
  const text = options.text ?? defaultRowText;
  let pending: Promise<Float32Array[]> | undefined;
  const vectors = (signal?: AbortSignal): Promise<Float32Array[]> => {
    if (pending === undefined) {
      const texts = rows.map(text);
      pending = embedder.embed(texts, signal ? { signal } : {}).then((vs) => vs.map(unit));
      pending.catch(() => {
        pending = undefined; // an aborted or failed embedding is retried on the next select
      });
    }
    return pending;
  };
  return {
    embedderName: embedder.name,
    vectors,
    async queryVector(query, signal) {
      const pool = await vectors(signal);
      const [vector] = await embedder.embed([text(query)], signal ? { signal } : {});
      if (vector!.length !== pool[0]!.length) {
        throw new EmbedderError(
          embedder.name,
          "dimensions",
          `the query's vector has ${vector!.length} dimensions, the pool's ${pool[0]!.length} (was the embedder refitted?).`,
        );
      }
      return unit(vector!);
    },
  };
}

function unit(vector: Float32Array): Float32Array {
  return normalize(Float32Array.from(vector));
}

/** Dot product: the cosine similarity of two unit vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/**
 * Pool indices other than the query's, most similar to `query` first (ties: pool order), with their
 * similarities.
 */
export function ranked(
  rows: readonly DatasetRow[],
  vectors: readonly Float32Array[],
  query: Float32Array,
  leaked: string | undefined,
): { index: number; similarity: number }[] {
  const out: { index: number; similarity: number }[] = [];
  vectors.forEach((v, index) => {
    if (rows[index]!.id !== leaked) out.push({ index, similarity: dot(v, query) });
  });
  return out.sort((a, b) => b.similarity - a.similarity || a.index - b.index);
}
