import type { ExperimentEvent } from "../../core/ports.js";
import type { ExperimentAnalysis } from "../analysis/index.js";
import type { AllocationResults } from "./allocation-summary.js";

/** Count, sum and mean of one metric's outcomes in one variant. */
export interface OutcomeSummary {
  count: number;
  sum: number;
  /** sum / count; 0 when there are none. */
  mean: number;
}

/**
 * The raw summary `results()` returns. Statistical analysis (sequential intervals, SRM, Bayesian
 * probabilities, recommendations) is `analyzeExperiment(events)` in `flowprompt/experiments`' analysis.
 */
export interface ExperimentResults {
  experimentId: string;
  status: string;
  winner: string | undefined;
  /** Exposure events per variant (with `exposures: "first"`, one per unit). Every variant is listed. */
  exposures: Record<string, number>;
  /** Distinct exposed units per variant. */
  units: Record<string, number>;
  /** metric → variant → summary, exposed units' outcomes only. */
  outcomes: Record<string, Record<string, OutcomeSummary>>;
  /** Outcomes recorded for units never exposed: kept in the store, flagged, left out of `outcomes`. */
  unexposedOutcomes: { count: number; events: ExperimentEvent[] };
  /** Every event of the experiment, in append order (what analysis takes). */
  events: ExperimentEvent[];
  /**
   * The statistics: always-valid intervals and p-values (by default), SRM, Bayesian probabilities,
   * the recommendation in plain words. Set by `experiment.results()`.
   */
  analysis?: ExperimentAnalysis;
  /** Bandit experiments: the policy, its probabilities and state, and allocation over time. */
  allocation?: AllocationResults;
}

/** Summarises an experiment's events per variant and metric. */
export function summarizeEvents(
  experimentId: string,
  variants: readonly string[],
  events: ExperimentEvent[],
): Omit<ExperimentResults, "status" | "winner"> {
  const exposures: Record<string, number> = {};
  const unitSets = new Map<string, Set<string>>();
  for (const v of variants) {
    exposures[v] = 0;
    unitSets.set(v, new Set());
  }
  const outcomes: Record<string, Record<string, OutcomeSummary>> = {};
  const unexposed: ExperimentEvent[] = [];
  for (const event of events) {
    if (event.kind === "exposure") {
      exposures[event.variant] = (exposures[event.variant] ?? 0) + 1;
      const set = unitSets.get(event.variant) ?? new Set<string>();
      unitSets.set(event.variant, set);
      set.add(event.unitId);
      continue;
    }
    if (event.attributes?.unexposed === true) {
      unexposed.push(event);
      continue;
    }
    if (event.metric === undefined || event.value === undefined) continue;
    const byVariant = outcomes[event.metric] ?? {};
    outcomes[event.metric] = byVariant;
    const s = byVariant[event.variant] ?? { count: 0, sum: 0, mean: 0 };
    byVariant[event.variant] = s;
    s.count++;
    s.sum += event.value;
    s.mean = s.sum / s.count;
  }
  const units: Record<string, number> = {};
  for (const [v, set] of unitSets) units[v] = set.size;
  return {
    experimentId,
    exposures,
    units,
    outcomes,
    unexposedOutcomes: { count: unexposed.length, events: unexposed },
    events,
  };
}
