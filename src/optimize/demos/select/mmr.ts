import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { DatasetRow } from "../../../core/ports.js";
import { dot, type EmbeddingSelectorOptions, embeddedPool, ranked } from "./embedded.js";
import { requireQuery } from "./knn.js";
import { checkPool, type DemoSelector, startSelect } from "./pool.js";

export interface MmrDemosOptions extends EmbeddingSelectorOptions {
  /** Weight of relevance against diversity, in [0, 1]: 1 is plain kNN, 0 pure diversity (default 0.5). */
  lambda?: number;
  /** How many nearest rows MMR chooses among (default 20; at least k is used). */
  fetchK?: number;
}

/**
 * Dynamic: maximal marginal relevance (Carbonell & Goldstein 1998). Among the fetchK rows nearest to
 * the query, picks greedily the row maximising λ·sim(query, row) − (1 − λ)·max sim(row, chosen), so
 * that demos are relevant without repeating each other. The first pick is the nearest row; ties go
 * to the nearer row, then pool order. With λ = 1 it returns exactly what `knnDemos` returns.
 */
export function mmrDemos(pool: readonly DatasetRow[], options: MmrDemosOptions): DemoSelector {
  const rows = checkPool(pool, "mmrDemos");
  const lambda = options.lambda ?? 0.5;
  if (typeof lambda !== "number" || !(lambda >= 0 && lambda <= 1)) {
    throw new InvalidArgumentError("mmrDemos lambda", `expected a number in [0, 1], got ${String(lambda)}`);
  }
  const fetchK = options.fetchK ?? 20;
  if (!Number.isInteger(fetchK) || fetchK < 1) {
    throw new InvalidArgumentError("mmrDemos fetchK", `expected a positive integer, got ${String(fetchK)}`);
  }
  const embedded = embeddedPool(rows, options);
  return {
    name: `mmr(${embedded.embedderName}, lambda=${lambda})`,
    dynamic: true,
    async select(query, k, selectOptions) {
      const leaked = startSelect("mmrDemos", query, k, selectOptions);
      const q = requireQuery(query, "mmrDemos");
      const signal = selectOptions?.signal;
      const vectors = await embedded.vectors(signal);
      const candidates = ranked(rows, vectors, await embedded.queryVector(q, signal), leaked).slice(
        0,
        Math.max(fetchK, k),
      );
      return mmrOrder(candidates, vectors, lambda, k).map((index) => rows[index]!);
    },
  };
}

/** The greedy MMR order over candidates given nearest first; returns up to k pool indices. */
export function mmrOrder(
  candidates: readonly { index: number; similarity: number }[],
  vectors: readonly Float32Array[],
  lambda: number,
  k: number,
): number[] {
  const redundancy = candidates.map(() => Number.NEGATIVE_INFINITY);
  const taken = candidates.map(() => false);
  const out: number[] = [];
  while (out.length < Math.min(k, candidates.length)) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    candidates.forEach((c, i) => {
      if (taken[i]) return;
      const penalty = out.length === 0 ? 0 : (1 - lambda) * redundancy[i]!;
      const score = lambda * c.similarity - penalty;
      if (score > bestScore || best === -1) {
        best = i;
        bestScore = score;
      }
    });
    taken[best] = true;
    const chosen = vectors[candidates[best]!.index]!;
    out.push(candidates[best]!.index);
    candidates.forEach((c, i) => {
      if (!taken[i]) redundancy[i] = Math.max(redundancy[i]!, dot(vectors[c.index]!, chosen));
    });
  }
  return out;
}
