import type { DatasetRow } from "../../../core/ports.js";
import { Xoshiro128 } from "../../../stats/rng.js";
import { callSeed, checkPool, type DemoSelector, startSelect } from "./pool.js";

export interface RandomDemosOptions {
  /** Seed of the draw (default 0); a call's `seed` overrides it. */
  seed?: number;
}

/**
 * Static: k rows drawn uniformly without replacement (DSPy's LabeledFewShot with sampling). The
 * query is ignored except that its own row is skipped, the next drawn row taking its place, so the
 * set stays the same for every other query. Different seeds give different sets.
 */
export function randomDemos(pool: readonly DatasetRow[], options: RandomDemosOptions = {}): DemoSelector {
  const rows = checkPool(pool, "randomDemos");
  callSeed(undefined, options.seed, "randomDemos");
  return {
    name: "random",
    dynamic: false,
    async select(query, k, selectOptions) {
      const leaked = startSelect("randomDemos", query, k, selectOptions);
      const rng = new Xoshiro128(callSeed(selectOptions, options.seed, "randomDemos"));
      const order = rows.map((_, i) => i);
      const out: DatasetRow[] = [];
      // Partial Fisher–Yates: position i gets a uniform pick of the rows not yet placed.
      for (let i = 0; i < order.length && out.length < k; i++) {
        const j = i + rng.nextBelow(order.length - i);
        [order[i], order[j]] = [order[j]!, order[i]!];
        const row = rows[order[i]!]!;
        if (row.id !== leaked) out.push(row);
      }
      return out;
    },
  };
}
