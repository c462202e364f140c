import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import { checkSeed } from "../../../stats/rng.js";
import { type Embedder, normalize } from "./embedder.js";
import { type FeatureOptions, featureCounter } from "./features.js";
import { murmurHash3 } from "./murmur.js";

export interface HashingEmbedderOptions extends FeatureOptions {
  /** Length of the vectors (default 1024). A power of two keeps the buckets uniform. */
  dimensions?: number;
  /** Word n-gram range (default `[1, 2]`: words and word pairs). */
  ngrams?: readonly [number, number] | false;
  /** Weight a feature seen c times by 1 + ln(c) instead of c (default false). */
  sublinearTf?: boolean;
  /** Hash seed (default 0): another seed gives other collisions. */
  seed?: number;
}

/**
 * Signed feature hashing, as scikit-learn's HashingVectorizer: each feature (word n-gram, char
 * n-gram) is hashed with MurmurHash3; the hash modulo `dimensions` picks the bucket and its top bit
 * the sign, so collisions cancel out on average instead of piling up. Vectors are L2-normalised
 * (a text with no features gives the zero vector). Offline, needs no fitting, deterministic.
 */
export function hashingEmbedder(options: HashingEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 1024;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 2 ** 31) {
    throw new InvalidArgumentError(
      "hashingEmbedder dimensions",
      `expected an integer from 1 to 2^31, got ${dimensions}`,
      "Pass e.g. { dimensions: 1024 }.",
    );
  }
  const seed = checkSeed(options.seed ?? 0, "hashingEmbedder seed");
  const count = featureCounter({ ...options, ngrams: options.ngrams ?? [1, 2] }, "hashingEmbedder");
  const sublinear = options.sublinearTf ?? false;
  const bucket = new Map<string, number>();

  const embedOne = (text: string): Float32Array => {
    const vector = new Float32Array(dimensions);
    for (const [feature, n] of count(text)) {
      let h = bucket.get(feature);
      if (h === undefined) {
        h = murmurHash3(feature, seed);
        if (bucket.size < 100_000) bucket.set(feature, h);
      }
      const weight = sublinear ? 1 + Math.log(n) : n;
      const at = h % dimensions;
      vector[at] = vector[at]! + (h >>> 31 === 1 ? -weight : weight);
    }
    return normalize(vector);
  };

  return {
    name: `hashing(${dimensions})`,
    embed: async (texts, embedOptions) => {
      embedOptions?.signal?.throwIfAborted();
      return texts.map(embedOne);
    },
  };
}
