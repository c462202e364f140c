import { EmbedderError } from "../../errors/embedder-error.js";

/** Options of one `embed` call. */
export interface EmbedOptions {
  /** Cancels the call; remote embedders pass it on to the provider. */
  signal?: AbortSignal;
}

/**
 * Turns texts into vectors whose cosine similarity says how alike the texts are. Selectors use it to
 * find demos close to a query (kNN, MMR) or spread over the pool (diverse).
 */
export interface Embedder {
  /** Names the embedder in errors and in a selector's name, e.g. `hashing(1024)`. */
  readonly name: string;
  /** One vector per text, in order, all of the same length. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
  /** Learns from a corpus (vocabulary, idf) before embedding; embedders that need none omit it. */
  fit?(corpus: readonly string[]): void;
}

/**
 * Checks an embedder's answer: one vector per text, all of one length (`dimensions`, when known
 * from an earlier call), finite numbers only. Plain number arrays are accepted and copied into
 * Float32Arrays.
 *
 * @throws EmbedderError naming the embedder and what was wrong.
 */
export function checkEmbeddings(
  embedder: string,
  texts: number,
  vectors: unknown,
  dimensions?: number,
): Float32Array[] {
  if (!Array.isArray(vectors)) {
    throw new EmbedderError(
      embedder,
      "count",
      `expected an array of ${texts} vectors, got ${typeOf(vectors)}.`,
    );
  }
  if (vectors.length !== texts) {
    throw new EmbedderError(embedder, "count", `it returned ${vectors.length} vectors for ${texts} texts.`);
  }
  let size = dimensions;
  const out: Float32Array[] = [];
  for (let i = 0; i < vectors.length; i++) {
    const raw: unknown = vectors[i];
    if (!(raw instanceof Float32Array) && !isNumberArray(raw)) {
      throw new EmbedderError(embedder, "values", `vector ${i} is ${typeOf(raw)}, not a list of numbers.`, {
        index: i,
      });
    }
    const vector = raw instanceof Float32Array ? raw : Float32Array.from(raw);
    if (vector.length === 0)
      throw new EmbedderError(embedder, "dimensions", `vector ${i} is empty.`, { index: i });
    if (size === undefined) size = vector.length;
    if (vector.length !== size) {
      throw new EmbedderError(
        embedder,
        "dimensions",
        `vector ${i} has ${vector.length} dimensions, the others ${size}.`,
        { index: i },
      );
    }
    for (let j = 0; j < vector.length; j++) {
      if (!Number.isFinite(vector[j]!)) {
        throw new EmbedderError(embedder, "values", `vector ${i} holds ${vector[j]} at position ${j}.`, {
          index: i,
        });
      }
    }
    out.push(vector);
  }
  return out;
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((x) => typeof x === "number");
}

function typeOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array of non-numbers";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Scales a vector to unit length in place; a zero vector stays zero. */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! * inv;
  }
  return vector;
}

/** Cosine similarity in [-1, 1]; 0 when either vector is zero. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
