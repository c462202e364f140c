import type { Comparison, VariantSummary } from "../eval/analysis/types.js";
import {
  isSimulated,
  type ReportContext,
  type ReportSource,
  recordCount,
  regressions,
  runsOf,
} from "./format.js";

/**
 * The machine-readable report (`--json`): the comparison result without its records (a count
 * instead). Field names are stable; `version` changes when one changes meaning or goes away.
 * Fields that do not apply are null, never missing. Documented in docs/compare.md.
 */
export interface JsonReport {
  format: "flowprompt.compare";
  version: 1;
  /** The variant the data support as best, or null. */
  winner: string | null;
  verdict: string;
  control: string;
  confidence: number;
  /** True when a simulated model (`sim:`) produced any output. */
  simulated: boolean;
  metric: string | null;
  /** Inputs in the dataset (or, for a saved run, inputs seen). */
  inputs: number;
  runs: number;
  /** How many records (variant × input × run) the analysis read. */
  records: number;
  /** "budget", "early" or "aborted" when the run ended before every call was made. */
  stopped: "budget" | "early" | "aborted" | null;
  costUsd: number | null;
  elapsedMs: number | null;
  /** Challengers significantly worse than the control (what `--fail-on-regression` fails on). */
  regressions: string[];
  notEnoughData: { inputs: number; minInputs: number; message: string } | null;
  variants: JsonVariant[];
  comparisons: JsonComparison[];
  /** Scores per category, when the data have a category field. */
  strata: Record<string, { variants: { name: string; score: number; n: number }[] }> | null;
}

export type JsonVariant = Pick<
  VariantSummary,
  | "name"
  | "score"
  | "interval"
  | "n"
  | "runs"
  | "errors"
  | "errorRate"
  | "costUsd"
  | "costPerCall"
  | "latencyMs"
  | "cachedShare"
  | "models"
>;

export interface JsonComparison
  extends Pick<
    Comparison,
    "a" | "b" | "diff" | "ci" | "pValue" | "pAdjusted" | "method" | "significant" | "n"
  > {
  costDiff: { diff: number; ci: [number, number] } | null;
  latencyDiffMs: { diff: number; ci: [number, number] } | null;
  nonInferior: { margin: number; lower: number; nonInferior: boolean } | null;
}

/** The JSON report as an object (stringify it yourself, or use `renderJson`). */
export function toJsonReport(source: ReportSource, ctx: ReportContext = {}): JsonReport {
  return {
    format: "flowprompt.compare",
    version: 1,
    winner: source.winner,
    verdict: source.verdict,
    control: source.control,
    confidence: source.confidence,
    simulated: isSimulated(source),
    metric: ctx.metric ?? null,
    inputs: source.inputs ?? Math.min(...source.variants.map((v) => v.n)),
    runs: runsOf(source),
    records: recordCount(source),
    stopped: source.stopped ?? null,
    costUsd: source.costUsd ?? null,
    elapsedMs: source.elapsedMs ?? null,
    regressions: regressions(source).map((c) => (c.a === source.control ? c.b : c.a)),
    notEnoughData: source.notEnoughData ?? null,
    variants: source.variants.map((v) => ({
      name: v.name,
      score: v.score,
      interval: v.interval,
      n: v.n,
      runs: v.runs,
      errors: v.errors,
      errorRate: v.errorRate,
      costUsd: v.costUsd,
      costPerCall: v.costPerCall,
      latencyMs: v.latencyMs,
      cachedShare: v.cachedShare,
      models: v.models,
    })),
    comparisons: source.comparisons.map((c) => ({
      a: c.a,
      b: c.b,
      diff: c.diff,
      ci: c.ci,
      pValue: c.pValue,
      pAdjusted: c.pAdjusted,
      method: c.method,
      significant: c.significant,
      n: c.n,
      costDiff: c.costDiff ?? null,
      latencyDiffMs: c.latencyDiffMs ?? null,
      nonInferior: c.nonInferior ?? null,
    })),
    strata: source.strata ?? null,
  };
}

/** The JSON report as pretty-printed text, with a final newline. */
export function renderJson(source: ReportSource, ctx: ReportContext = {}): string {
  return `${JSON.stringify(toJsonReport(source, ctx), null, 2)}\n`;
}
