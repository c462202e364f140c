/**
 * The plain-words recommendation, in this order:
 * 1. SRM flagged → "investigate: sample ratio mismatch" (no result can be trusted).
 * 2. Fewer than minSamples units in some variant → "keep running (about N more units per variant)".
 * 3. Primary metric: the best challenger that is significantly better, or control when every
 *    challenger is significantly worse → "stop: X wins", unless X is significantly worse than control
 *    on a guardrail → "investigate: X hurts guardrail M".
 * 4. maxSamples reached, or (fixed method) the horizon reached → "stop: no meaningful difference".
 * 5. Otherwise "keep running (about N more units per variant)", N from how far the interval must
 *    shrink to exclude 0 at the observed difference (width ∝ 1/√n), capped by maxSamples.
 */
import type { Comparison, MetricResult } from "./types.js";

export interface RecommendInput {
  srmFlagged: boolean;
  control: string;
  method: "sequential" | "fixed" | "bayesian";
  metrics: readonly MetricResult[];
  minSamples: number;
  maxSamples: number | undefined;
}

export function recommend(input: RecommendInput): { recommendation: string; winner: string | null } {
  if (input.srmFlagged) return { recommendation: "investigate: sample ratio mismatch", winner: null };
  const primary = input.metrics.find((m) => !m.guardrail) ?? input.metrics[0];
  if (!primary) return { recommendation: "keep running (no metric to analyse)", winner: null };
  const fewest = Math.min(...primary.variants.map((v) => v.units));
  if (fewest < input.minSamples) return keepRunning(input.minSamples - fewest);

  const better = primary.comparisons.filter((c) => c.significant && c.verdict === 1);
  let winner: string | null = null;
  if (better.length > 0) {
    const sign = primary.direction === "decrease" ? -1 : 1;
    winner = better.reduce((best, c) => (sign * c.diff > sign * best.diff ? c : best)).variant;
  } else if (
    primary.comparisons.length > 0 &&
    primary.comparisons.every((c) => c.significant && c.verdict === -1)
  ) {
    winner = input.control;
  }
  if (winner !== null) {
    for (const m of input.metrics) {
      if (!m.guardrail || winner === input.control) continue;
      const c = m.comparisons.find((x) => x.variant === winner);
      if (c?.significant && c.verdict === -1) {
        return { recommendation: `investigate: ${winner} hurts guardrail ${m.metric}`, winner: null };
      }
    }
    return { recommendation: `stop: ${winner} wins`, winner };
  }
  if (input.maxSamples !== undefined && fewest >= input.maxSamples) {
    return { recommendation: "stop: no meaningful difference", winner: null };
  }
  const more = moreUnits(primary.comparisons, fewest);
  const capped = input.maxSamples !== undefined ? Math.min(more, input.maxSamples - fewest) : more;
  return keepRunning(capped);
}

function keepRunning(n: number): { recommendation: string; winner: null } {
  const rounded = Math.max(1, Math.ceil(n));
  return {
    recommendation: `keep running (about ${rounded.toLocaleString("en")} more units per variant)`,
    winner: null,
  };
}

/** Units per variant until the undecided challenger closest to a decision would exclude 0. */
function moreUnits(comparisons: readonly Comparison[], n: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (const c of comparisons) {
    if (c.significant) continue;
    const half = (c.interval.upper - c.interval.lower) / 2;
    if (!(Math.abs(c.diff) > 0) || !Number.isFinite(half)) continue;
    best = Math.min(best, n * (half / Math.abs(c.diff)) ** 2 - n);
  }
  return Number.isFinite(best) ? Math.max(1, best) : n;
}
