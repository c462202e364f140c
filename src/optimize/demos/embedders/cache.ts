import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import { checkEmbeddings, type Embedder } from "./embedder.js";

const CACHED = Symbol.for("flowprompt.cachedEmbedder");

export interface CachedEmbedderOptions {
  /** Most texts kept; the least recently used go first (default 10 000). */
  maxEntries?: number;
}

/**
 * Wraps an embedder with an in-memory cache of one vector per text (least recently used evicted),
 * so a pool is embedded once however many queries follow, and a text repeated within a call is
 * sent once. Every answer of the wrapped embedder is checked (count, equal dimensions, finite
 * values), also against the vectors already cached. `fit` passes through and empties the cache.
 * Selectors wrap their embedder this way unless it already is.
 *
 * @throws EmbedderError (from `embed`) when the wrapped embedder misbehaves.
 */
export function cachedEmbedder(inner: Embedder, options: CachedEmbedderOptions = {}): Embedder {
  if (isCached(inner)) return inner;
  const maxEntries = options.maxEntries ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new InvalidArgumentError(
      "cachedEmbedder maxEntries",
      `expected a positive integer, got ${maxEntries}`,
    );
  }
  const cache = new Map<string, Float32Array>();
  let dimensions: number | undefined;

  const embedder: Embedder & { [CACHED]: true } = {
    [CACHED]: true,
    name: inner.name,
    async embed(texts, embedOptions) {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      const fresh = new Map<string, Float32Array>();
      if (missing.length > 0) {
        const raw = await inner.embed(missing, embedOptions);
        const vectors = checkEmbeddings(inner.name, missing.length, raw, dimensions);
        dimensions = vectors[0]!.length;
        for (const [i, text] of missing.entries()) fresh.set(text, vectors[i]!);
      }
      const out = texts.map((text) => {
        const vector = fresh.get(text) ?? cache.get(text)!;
        cache.delete(text); // re-insert: Map order is recency order
        cache.set(text, vector);
        return vector;
      });
      while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
      return out;
    },
  };
  if (inner.fit) {
    const fitInner = inner.fit.bind(inner);
    embedder.fit = (corpus) => {
      fitInner(corpus);
      cache.clear();
      dimensions = undefined;
    };
  }
  return embedder;
}

/** True for an embedder made by `cachedEmbedder`. */
export function isCached(embedder: Embedder): boolean {
  return (embedder as Partial<Record<typeof CACHED, boolean>>)[CACHED] === true;
}
