import pLimit from "p-limit";
import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import type { DatasetRow, Scorer } from "../../core/ports.js";
import type { Prompt } from "../../core/prompt.js";
import type { ModelLike, RunResult } from "../../core/types.js";
import { evaluate as judge } from "../../eval/scorers/score-one.js";
import { MetricError } from "../errors/metric-error.js";
import { applyProgram, type Program, programKey } from "../program.js";
import type { BudgetTracker } from "./budget.js";
import type { Memo } from "./memo.js";

/**
 * Errors that are not the program's fault but the set-up's (no provider, no key, bad variables):
 * scoring them 0 would hide the problem, so they stop the run.
 */
const SETUP_ERRORS = new Set([
  "FP_UNKNOWN_PROVIDER",
  "FP_MISSING_API_KEY",
  "FP_PROVIDER_NOT_INSTALLED",
  "FP_PROVIDER_UNREACHABLE",
  "FP_INVALID_ARGUMENT",
  "FP_INVALID_INPUT",
  "FP_MISSING_VARIABLE",
  "FP_UNKNOWN_VARIABLE",
  "FP_TEMPLATE",
]);

/** One row's outcome for one program. */
export interface RowResult {
  rowId: string;
  score: number;
  /** The metric's reason, or the feedback function's text: what reflective optimizers read. */
  feedback?: string;
  /** The validated output, or null when the program failed on the row. */
  output: unknown;
  /** The program's error (a failed call or an invalid reply after repairs); such a row scores 0. */
  error?: { code: string; message: string };
  /** USD of the call (0 when the model has no price). */
  costUsd?: number;
}

/** A program's scores on some rows (aligned with them). */
export interface ProgramScore {
  key: string;
  mean: number;
  /** Mean USD per row (what a call of this program costs). */
  costPerRow: number;
  results: RowResult[];
}

/** Extra text for reflective optimizers, beside the score. */
export type FeedbackFn = (args: {
  input: unknown;
  output: unknown;
  expected: unknown;
  score: number;
  reason: string | undefined;
}) => string | undefined;

export interface EvaluatorOptions {
  base: Prompt;
  scorer: Scorer;
  memo: Memo;
  budget: BudgetTracker;
  /** A model for every run, over the programs' own (the `model` option). */
  model: ModelLike | undefined;
  concurrency: number;
  feedback: FeedbackFn | undefined;
  historyFile: string | undefined;
  signal: AbortSignal | undefined;
}

/** Scores programs on rows: memoised per (program, row), budgeted, with bounded concurrency. */
export class Evaluator {
  readonly #o: EvaluatorOptions;
  readonly #prompts = new Map<string, Prompt>();
  readonly #limit;

  constructor(options: EvaluatorOptions) {
    this.#o = options;
    this.#limit = pLimit(options.concurrency);
  }

  /** The prompt a program makes (cached by program key). */
  prompt(program: Program): Prompt {
    const key = programKey(program);
    let p = this.#prompts.get(key);
    if (p === undefined) {
      p = applyProgram(this.#o.base, program);
      this.#prompts.set(key, p);
    }
    return p;
  }

  /** The memoised results of a program on rows (undefined where it has none), with no call. */
  known(program: Program, rows: readonly DatasetRow[]): (RowResult | undefined)[] {
    const key = programKey(program);
    return rows.map((row) => this.#o.memo.peek<RowResult>(`eval:${key}:${row.id}`));
  }

  async evaluate(program: Program, rows: readonly DatasetRow[]): Promise<ProgramScore> {
    const key = programKey(program);
    const prompt = this.prompt(program);
    // Every row settles before this returns, so no call of a stopped search runs on in the background.
    // Once one row fails (budget, metric, set-up), the rows still queued do not start.
    let stop: { reason: unknown } | undefined;
    const one = async (row: DatasetRow) => {
      if (stop) throw stop.reason;
      try {
        return await this.#row(key, prompt, row);
      } catch (error) {
        stop ??= { reason: error };
        throw error;
      }
    };
    const settled = await Promise.allSettled(rows.map((row) => this.#limit(() => one(row))));
    if (stop) throw stop.reason;
    const results = settled.map((r) => (r as PromiseFulfilledResult<RowResult>).value);
    const n = Math.max(1, results.length);
    const mean = results.reduce((s, r) => s + r.score, 0) / n;
    const costPerRow = results.reduce((s, r) => s + (r.costUsd ?? 0), 0) / n;
    return { key, mean, costPerRow, results };
  }

  async #row(key: string, prompt: Prompt, row: DatasetRow): Promise<RowResult> {
    const memoKey = `eval:${key}:${row.id}`;
    const known = this.#o.memo.get<RowResult>(memoKey);
    if (known !== undefined) return known;
    const { budget, signal } = this.#o;
    budget.reserve();
    let run: RunResult | undefined;
    let error: RowResult["error"];
    try {
      run = await prompt.execute(row.input as never, {
        ...(this.#o.model !== undefined && { model: this.#o.model }),
        ...(signal && { signal }),
      });
    } catch (e) {
      if (signal?.aborted) {
        budget.settle(undefined);
        throw signal.reason;
      }
      if (!FlowPromptError.isInstance(e) || SETUP_ERRORS.has(e.code)) {
        budget.settle(undefined);
        throw e;
      }
      error = { code: e.code, message: e.message };
    }
    budget.settle({
      attempts: run?.attempts ?? 1,
      costUsd: run?.costUsd ?? 0,
      inputTokens: run?.usage.inputTokens ?? 0,
      outputTokens: run?.usage.outputTokens ?? 0,
    });
    const costUsd = run?.costUsd ?? 0;
    const result = run
      ? { ...(await this.#score(row, run.output)), costUsd }
      : { rowId: row.id, score: 0, output: null, error, costUsd };
    this.#o.memo.set(memoKey, result);
    return result;
  }

  async #score(row: DatasetRow, output: unknown): Promise<RowResult> {
    const { scorer, signal } = this.#o;
    let judged: Awaited<ReturnType<typeof judge>>;
    try {
      judged = await judge(scorer, output, row.expected, row.input, signal);
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      throw new MetricError(scorer.name, row.id, e, this.#o.historyFile);
    }
    const feedback =
      this.#o.feedback?.({
        input: row.input,
        output,
        expected: row.expected,
        score: judged.score,
        reason: judged.reason,
      }) ?? judged.reason;
    return { rowId: row.id, score: judged.score, output, ...(feedback !== undefined && { feedback }) };
  }
}
