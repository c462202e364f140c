import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { DatasetRow, ModelLike } from "../core/index.js";
import { holm } from "../stats/index.js";
import { analyzeRecords, decide } from "./analysis/analyze.js";
import type { CompareAnalysis } from "./analysis/types.js";
import { type LoadDatasetOptions, loadDataset } from "./datasets/index.js";
import { type EvaluationEstimate, estimateEvaluation } from "./runner/estimate.js";
import { type EvaluationRun, runEvaluation } from "./runner/runner.js";
import type { EvalRecord, RunProgress, ScoreFn } from "./runner/types.js";
import { toRunners, type VariantLike } from "./runner/variants.js";
import { type MetricLike, scoreOne, toScorer } from "./scorers/index.js";
import { EarlyStopper, shuffled } from "./sequential.js";

export interface CompareOptions extends Pick<LoadDatasetOptions, "input" | "expected" | "id" | "category"> {
  /** How outputs are scored: a scorer name ("exact", "contains", …), a Scorer, or `(output, expected, input) => boolean | number`. Default "exact". */
  metric?: MetricLike;
  /** The baseline every challenger is tested against (default: the first variant). */
  control?: string;
  /** Repeats per input (default 1). The input stays the unit of analysis. */
  runs?: number;
  confidence?: number;
  /** "control": each challenger against the control (default); "all": every pair. */
  comparisons?: "control" | "all";
  seed?: number;
  /** The model every prompt variant runs on (default: each prompt's own). */
  model?: ModelLike;
  concurrency?: number;
  /** JSONL file for the records: written as they finish, resumed if it exists. */
  recordsFile?: string;
  /** Stop before the estimated spend passes this many USD. */
  budgetUsd?: number;
  /** Mid-p McNemar for pass/fail data. */
  midP?: boolean;
  /** Also test each challenger for non-inferiority with this margin (score points, e.g. 0.02). */
  nonInferiorityMargin?: number;
  /**
   * Stop as soon as the answer is known: inputs run in a seeded random order and an always-valid
   * sequential test watches each challenger against the control; error rates stay controlled
   * however often it looks. Comparisons then report the sequential p-value and interval.
   */
  stopEarly?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
}

export interface CompareResult extends CompareAnalysis {
  records: EvalRecord[];
  /** Why the run ended early, if it did. */
  stopped: EvaluationRun["stopped"];
  costUsd: number;
  elapsedMs: number;
  inputs: number;
  /** True when a simulated model (`sim:`) produced any output: reports say so. */
  simulated: boolean;
}

/**
 * Which prompt works better, with statistics that do not lie: runs every variant on every input
 * (`runs` times), scores the outputs, and tests the differences pairwise with the input as the unit
 * of analysis. `winner` is null unless the data support one.
 *
 * ```ts
 * const result = await compare({ terse, detailed }, "data.jsonl", { metric: "exact" });
 * result.winner; result.comparisons[0].pAdjusted;
 * ```
 */
export async function compare(
  variants: Readonly<Record<string, VariantLike>>,
  dataset: string | readonly unknown[],
  options: CompareOptions = {},
): Promise<CompareResult> {
  const names = Object.keys(variants ?? {});
  if (names.length < 2) {
    throw new InvalidArgumentError(
      "variants",
      `compare() needs at least two variants, got ${names.length}${names.length ? ` (${names.join(", ")})` : ""}.`,
      "Pass a record such as { baseline: promptA, candidate: promptB }.",
    );
  }
  if (options.control !== undefined && !names.includes(options.control)) {
    throw new InvalidArgumentError(
      "control",
      `"${options.control}" is not a variant. Variants: ${names.join(", ")}.`,
    );
  }
  const loaded = await loadRows(dataset, options);
  const control = options.control ?? names[0]!;
  const rows = options.stopEarly ? shuffled(loaded, options.seed ?? 0) : loaded;
  const stopper = options.stopEarly
    ? new EarlyStopper(
        control,
        names.filter((n) => n !== control),
        names.length,
        options.runs ?? 1,
        1 - (options.confidence ?? 0.95),
      )
    : undefined;
  const runners = await toRunners(variants, { model: options.model });
  const scorer = toScorer(options.metric ?? "exact");
  const score: ScoreFn = (output, row, signal) =>
    scoreOne(scorer, output, row.expected, row.input, { signal }).then((r) => ({
      score: r.score,
      ...(r.reason !== undefined && { reason: r.reason }),
      ...(r.details !== undefined && { details: r.details }),
      ...(r.error && { error: { code: r.error.code, message: r.error.message } }),
    }));
  const run = await runEvaluation({
    variants: runners,
    dataset: rows,
    score,
    ...(options.runs !== undefined && { runs: options.runs }),
    ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
    ...(options.recordsFile !== undefined && { recordsFile: options.recordsFile }),
    ...(options.budgetUsd !== undefined && { budgetUsd: options.budgetUsd }),
    ...(options.signal !== undefined && { signal: options.signal }),
    ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
    ...(stopper && { shouldStop: (records: readonly EvalRecord[]) => stopper.shouldStop(records) }),
  });
  const analysis = analyzeRecords(run.records, {
    variants: names,
    ...(options.control !== undefined && { control: options.control }),
    ...(options.confidence !== undefined && { confidence: options.confidence }),
    ...(options.comparisons !== undefined && { comparisons: options.comparisons }),
    ...(options.seed !== undefined && { seed: options.seed }),
    ...(options.midP !== undefined && { midP: options.midP }),
    ...(options.nonInferiorityMargin !== undefined && { nonInferiorityMargin: options.nonInferiorityMargin }),
  });
  if (stopper) {
    const comparisons = stopper.apply(analysis.comparisons);
    const adjusted = holm(comparisons.map((c) => c.pValue));
    analysis.comparisons = comparisons.map((c, i) => ({ ...c, pAdjusted: Math.max(c.pValue, adjusted[i]!) }));
    Object.assign(analysis, decideAgain(analysis));
  }
  return {
    ...analysis,
    records: run.records,
    stopped: run.stopped,
    costUsd: run.costUsd,
    elapsedMs: run.elapsedMs,
    inputs: rows.length,
    simulated: run.records.some((r) => r.model?.startsWith("sim:") === true),
  };
}

/** What `compare()` would call and cost, before anything is spent. */
export async function estimateCompare(
  variants: Readonly<Record<string, VariantLike>>,
  dataset: string | readonly unknown[],
  options: Pick<CompareOptions, "runs" | "model" | "input" | "expected" | "id" | "category"> = {},
): Promise<EvaluationEstimate> {
  const rows = await loadRows(dataset, options);
  return estimateEvaluation(await toRunners(variants, { model: options.model }), rows, options.runs ?? 1);
}

function loadRows(dataset: string | readonly unknown[], options: CompareOptions): Promise<DatasetRow[]> {
  const mapping = {
    ...(options.input !== undefined && { input: options.input }),
    ...(options.expected !== undefined && { expected: options.expected }),
    ...(options.id !== undefined && { id: options.id }),
    ...(options.category !== undefined && { category: options.category }),
  };
  return loadDataset(dataset, mapping as LoadDatasetOptions);
}

function decideAgain(analysis: CompareAnalysis): Pick<CompareAnalysis, "winner" | "verdict"> {
  return decide(analysis.comparisons, analysis.variants, analysis.control, "control", analysis.notEnoughData);
}
