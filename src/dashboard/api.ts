/** The dashboard's JSON: the experiment list and one experiment's analysis with its history. */

import { buildReport, storedVariants } from "../cli/commands/experiment-store.js";
import type { ExperimentEvent, ExperimentStore, StoredExperiment } from "../core/ports.js";
import type { ExperimentAnalysis } from "../experiments/analysis/types.js";
import {
  type AllocationBucket,
  allocationTimeline,
  banditAttributes,
  firstExposures,
} from "../experiments/runtime/allocation-summary.js";
import { type ExperimentJsonReport, toExperimentJsonReport } from "../report/experiment/index.js";

/** Points of the sequential history (the analysis re-run on event prefixes). */
export const SERIES_POINTS = 20;

export interface ExperimentListItem {
  id: string;
  status: string;
  variants: string[];
  exposures: number;
  srm: boolean;
  recommendation: string;
}

export interface ExperimentList {
  /** Where the store is (a directory or "the PostgreSQL store"). */
  store: string;
  experiments: ExperimentListItem[];
}

/** The primary comparison of one challenger after `exposures` exposures. */
export interface SeriesPoint {
  exposures: number;
  variant: string;
  diff: number;
  lower: number;
  upper: number;
  pValue: number;
}

export interface ExperimentDetail extends ExperimentJsonReport {
  /** The primary metric's name, or null when the config has none. */
  primaryMetric: string | null;
  /** The always-valid interval and p of each challenger on the primary metric over time. */
  series: SeriesPoint[];
  /** Share of first exposures per variant over time, when a bandit allocates. */
  allocation: AllocationBucket[] | null;
}

export async function listExperiments(store: ExperimentStore, where: string): Promise<ExperimentList> {
  const experiments: ExperimentListItem[] = [];
  for (const e of await store.listExperiments()) {
    const s = await buildReport(store, e);
    experiments.push({
      id: e.id,
      status: e.status,
      variants: s.variants.map((v) => v.name),
      exposures: s.variants.reduce((n, v) => n + v.exposures, 0),
      srm: s.analysis.srm.flagged,
      recommendation: s.analysis.recommendation,
    });
  }
  experiments.sort((a, b) => a.id.localeCompare(b.id));
  return { store: where, experiments };
}

/** A read-only view of `store` whose events of `id` are `events`: buildReport then analyses a prefix. */
function withEvents(store: ExperimentStore, events: readonly ExperimentEvent[]): ExperimentStore {
  return {
    portVersion: 1,
    kind: store.kind,
    append: () => Promise.reject(new Error("read-only")),
    events: () => Promise.resolve([...events]),
    saveExperiment: () => Promise.reject(new Error("read-only")),
    getExperiment: (id) => store.getExperiment(id),
    listExperiments: () => store.listExperiments(),
    close: () => Promise.resolve(),
  };
}

const primaryOf = (a: ExperimentAnalysis) => a.metrics.find((m) => !m.guardrail);

/** The analysis after each of ~SERIES_POINTS evenly spaced exposure counts (and at the end). */
async function sequentialSeries(
  store: ExperimentStore,
  e: StoredExperiment,
  events: readonly ExperimentEvent[],
): Promise<SeriesPoint[]> {
  const exposureAt: number[] = [];
  events.forEach((ev, i) => {
    if (ev.kind === "exposure") exposureAt.push(i);
  });
  const total = exposureAt.length;
  if (total === 0) return [];
  const counts = new Set<number>();
  for (let k = 1; k <= SERIES_POINTS; k++) counts.add(Math.max(1, Math.round((k * total) / SERIES_POINTS)));
  const out: SeriesPoint[] = [];
  for (const n of counts) {
    // Every event before the (n+1)-th exposure: the first n exposures and the outcomes logged meanwhile.
    const end = n < total ? exposureAt[n]! : events.length;
    const s = await buildReport(withEvents(store, events.slice(0, end)), e);
    for (const c of primaryOf(s.analysis)?.comparisons ?? []) {
      out.push({
        exposures: n,
        variant: c.variant,
        diff: c.diff,
        lower: c.interval.lower,
        upper: c.interval.upper,
        pValue: c.pValue,
      });
    }
  }
  return out;
}

function allocationOf(e: StoredExperiment, events: readonly ExperimentEvent[]): AllocationBucket[] | null {
  const variants = storedVariants(e).map((v) => v.name);
  const exposures = firstExposures(events, new Set(variants));
  if (!exposures.some((x) => banditAttributes(x) !== undefined)) return null;
  return allocationTimeline(exposures, variants, Math.max(1, Math.ceil(exposures.length / SERIES_POINTS)));
}

/** One experiment's analysis and history, or undefined when the store has no such id. */
export async function experimentDetail(
  store: ExperimentStore,
  id: string,
): Promise<ExperimentDetail | undefined> {
  const e = await store.getExperiment(id);
  if (!e) return undefined;
  const events = await store.events(id);
  const frozen = withEvents(store, events);
  const report = toExperimentJsonReport(await buildReport(frozen, e));
  return {
    ...report,
    primaryMetric: primaryOf(report.analysis)?.metric ?? null,
    series: await sequentialSeries(store, e, events),
    allocation: allocationOf(e, events),
  };
}

/** JSON with non-finite numbers as null (JSON has none). */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v));
