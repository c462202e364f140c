import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { DatasetRow } from "../../../core/ports.js";
import { type EmbeddingSelectorOptions, embeddedPool, ranked } from "./embedded.js";
import { checkPool, type DemoSelector, startSelect } from "./pool.js";

/**
 * Dynamic: for each query, the k pool rows most similar to it by cosine similarity of their
 * embeddings, most similar first, ties in pool order (DSPy's KNNFewShot, LangChain's
 * SemanticSimilarityExampleSelector). The pool is embedded once, on the first call.
 */
export function knnDemos(pool: readonly DatasetRow[], options: EmbeddingSelectorOptions): DemoSelector {
  const rows = checkPool(pool, "knnDemos");
  const embedded = embeddedPool(rows, options);
  return {
    name: `knn(${embedded.embedderName})`,
    dynamic: true,
    async select(query, k, selectOptions) {
      const leaked = startSelect("knnDemos", query, k, selectOptions);
      const q = requireQuery(query, "knnDemos");
      const signal = selectOptions?.signal;
      const vectors = await embedded.vectors(signal);
      const order = ranked(rows, vectors, await embedded.queryVector(q, signal), leaked);
      return order.slice(0, k).map(({ index }) => rows[index]!);
    },
  };
}

/** A dynamic selector's query, or a clear error when there is none. */
export function requireQuery(query: DatasetRow | undefined, who: string): DatasetRow {
  if (query === undefined || query === null) {
    throw new InvalidArgumentError(
      `${who} query`,
      "this selector picks demos per query, and none was given",
      "Pass the row being answered, or use a static selector (randomDemos, stratifiedDemos, diverseDemos).",
    );
  }
  return query;
}
