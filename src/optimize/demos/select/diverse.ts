import type { DatasetRow } from "../../../core/ports.js";
import { Xoshiro128 } from "../../../stats/rng.js";
import { dot, type EmbeddingSelectorOptions, embeddedPool } from "./embedded.js";
import { callSeed, checkPool, type DemoSelector, startSelect } from "./pool.js";

export interface DiverseDemosOptions extends EmbeddingSelectorOptions {
  /** Picks the first row (default 0); a call's `seed` overrides it. */
  seed?: number;
}

/**
 * Static: demos that cover the pool, by greedy k-center (farthest-first traversal, Gonzalez 1985):
 * a seeded random first row, then each time the row farthest (cosine distance) from all rows chosen
 * so far, ties in pool order. Its coverage radius (Euclidean, between unit vectors) is within twice
 * the optimum. The traversal runs over the whole pool and the query's own row is skipped in it, so
 * every other query gets the same set.
 */
export function diverseDemos(pool: readonly DatasetRow[], options: DiverseDemosOptions): DemoSelector {
  const rows = checkPool(pool, "diverseDemos");
  callSeed(undefined, options.seed, "diverseDemos");
  const embedded = embeddedPool(rows, options);
  return {
    name: `diverse(${embedded.embedderName})`,
    dynamic: false,
    async select(query, k, selectOptions) {
      const leaked = startSelect("diverseDemos", query, k, selectOptions);
      const vectors = await embedded.vectors(selectOptions?.signal);
      const rng = new Xoshiro128(callSeed(selectOptions, options.seed, "diverseDemos"));
      const out: DatasetRow[] = [];
      for (const index of farthestFirst(vectors, rng.nextBelow(vectors.length))) {
        if (rows[index]!.id !== leaked) out.push(rows[index]!);
        if (out.length === k) break;
      }
      return out;
    },
  };
}

/** Yields pool indices in farthest-first order from `first` (distance 1 − cosine of unit vectors). */
export function* farthestFirst(vectors: readonly Float32Array[], first: number): Generator<number> {
  const distance = vectors.map(() => Number.POSITIVE_INFINITY);
  const taken = vectors.map(() => false);
  let next = first;
  for (let n = 0; n < vectors.length; n++) {
    taken[next] = true;
    yield next;
    const chosen = vectors[next]!;
    let best = -1;
    for (let i = 0; i < vectors.length; i++) {
      if (taken[i]) continue;
      distance[i] = Math.min(distance[i]!, 1 - dot(vectors[i]!, chosen));
      if (best === -1 || distance[i]! > distance[best]!) best = i;
    }
    next = best;
  }
}
