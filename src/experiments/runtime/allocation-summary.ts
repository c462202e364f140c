/** What bandit allocation writes on exposures, and the allocation-over-time summary read back from them. */
import type { ExperimentEvent } from "../../core/ports.js";
import type { BanditState } from "../bandits/index.js";

/** `exposure.attributes.bandit`: the decision behind a bandit-allocated exposure. */
export interface BanditAttributes {
  /** The policy's name ("thompson-beta", "thompson-gaussian", "ucb1", "epsilon-greedy"). */
  policy: string;
  /** The decision's id, `d1`, `d2`, … in decision order (continued across restarts). */
  decisionId: string;
  /** Every variant's selection probability at the moment of the decision. */
  probabilities: Record<string, number>;
}

/** One time bucket of `allocation.timeline`: `size` consecutive first exposures. */
export interface AllocationBucket {
  /** Index of the bucket's first exposure (0-based, in exposure order). */
  from: number;
  /** Exposures in the bucket (the last bucket may be partial). */
  size: number;
  /** Epoch ms of the bucket's first and last exposure. */
  start: number;
  end: number;
  /** Exposures per variant in the bucket (every variant is listed). */
  exposures: Record<string, number>;
  /** exposures / size per variant. */
  shares: Record<string, number>;
}

/** `results().allocation` of a bandit experiment. */
export interface AllocationResults {
  /** The config's allocation ("thompson", "ucb1", "epsilon-greedy") and the policy class used. */
  allocation: string;
  policy: string;
  /** Each variant's current selection probability. */
  probabilities: Record<string, number>;
  state: BanditState;
  /** Share of exposures per variant per bucket of `bucketSize` exposures, oldest first, for charts. */
  timeline: AllocationBucket[];
  bucketSize: number;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/** The bandit attributes of an exposure, or undefined when it has none (fixed or sticky assignment). */
export function banditAttributes(event: ExperimentEvent): BanditAttributes | undefined {
  const b = event.attributes?.bandit;
  if (!isRecord(b) || typeof b.policy !== "string" || typeof b.decisionId !== "string") return undefined;
  if (!/^d[1-9]\d*$/.test(b.decisionId) || !isRecord(b.probabilities)) return undefined;
  const probabilities: Record<string, number> = {};
  for (const [k, v] of Object.entries(b.probabilities)) {
    if (typeof v === "number" && Number.isFinite(v)) probabilities[k] = v;
  }
  return { policy: b.policy, decisionId: b.decisionId, probabilities };
}

/** The first exposure of each unit to one of `variants`, in append order. */
export function firstExposures(
  events: readonly ExperimentEvent[],
  variants: ReadonlySet<string>,
): ExperimentEvent[] {
  const seen = new Set<string>();
  const out: ExperimentEvent[] = [];
  for (const e of events) {
    if (e.kind !== "exposure" || seen.has(e.unitId) || !variants.has(e.variant)) continue;
    seen.add(e.unitId);
    out.push(e);
  }
  return out;
}

/** Share of first exposures per variant in consecutive buckets of `size` exposures. */
export function allocationTimeline(
  exposures: readonly ExperimentEvent[],
  variants: readonly string[],
  size: number,
): AllocationBucket[] {
  const buckets: AllocationBucket[] = [];
  for (let from = 0; from < exposures.length; from += size) {
    const slice = exposures.slice(from, from + size);
    const counts: Record<string, number> = Object.fromEntries(variants.map((v) => [v, 0]));
    for (const e of slice) counts[e.variant] = (counts[e.variant] ?? 0) + 1;
    buckets.push({
      from,
      size: slice.length,
      start: slice[0]!.at,
      end: slice[slice.length - 1]!.at,
      exposures: counts,
      shares: Object.fromEntries(variants.map((v) => [v, counts[v]! / slice.length])),
    });
  }
  return buckets;
}

/**
 * The allocation a sample-ratio-mismatch check should expect under a bandit: each variant's selection
 * probability averaged over the bandit decisions (each exposure is one categorical draw from the
 * probabilities logged with it). Undefined before the first decision. Every weight is kept positive.
 */
export function expectedWeights(
  exposures: readonly ExperimentEvent[],
  variants: readonly string[],
): Record<string, number> | undefined {
  const sums = new Map(variants.map((v) => [v, 0]));
  let n = 0;
  for (const e of exposures) {
    const b = banditAttributes(e);
    if (!b) continue;
    n++;
    for (const v of variants) sums.set(v, sums.get(v)! + (b.probabilities[v] ?? 0));
  }
  if (n === 0) return undefined;
  return Object.fromEntries(variants.map((v) => [v, Math.max(sums.get(v)! / n, 1e-9)]));
}
