import pLimit from "p-limit";
import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { DatasetRow } from "../../core/index.js";
import { zeroUsage } from "../../core/types.js";
import { callEstimate } from "./estimate.js";
import { RecordWriter, readRecords, recordKey } from "./records.js";
import type { EvalRecord, RunEvaluationOptions, RunProgress, VariantRunner } from "./types.js";

export interface EvaluationRun {
  /** Every record of the run, resumed ones included, in dataset order per variant and run. */
  records: EvalRecord[];
  /** Why the run ended early, if it did. */
  stopped: "budget" | "early" | "aborted" | undefined;
  resumed: number;
  costUsd: number;
  elapsedMs: number;
}

/**
 * Runs every variant on every input, `runs` times, with bounded concurrency. Records are appended to
 * `recordsFile` as they finish, so an interrupted run resumes without paying twice; a variant or
 * scorer error is scored 0 and kept (with its code), never lost. Inputs are started in dataset
 * order, all variants of an input together, so early stopping always sees complete pairs.
 */
export async function runEvaluation(options: RunEvaluationOptions): Promise<EvaluationRun> {
  const { variants, dataset } = options;
  const runs = options.runs ?? 1;
  const concurrency = options.concurrency ?? 4;
  check(variants, dataset, runs, concurrency);
  const started = performance.now();

  const previous = options.recordsFile ? await readRecords(options.recordsFile) : [];
  const kept = resumable(previous, variants);
  const writer = options.recordsFile ? new RecordWriter(options.recordsFile) : undefined;
  const byKey = new Map(kept.map((r) => [recordKey(r.variant, r.inputId, r.run), r]));
  const total = variants.length * dataset.length * runs;
  const progress: RunProgress = {
    done: byKey.size,
    total,
    resumed: byKey.size,
    failed: 0,
    costUsd: 0,
    elapsedMs: 0,
    etaMs: undefined,
  };
  for (const r of kept) {
    progress.costUsd += r.costUsd ?? 0;
    if (r.error) progress.failed++;
  }

  const limit = pLimit(concurrency);
  let stopped: EvaluationRun["stopped"];
  let fatal: unknown;
  let inFlightEstimate = 0;
  const perGroup = variants.length * runs;
  const maxGroups = Math.max(2, Math.ceil(concurrency / perGroup) + 1);
  const groups = new Set<Promise<void>>();

  const one = async (variant: VariantRunner, row: DatasetRow, run: number): Promise<void> => {
    const key = recordKey(variant.name, row.id, run);
    // An early stop lets started inputs finish (complete pairs); a budget or an abort stops at once.
    if (byKey.has(key) || stopped === "budget" || stopped === "aborted" || options.signal?.aborted) return;
    const estimate = callEstimate(variant, row);
    if (
      options.budgetUsd !== undefined &&
      progress.costUsd + inFlightEstimate + estimate > options.budgetUsd
    ) {
      stopped ??= "budget";
      return;
    }
    inFlightEstimate += estimate;
    try {
      let record: EvalRecord;
      try {
        record = await evaluateOne(variant, row, run, options);
      } catch (error) {
        fatal ??= error;
        stopped = "aborted";
        return;
      }
      // A call cut short by the run's own cancellation is not a result: it is run again on resume.
      if (record.error?.stage === "variant" && options.signal?.aborted) return;
      byKey.set(key, record);
      writer?.write(record);
      progress.done++;
      progress.costUsd += record.costUsd ?? 0;
      if (record.error) progress.failed++;
      progress.elapsedMs = performance.now() - started;
      const fresh = progress.done - progress.resumed;
      progress.etaMs = fresh > 0 ? (progress.elapsedMs / fresh) * (total - progress.done) : undefined;
      options.onProgress?.({ ...progress });
    } finally {
      inFlightEstimate -= estimate;
    }
  };

  for (const row of dataset) {
    if (stopped) break;
    if (options.signal?.aborted) {
      stopped = "aborted";
      break;
    }
    while (groups.size >= maxGroups) await Promise.race(groups);
    const tasks: Promise<void>[] = [];
    for (const variant of variants)
      for (let run = 0; run < runs; run++) tasks.push(limit(() => one(variant, row, run)));
    const group: Promise<void> = Promise.all(tasks).then(() => {
      groups.delete(group);
      if (!stopped && options.shouldStop?.(ordered(byKey, variants, dataset, runs))) stopped = "early";
    });
    groups.add(group);
  }
  await Promise.all(groups);
  await writer?.flush();
  if (fatal !== undefined) throw fatal;
  if (!stopped && options.signal?.aborted) stopped = "aborted";
  return {
    records: ordered(byKey, variants, dataset, runs),
    stopped,
    resumed: progress.resumed,
    costUsd: progress.costUsd,
    elapsedMs: performance.now() - started,
  };
}

async function evaluateOne(
  variant: VariantRunner,
  row: DatasetRow,
  run: number,
  options: RunEvaluationOptions,
): Promise<EvalRecord> {
  const base = {
    variant: variant.name,
    inputId: row.id,
    run,
    ...(variant.hash !== undefined && { promptHash: variant.hash }),
    ...(row.category !== undefined && { category: row.category }),
  };
  const t0 = performance.now();
  let produced: Awaited<ReturnType<VariantRunner["call"]>>;
  try {
    produced = await variant.call(row, run, options.signal);
  } catch (error) {
    if (FlowPromptError.isInstance(error) && FATAL.has(error.code)) throw error;
    return {
      ...base,
      output: null,
      score: 0,
      error: { code: codeOf(error), message: messageOf(error), stage: "variant" },
      usage: zeroUsage(),
      costUsd: 0,
      latencyMs: performance.now() - t0,
      cached: false,
      at: Date.now(),
    };
  }
  const judged = await options.score(produced.output, row, options.signal);
  return {
    ...base,
    output: produced.output ?? null,
    score: judged.error ? 0 : judged.score,
    ...(judged.reason !== undefined && { reason: judged.reason }),
    ...(judged.details !== undefined && { details: judged.details }),
    ...(judged.error && { error: { ...judged.error, stage: "scorer" as const } }),
    usage: produced.usage ?? zeroUsage(),
    costUsd: produced.costUsd === undefined ? 0 : produced.costUsd,
    latencyMs: produced.latencyMs ?? performance.now() - t0,
    cached: produced.cached ?? false,
    ...(produced.model !== undefined && { model: produced.model }),
    at: Date.now(),
  };
}

/** Earlier records that still apply: same variant content; variant failures are tried again. */
function resumable(previous: readonly EvalRecord[], variants: readonly VariantRunner[]): EvalRecord[] {
  const hashes = new Map(variants.map((v) => [v.name, v.hash]));
  const out: EvalRecord[] = [];
  for (const r of previous) {
    if (!hashes.has(r.variant)) continue;
    const hash = hashes.get(r.variant);
    if (hash !== undefined && r.promptHash !== undefined && r.promptHash !== hash) {
      throw new InvalidArgumentError(
        "records file",
        `variant "${r.variant}" has changed since its records were written (prompt hash ${r.promptHash} → ${hash}).`,
        "Use a new records file for the changed prompt, or delete the old one.",
      );
    }
    if (r.error?.stage === "variant") continue;
    out.push(r);
  }
  return out;
}

function ordered(
  byKey: ReadonlyMap<string, EvalRecord>,
  variants: readonly VariantRunner[],
  dataset: readonly DatasetRow[],
  runs: number,
): EvalRecord[] {
  const out: EvalRecord[] = [];
  for (const v of variants)
    for (const row of dataset)
      for (let run = 0; run < runs; run++) {
        const r = byKey.get(recordKey(v.name, row.id, run));
        if (r) out.push(r);
      }
  return out;
}

function check(
  variants: readonly VariantRunner[],
  dataset: readonly DatasetRow[],
  runs: number,
  concurrency: number,
) {
  if (variants.length === 0) throw new InvalidArgumentError("variants", "there are none to run.");
  const names = new Set<string>();
  for (const v of variants) {
    if (names.has(v.name)) throw new InvalidArgumentError("variants", `the name "${v.name}" is used twice.`);
    names.add(v.name);
  }
  if (dataset.length === 0) throw new InvalidArgumentError("dataset", "it has no rows.");
  if (!Number.isInteger(runs) || runs < 1)
    throw new InvalidArgumentError("runs", `expected a whole number ≥ 1, got ${runs}.`);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InvalidArgumentError("concurrency", `expected a whole number ≥ 1, got ${concurrency}.`);
  }
}

/** Configuration errors: every other call would fail the same way, so the run stops at once. */
const FATAL = new Set([
  "FP_MISSING_API_KEY",
  "FP_PROVIDER_NOT_INSTALLED",
  "FP_UNKNOWN_PROVIDER",
  "FP_MISSING_VARIABLE",
  "FP_UNKNOWN_VARIABLE",
  "FP_INVALID_INPUT",
]);

function codeOf(error: unknown): string {
  return FlowPromptError.isInstance(error) ? error.code : error instanceof Error ? error.name : "Error";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
