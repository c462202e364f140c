import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import { type Embedder, normalize } from "./embedder.js";
import { type FeatureOptions, featureCounter } from "./features.js";

export interface TfidfEmbedderOptions extends FeatureOptions {
  /** Word n-gram range (default `[1, 2]`). */
  ngrams?: readonly [number, number] | false;
  /** Keep only features found in at least this many corpus texts (default 1). */
  minDf?: number;
  /** Keep only the features most frequent over the corpus (ties: alphabetical); default all. */
  maxFeatures?: number;
  /** Weight a feature seen c times by 1 + ln(c) instead of c (default true; scikit-learn's is false). */
  sublinearTf?: boolean;
  /** idf = ln((1 + n) / (1 + df)) + 1, as if one extra text held every feature (default true); else ln(n / df) + 1. */
  smoothIdf?: boolean;
}

/** A TF-IDF embedder with its learned vocabulary (read-only views, for tests and inspection). */
export interface TfidfEmbedder extends Embedder {
  fit(corpus: readonly string[]): void;
  /** Feature → position in the vector, alphabetical; empty before fitting. Word features read `w:…`, char ones `c:…`. */
  readonly vocabulary: ReadonlyMap<string, number>;
  /** The idf of each position. */
  readonly idf: Float64Array;
}

/**
 * TF-IDF vectors with scikit-learn's TfidfVectorizer formulas: tf (raw or sublinear 1 + ln(tf))
 * times idf, then L2-normalised. Features outside the vocabulary are ignored, so a text sharing
 * nothing with the corpus gets the zero vector.
 *
 * `fit(corpus)` learns the vocabulary and the idf. **Embedding before any `fit` fits on the texts
 * given**, so a selector's pool (embedded first) becomes the corpus; fit on a larger corpus
 * yourself to get better idf estimates. Refitting changes the vectors' length: do it before use.
 */
export function tfidfEmbedder(options: TfidfEmbedderOptions = {}): TfidfEmbedder {
  const minDf = options.minDf ?? 1;
  checkCount(minDf, "tfidfEmbedder minDf");
  if (options.maxFeatures !== undefined) checkCount(options.maxFeatures, "tfidfEmbedder maxFeatures");
  const count = featureCounter({ ...options, ngrams: options.ngrams ?? [1, 2] }, "tfidfEmbedder");
  const sublinear = options.sublinearTf ?? true;
  const smooth = options.smoothIdf ?? true;
  let vocabulary = new Map<string, number>();
  let idf = new Float64Array(0);
  let fitted = false;

  const learn = (corpus: readonly string[]): void => {
    const df = new Map<string, number>();
    const total = new Map<string, number>();
    for (const text of corpus) {
      for (const [feature, c] of count(text)) {
        df.set(feature, (df.get(feature) ?? 0) + 1);
        total.set(feature, (total.get(feature) ?? 0) + c);
      }
    }
    let kept = [...df.keys()].filter((f) => df.get(f)! >= minDf);
    if (options.maxFeatures !== undefined && kept.length > options.maxFeatures) {
      kept.sort((a, b) => total.get(b)! - total.get(a)! || compare(a, b));
      kept = kept.slice(0, options.maxFeatures);
    }
    kept.sort(compare);
    const n = corpus.length;
    vocabulary = new Map(kept.map((f, i) => [f, i]));
    idf = Float64Array.from(kept, (f) => {
      const d = df.get(f)!;
      return (smooth ? Math.log((1 + n) / (1 + d)) : Math.log(n / d)) + 1;
    });
    fitted = true;
  };

  const embedOne = (text: string): Float32Array => {
    // A vocabulary emptied by minDf would give zero-length vectors: keep one always-zero slot.
    const vector = new Float32Array(Math.max(1, vocabulary.size));
    for (const [feature, c] of count(text)) {
      const at = vocabulary.get(feature);
      if (at !== undefined) vector[at] = (sublinear ? 1 + Math.log(c) : c) * idf[at]!;
    }
    return normalize(vector);
  };

  return {
    name: "tfidf",
    fit: learn,
    get vocabulary() {
      return vocabulary;
    },
    get idf() {
      return idf;
    },
    embed: async (texts, embedOptions) => {
      embedOptions?.signal?.throwIfAborted();
      if (!fitted) learn(texts);
      return texts.map(embedOne);
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkCount(value: number, argument: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(argument, `expected a positive integer, got ${value}`);
  }
}
