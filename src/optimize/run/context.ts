import type { DatasetRow, ParamValue, Sampler, SearchSpace } from "../../core/ports.js";
import type { Prompt } from "../../core/prompt.js";
import type { RunResult } from "../../core/types.js";
import { type Program, programKey } from "../program.js";
import type { Candidate, OptimizerContext, OptimizerSettings, TrialRecord } from "../types.js";
import type { BudgetTracker } from "./budget.js";
import { memoCall } from "./calls.js";
import type { Evaluator } from "./evaluator.js";
import type { Memo } from "./memo.js";
import { pick } from "./sample.js";

export interface ContextDeps {
  base: Prompt;
  baseProgram: Program;
  train: readonly DatasetRow[];
  val: readonly DatasetRow[];
  seed: number;
  trials: number;
  sampler: Sampler;
  budget: BudgetTracker;
  memo: Memo;
  evaluator: Evaluator;
  settings: OptimizerSettings;
  optimizerName: string;
  signal: AbortSignal | undefined;
  onTrial: (trial: TrialRecord, best: Candidate | undefined) => void;
  onNote: (message: string) => void;
}

/** Running means of a program over the minibatches it was scored on. */
interface MinibatchTally {
  program: Program;
  sum: number;
  n: number;
}

/** The search engine every optimizer runs in: trials, minibatches, pruning, validation, candidates. */
export class SearchContext implements OptimizerContext {
  readonly #d: ContextDeps;
  readonly #candidates = new Map<string, Candidate>();
  readonly #tally = new Map<string, MinibatchTally>();
  readonly history: TrialRecord[] = [];
  readonly artifacts: Record<string, unknown> = {};
  /** The program picked without validation (`validate: false`). */
  chosen: { program: Program; origin: string } | undefined;
  #sinceFull = 0;

  constructor(deps: ContextDeps) {
    this.#d = deps;
  }

  get base() {
    return this.#d.base;
  }
  get baseProgram() {
    return this.#d.baseProgram;
  }
  get train() {
    return this.#d.train;
  }
  get val() {
    return this.#d.val;
  }
  get seed() {
    return this.#d.seed;
  }
  get trials() {
    return this.#d.trials;
  }
  get sampler() {
    return this.#d.sampler;
  }
  get budget() {
    return this.#d.budget;
  }
  get signal() {
    return this.#d.signal;
  }
  get settings() {
    return this.#d.settings;
  }

  evaluate(program: Program, rows: readonly DatasetRow[]) {
    return this.#d.evaluator.evaluate(program, rows);
  }

  async validate(program: Program, origin: string): Promise<Candidate> {
    const key = programKey(program);
    const known = this.#candidates.get(key);
    if (known) return known;
    const s = await this.#d.evaluator.evaluate(program, this.#d.val);
    const candidate: Candidate = {
      key,
      program,
      score: s.mean,
      scores: s.results.map((r) => r.score),
      costPerRow: s.costPerRow,
      origin,
    };
    this.#candidates.set(key, candidate);
    return candidate;
  }

  candidates(): readonly Candidate[] {
    return [...this.#candidates.values()].sort((a, b) => b.score - a.score);
  }

  async trial(
    space: SearchSpace,
    build: (choices: Record<string, ParamValue>) => Program | Promise<Program>,
  ): Promise<TrialRecord> {
    const { sampler } = this.#d;
    const asked = await sampler.ask(space);
    const rows = this.#minibatch(this.history.length);
    let program: Program;
    let outcome: { score: number; cost: number; n: number; pruned: boolean };
    try {
      program = await build(asked.params);
      outcome = await this.#scoreWithPruning(asked.number, program, rows);
    } catch (error) {
      await sampler.tell(asked.number, { state: "fail", reason: String(error) });
      throw error;
    }
    const values = this.#d.settings.objectives.map((o) => (o === "cost" ? outcome.cost : outcome.score));
    await sampler.tell(
      asked.number,
      outcome.pruned ? { state: "pruned", value: outcome.score } : { state: "complete", values },
    );
    const full = rows.length === this.#d.val.length;
    const record = this.record({
      samplerTrial: asked.number,
      optimizer: "",
      choices: asked.params,
      programKey: programKey(program),
      score: outcome.score,
      costPerRow: outcome.cost,
      rows: outcome.n,
      full,
      ...(outcome.pruned && { pruned: true }),
    });
    if (full && !outcome.pruned) await this.validate(program, `trial ${record.number}`);
    else if (!outcome.pruned) this.#tallyUp(program, outcome.score);
    if (!full && ++this.#sinceFull >= this.#d.settings.fullEvalEvery) {
      this.#sinceFull = 0;
      await this.validateBestMinibatch();
    }
    return record;
  }

  /** Validates the program with the best mean minibatch score that is not validated yet. */
  async validateBestMinibatch(): Promise<Candidate | undefined> {
    let best: MinibatchTally | undefined;
    for (const [key, t] of this.#tally) {
      if (this.#candidates.has(key)) continue;
      if (best === undefined || t.sum / t.n > best.sum / best.n) best = t;
    }
    return best === undefined ? undefined : this.validate(best.program, "best minibatch");
  }

  record(trial: Omit<TrialRecord, "number" | "callsSoFar" | "costSoFar" | "at">): TrialRecord {
    const b = this.#d.budget;
    const record: TrialRecord = {
      ...trial,
      optimizer: trial.optimizer || this.#d.optimizerName,
      number: this.history.length,
      callsSoFar: b.calls,
      costSoFar: b.costUsd,
      at: Date.now(),
    };
    this.history.push(record);
    this.#d.memo.trial(record as unknown as Record<string, unknown>);
    this.#d.onTrial(record, this.candidates()[0]);
    return record;
  }

  call<T>(key: string, run: () => Promise<RunResult<T>>) {
    return memoCall<T>(this.#d, key, run);
  }

  note(message: string): void {
    this.#d.onNote(message);
  }

  choose(program: Program, origin: string): void {
    this.chosen = { program, origin };
  }

  known(program: Program, rows: readonly DatasetRow[]) {
    return this.#d.evaluator.known(program, rows);
  }

  publish(name: string, value: unknown): void {
    this.artifacts[name] = value;
  }

  done(): boolean {
    return (
      this.history.length >= this.#d.trials || this.#d.budget.timeIsUp() || this.#d.signal?.aborted === true
    );
  }

  #tallyUp(program: Program, score: number): void {
    const key = programKey(program);
    const t = this.#tally.get(key) ?? { program, sum: 0, n: 0 };
    t.sum += score;
    t.n += 1;
    this.#tally.set(key, t);
  }

  /** The rows of trial `i`: the whole validation set, or a seeded random minibatch of it. */
  #minibatch(i: number): readonly DatasetRow[] {
    const { val, settings, seed } = this.#d;
    const m = settings.minibatch;
    return m <= 0 || m >= val.length ? val : pick(val, m, seed * 7919 + i + 1);
  }

  /** Scores in three chunks, reporting the running mean so a pruner can stop a hopeless trial. */
  async #scoreWithPruning(trial: number, program: Program, rows: readonly DatasetRow[]) {
    const chunks = rows.length >= 9 ? 3 : 1;
    const size = Math.ceil(rows.length / chunks);
    let sum = 0;
    let cost = 0;
    let n = 0;
    for (let c = 0; c < chunks; c++) {
      const part = rows.slice(c * size, (c + 1) * size);
      if (part.length === 0) break;
      const s = await this.#d.evaluator.evaluate(program, part);
      sum += s.mean * part.length;
      cost += s.costPerRow * part.length;
      n += part.length;
      if (c < chunks - 1) {
        const { prune } = await this.#d.sampler.report(trial, n, sum / n);
        if (prune) return { score: sum / n, cost: cost / n, n, pruned: true };
      }
    }
    const m = Math.max(1, n);
    return { score: sum / m, cost: cost / m, n, pruned: false };
  }
}
