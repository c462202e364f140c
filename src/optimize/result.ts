import type { Sampler, Scorer } from "../core/ports.js";
import type { Prompt } from "../core/prompt.js";
import type { Program } from "./program.js";
import type { BudgetTracker, StopReason } from "./run/budget.js";
import { BudgetExhausted } from "./run/budget.js";
import type { SearchContext } from "./run/context.js";
import type { OptimizeData } from "./run/data.js";
import type { Evaluator } from "./run/evaluator.js";
import type { Memo } from "./run/memo.js";
import { type Provenance, promptFileText, savePromptFile } from "./save.js";
import type { Candidate, Optimizer, TrialRecord } from "./types.js";

/** What `optimize()` returns. */
export interface OptimizeResult {
  /** The best program as a prompt, ready to run. */
  prompt: Prompt;
  program: Program;
  /**
   * The chosen program's mean score on the validation set and on the held-out test set (null
   * without one; `val` is null with `validate: false`, which scores nothing).
   */
  score: { val: number | null; test: number | null };
  /** The same for the prompt as it was. */
  baseline: { val: number | null; test: number | null };
  /** Every program scored on the whole validation set, best first. */
  candidates: readonly Candidate[];
  /**
   * The validated programs no other beats on both score and cost per call, best score first: the
   * choices of quality against cost. With one objective it is still computed, for information.
   */
  front: readonly Candidate[];
  /** Every trial in order, including pruned and rejected ones. */
  history: readonly TrialRecord[];
  stopReason: StopReason;
  optimizer: string;
  sampler: string;
  seed: number;
  usage: {
    calls: number;
    attempts: number;
    costUsd: number;
    inputTokens: number;
    outputTokens: number;
    /** Evaluations and proposals answered from the memo (repeated candidates, a resumed run). */
    memoHits: number;
    /** Entries read back from the history file when the run started. */
    resumed: number;
  };
  data: OptimizeData;
  notes: readonly string[];
  /** What the optimizer made along the way: `instructions` (proposed), `demoSets` (candidate demo sets). */
  artifacts: Readonly<Record<string, unknown>>;
  elapsedMs: number;
  provenance: Provenance;
  /** The Dotprompt text of the optimized prompt, with provenance in `metadata.optimized`. */
  toPromptFile(): string;
  /** Writes `toPromptFile()` to `file`. */
  save(file: string): Promise<void>;
}

export interface ResultInputs {
  prompt: Prompt;
  ctx: SearchContext;
  evaluator: Evaluator;
  data: OptimizeData;
  budget: BudgetTracker;
  memo: Memo;
  optimizer: Optimizer;
  sampler: Sampler;
  seed: number;
  stopReason: StopReason;
  notes: string[];
  scorer: Scorer;
  started: number;
}

/** Scores on the test set, or null when there is none or the budget ran out. */
async function testScore(evaluator: Evaluator, program: Program, data: OptimizeData): Promise<number | null> {
  if (data.test.length === 0) return null;
  try {
    return (await evaluator.evaluate(program, data.test)).mean;
  } catch (error) {
    if (error instanceof BudgetExhausted) return null;
    throw error;
  }
}

/** Picks the best validated program (the baseline wins ties), scores it on the test set, and wraps up. */
export async function toResult(r: ResultInputs): Promise<OptimizeResult> {
  const candidates = r.ctx.candidates();
  const baselineCandidate = candidates.find((c) => c.origin === "baseline");
  const top = candidates[0];
  const best =
    top === undefined || baselineCandidate === undefined || top.score > baselineCandidate.score
      ? top
      : baselineCandidate;
  const program = r.ctx.chosen?.program ?? best?.program ?? r.ctx.baseProgram;
  const baseTest = await testScore(r.evaluator, r.ctx.baseProgram, r.data);
  const same = r.ctx.chosen === undefined && best === baselineCandidate;
  const bestTest = same ? baseTest : await testScore(r.evaluator, program, r.data);
  const b = r.budget;
  const provenance: Provenance = {
    optimizer: r.optimizer.name,
    sampler: r.sampler.kind,
    seed: r.seed,
    metric: r.scorer.name,
    base: { name: r.prompt.name, version: r.prompt.version, hash: r.prompt.hash },
    data: {
      source: r.data.source,
      train: { rows: r.data.train.length, hash: r.data.hashes.train },
      val: { rows: r.data.val.length, hash: r.data.hashes.val },
      test: { rows: r.data.test.length, hash: r.data.hashes.test },
    },
    score: { val: r.ctx.chosen ? null : (best?.score ?? null), test: bestTest },
    baseline: { val: baselineCandidate?.score ?? null, test: baseTest },
    trials: r.ctx.history.length,
    calls: b.calls,
    costUsd: b.costUsd,
    at: new Date().toISOString(),
  };
  const toPromptFile = () => promptFileText(r.prompt, program, provenance);
  return {
    prompt: r.evaluator.prompt(program),
    program,
    score: provenance.score,
    baseline: provenance.baseline,
    candidates,
    front: costFront(candidates),
    history: r.ctx.history,
    stopReason: r.stopReason,
    optimizer: r.optimizer.name,
    sampler: r.sampler.kind,
    seed: r.seed,
    usage: {
      calls: b.calls,
      attempts: b.attempts,
      costUsd: b.costUsd,
      inputTokens: b.inputTokens,
      outputTokens: b.outputTokens,
      memoHits: r.memo.hits,
      resumed: r.memo.resumed,
    },
    data: r.data,
    notes: r.notes,
    artifacts: r.ctx.artifacts,
    elapsedMs: Date.now() - r.started,
    provenance,
    toPromptFile,
    save: (file) => savePromptFile(file, toPromptFile()),
  };
}

/** The candidates not dominated on (score ↑, cost per row ↓), best score first. */
export function costFront(candidates: readonly Candidate[]): Candidate[] {
  return candidates.filter(
    (c) =>
      !candidates.some(
        (d) =>
          d.score >= c.score &&
          d.costPerRow <= c.costPerRow &&
          (d.score > c.score || d.costPerRow < c.costPerRow),
      ),
  );
}
