import { canonicalJson } from "../../../core/canonical.js";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { DatasetRow } from "../../../core/ports.js";
import { Xoshiro128 } from "../../../stats/rng.js";
import { callSeed, checkPool, type DemoSelector, startSelect } from "./pool.js";

export interface StratifiedDemosOptions {
  /**
   * The strata: `"expected"` (the label: canonical JSON of the expected value, default),
   * `"category"` (rows without one form a stratum of their own), or a function of the row.
   */
  by?: "category" | "expected" | ((row: DatasetRow) => string);
  /** Seed of the draws within strata and of the strata's order (default 0). */
  seed?: number;
}

/**
 * Static: demos spread over strata (labels, categories). With k ≤ number of strata, one row from
 * each of the k largest strata (ties in seeded order); with more, every stratum gets one and each
 * further slot goes to the stratum furthest below its proportional share k·size/total. Rows within
 * a stratum are a seeded random draw; the output interleaves strata (round-robin, strata in seeded
 * order) so that no label sits in one block at the end of the prompt. The query's own row is
 * skipped.
 */
export function stratifiedDemos(
  pool: readonly DatasetRow[],
  options: StratifiedDemosOptions = {},
): DemoSelector {
  const rows = checkPool(pool, "stratifiedDemos");
  callSeed(undefined, options.seed, "stratifiedDemos");
  const by = options.by ?? "expected";
  const key = keyOf(by);
  const strata = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const s = key(row);
    const members = strata.get(s);
    if (members) members.push(i);
    else strata.set(s, [i]);
  });
  const groups = [...strata.values()];

  return {
    name: `stratified(${typeof by === "function" ? "custom" : by})`,
    dynamic: false,
    async select(query, k, selectOptions) {
      const leaked = startSelect("stratifiedDemos", query, k, selectOptions);
      const rng = new Xoshiro128(callSeed(selectOptions, options.seed, "stratifiedDemos"));
      // Draw order within each stratum, then drop the query's row (the others keep their places).
      const members = groups
        .map((g) => shuffle(g, rng).filter((i) => rows[i]!.id !== leaked))
        .filter((g) => g.length > 0);
      const order = shuffle(
        members.map((_, s) => s),
        rng,
      );
      const rank = new Map(order.map((s, r) => [s, r]));
      const total = members.reduce((n, g) => n + g.length, 0);
      const want = Math.min(k, total);
      const take = allocate(
        members.map((g) => g.length),
        want,
        (a, b) => rank.get(a)! - rank.get(b)!,
      );
      const out: DatasetRow[] = [];
      for (let round = 0; out.length < want; round++) {
        for (const s of order) if (take[s]! > round) out.push(rows[members[s]![round]!]!);
      }
      return out;
    },
  };
}

/**
 * How many rows each stratum gives: one each to the `want` largest strata when want ≤ their
 * number; else one each, then every further slot to the stratum with the largest deficit
 * want·size/total − taken that still has rows (ties: larger, then earlier in `tie` order).
 */
export function allocate(
  sizes: readonly number[],
  want: number,
  tie: (a: number, b: number) => number,
): number[] {
  const strata = sizes.map((_, s) => s).sort((a, b) => sizes[b]! - sizes[a]! || tie(a, b));
  const take = sizes.map(() => 0);
  for (const s of strata.slice(0, want)) take[s] = 1;
  const total = sizes.reduce((a, b) => a + b, 0);
  for (let given = Math.min(want, strata.length); given < want; given++) {
    let best = -1;
    let bestDeficit = Number.NEGATIVE_INFINITY;
    for (const s of strata) {
      if (take[s]! >= sizes[s]!) continue;
      const deficit = (want * sizes[s]!) / total - take[s]!;
      if (deficit > bestDeficit) {
        best = s;
        bestDeficit = deficit;
      }
    }
    take[best]! += 1;
  }
  return take;
}

function keyOf(by: StratifiedDemosOptions["by"]): (row: DatasetRow) => string {
  if (typeof by === "function") return by;
  if (by === "expected") return (row) => canonicalJson(row.expected);
  if (by === "category") return (row) => (row.category === undefined ? "\u0000none" : `=${row.category}`);
  throw new InvalidArgumentError(
    "stratifiedDemos by",
    `expected "expected", "category" or a function, got ${JSON.stringify(by)}`,
  );
}

function shuffle(items: readonly number[], rng: Xoshiro128): number[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
