import type { DatasetRow, ParamValue, Sampler, SearchSpace } from "../core/ports.js";
import type { Prompt } from "../core/prompt.js";
import type { ModelLike, RunResult } from "../core/types.js";
import type { Program } from "./program.js";
import type { BudgetTracker } from "./run/budget.js";
import type { CallOutcome } from "./run/calls.js";
import type { ProgramScore, RowResult } from "./run/evaluator.js";

/** One trial of a search, as kept in the history. */
export interface TrialRecord {
  /** 0-based, in the order trials finished in this run. */
  number: number;
  /** The sampler's trial number (with shared storage, unique across workers). */
  samplerTrial?: number;
  optimizer: string;
  /** What the trial chose (the sampler's parameters, or the optimizer's own labels). */
  choices: Record<string, ParamValue>;
  programKey: string;
  /** Mean score on the rows it was scored on (a minibatch, or the whole validation set). */
  score: number;
  /** Mean USD per row on those rows. */
  costPerRow?: number;
  rows: number;
  /** Whether `score` is on the whole validation set. */
  full: boolean;
  pruned?: boolean;
  /** Calls and USD spent by the run up to the end of this trial. */
  callsSoFar: number;
  costSoFar: number;
  at: number;
}

/** A program scored on the whole validation set. */
export interface Candidate {
  key: string;
  program: Program;
  /** Mean validation score. */
  score: number;
  /** Per validation row (aligned with the validation set), for Pareto fronts and paired tests. */
  scores: readonly number[];
  /** Mean USD per validation row: what one call of this program costs. */
  costPerRow: number;
  /** Who made it ("baseline", "trial 12", "gepa: reflection on 3", …). */
  origin: string;
}

/** What an optimizer gets: the data, the evaluator, the sampler, the budget and helpers. */
export interface OptimizerContext {
  base: Prompt;
  baseProgram: Program;
  train: readonly DatasetRow[];
  val: readonly DatasetRow[];
  seed: number;
  /** Trials asked for (an optimizer may stop earlier, never later). */
  trials: number;
  sampler: Sampler;
  budget: BudgetTracker;
  signal: AbortSignal | undefined;
  settings: OptimizerSettings;
  /** The trials so far, in order. */
  readonly history: readonly TrialRecord[];
  /** Scores a program on rows (memoised per row). */
  evaluate(program: Program, rows: readonly DatasetRow[]): Promise<ProgramScore>;
  /** Scores a program on the whole validation set and adds it to the candidates. */
  validate(program: Program, origin: string): Promise<Candidate>;
  /**
   * One sampler-driven trial: asks the sampler for `space`, builds the program, scores it on a
   * minibatch (reporting to the pruner) or the whole validation set, tells the sampler, records it.
   * Every `fullEvalEvery` trials the best program so far by minibatch is validated in full.
   */
  trial(
    space: SearchSpace,
    build: (choices: Record<string, ParamValue>) => Program | Promise<Program>,
  ): Promise<TrialRecord>;
  /** Validates (in full) the program with the best mean minibatch score that is not validated yet. */
  validateBestMinibatch(): Promise<Candidate | undefined>;
  /** Records a trial an optimizer ran itself (no sampler), e.g. one demo set of a random search. */
  record(trial: Omit<TrialRecord, "number" | "callsSoFar" | "costSoFar" | "at">): TrialRecord;
  /** A model call of the optimizer itself (proposal, reflection, teacher), memoised and budgeted. */
  call<T>(key: string, run: () => Promise<RunResult<T>>): Promise<CallOutcome<T>>;
  /** Picks the result without validation (the blind bootstrap, `validate: false`). */
  choose(program: Program, origin: string): void;
  /** What rows a program already has scores for (from the memo), without any call. */
  known(program: Program, rows: readonly DatasetRow[]): (RowResult | undefined)[];
  /** Validated candidates so far, best first. */
  candidates(): readonly Candidate[];
  /** Progress and notes for the display. */
  note(message: string): void;
  /** Keeps something the optimizer made for the result (e.g. the proposed instructions): `result.artifacts[name]`. */
  publish(name: string, value: unknown): void;
  /** True once a trial cap or the time cap is reached: optimizers should stop. */
  done(): boolean;
}

/** Settings shared by the optimizers (each reads what it needs). */
export interface OptimizerSettings {
  /** Largest number of demos in a program (labelled + bootstrapped). */
  maxDemos: number;
  /** Largest number of bootstrapped (teacher) demos. */
  maxBootstrapped: number;
  /** Instruction candidates the proposer writes. */
  candidates: number;
  /** Rows per minibatch, or 0 for full validation on every trial. */
  minibatch: number;
  /** Validate the best program in full every this many trials (MIPRO's schedule). */
  fullEvalEvery: number;
  /** Temperatures to search (none: the prompt's own). */
  temperatures: readonly number[] | undefined;
  /** Models to search (none: the prompt's own). */
  models: readonly string[] | undefined;
  /** The model that writes instructions (default: the task model). */
  proposer: ModelLike | undefined;
  /** The model that reads failures and rewrites instructions (GEPA; default: the proposer). */
  reflection: ModelLike | undefined;
  /** The model of the teacher that makes bootstrapped demos (default: the task model). */
  teacher: ModelLike | undefined;
  /** A teacher's trace becomes a demo when its score is at least this (default 1). */
  passThreshold: number;
  /** Self-improvement rounds for bootstrap (the best program teaches the next round). */
  rounds: number;
  /** Stop self-improvement after this many rounds without improvement. */
  patience: number;
  /** Stop when a validation score reaches this. */
  threshold: number | undefined;
  /** A task model that overrides the programs' (the `model` option). */
  model: ModelLike | undefined;
  /** Whether programs are scored on the validation set (false: the blind bootstrap; see OptimizeOptions). */
  validate: boolean;
  /** What trials are told: the score (maximized), and the cost per row (minimized) too for ["score", "cost"]. */
  objectives: readonly ("score" | "cost")[];
}

/** An optimizer: a strategy that runs trials in the context until its trials or the budget run out. */
export interface Optimizer {
  readonly name: string;
  /** Whether it can run with `validate: false`. */
  readonly blind?: boolean;
  /** Projected model calls for a dry run (upper bound, with `trials` trials). */
  estimateCalls(plan: { train: number; val: number; trials: number; settings: OptimizerSettings }): number;
  run(ctx: OptimizerContext): Promise<void>;
}
