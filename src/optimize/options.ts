import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { DatasetRow, Sampler } from "../core/ports.js";
import type { ModelLike } from "../core/types.js";
import type { MetricLike } from "../eval/scorers/registry.js";
import type { Budget } from "./run/budget.js";
import type { FeedbackFn } from "./run/evaluator.js";
import type { Candidate, Optimizer, OptimizerSettings, TrialRecord } from "./types.js";

/** The built-in optimizers, by name. */
export const OPTIMIZER_NAMES = ["fewshot", "bootstrap", "instruction", "mipro", "gepa"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];
export type SamplerName = "tpe" | "random" | "optuna";

/** Rows, or a data file (JSONL, JSON, CSV) read with `loadDataset`. */
export type DataLike = readonly DatasetRow[] | string;

/** Progress after each trial. */
export interface OptimizeProgress {
  trial: TrialRecord;
  trials: number;
  best: Candidate | undefined;
  baseline: number;
  calls: number;
  costUsd: number;
  elapsedMs: number;
}

export interface OptimizeOptions {
  /** Labelled examples the optimizer learns from (demos, proposals, reflection). */
  trainset: DataLike;
  /** Examples trials are scored on. Default: split off the trainset (see `split`). */
  valset?: DataLike;
  /** Held-out examples scored only at the end, for the baseline and the result. Default: split off the trainset. */
  testset?: DataLike;
  /** Proportions of the trainset to split off when valset/testset are not given (default val 0.3, test 0.2). */
  split?: { val?: number; test?: number };
  /** A scorer name ("exact", "structured", …), a Scorer, or a function (output, expected, input) => score. */
  metric: MetricLike;
  /** Default "mipro". */
  optimizer?: OptimizerName | Optimizer;
  /** Default "tpe" (native); "optuna" uses Python's Optuna (falls back to "tpe" with a warning when missing). */
  sampler?: SamplerName | Sampler;
  /** For the Optuna sampler: a storage (an SQLite file or a PostgreSQL URL) shared by workers, and the study name. */
  storage?: string;
  studyName?: string;
  /** Prune hopeless trials on minibatch scores ("median"; default "none"). */
  pruner?: "median" | "none";
  /**
   * What the search optimizes: `["score"]` (default), or `["score", "cost"]` for quality against cost
   * per call (the sampler gets two objectives; Optuna then defaults to NSGA-II) with the Pareto front
   * of validated programs in `result.front`.
   */
  objectives?: readonly ("score" | "cost")[];
  /**
   * `false`: no validation at all, for budgets too small to score programs (DSPy's plain
   * BootstrapFewShot): the bootstrap optimizer runs the teacher until `maxBootstrapped` traces pass
   * (or the budget ends), fills up with labelled demos, and returns that program unscored
   * (`result.score.val` is null). Only the bootstrap optimizer supports it. Default true.
   */
  validate?: boolean;
  /** Trials to run (default 30). Budgets may stop the run earlier. */
  trials?: number;
  budget?: Budget;
  /** Every random choice depends on it (default 0). */
  seed?: number;
  /** The task model for every program (default: the prompt's). */
  model?: ModelLike;
  /** Who writes instructions, who reflects on failures, who teaches (default: the task model). */
  proposer?: ModelLike;
  reflection?: ModelLike;
  teacher?: ModelLike;
  /** Search these temperatures / models too. */
  temperatures?: readonly number[];
  models?: readonly string[];
  maxDemos?: number;
  maxBootstrapped?: number;
  /** Instruction candidates to propose (default 6). */
  candidates?: number;
  /** Rows per minibatch (default 25; 0 scores every trial on the whole valset). */
  minibatch?: number;
  /** Validate the best minibatch program every this many trials (default 8). */
  fullEvalEvery?: number;
  /** Bootstrap self-improvement rounds (default 1), patience (default 1) and target score. */
  rounds?: number;
  patience?: number;
  threshold?: number;
  passThreshold?: number;
  /** Text feedback for reflective optimizers, beside the metric's own reason. */
  feedback?: FeedbackFn;
  /** Model calls in flight at once (default 8). */
  concurrency?: number;
  /** A JSONL file keeping every paid call and trial: rerun with the same options to resume. */
  historyFile?: string;
  signal?: AbortSignal;
  onProgress?: (progress: OptimizeProgress) => void;
  /** Notes ("3 proposals", "falling back to tpe"), default: none. */
  onNote?: (message: string) => void;
}

function intOption(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(name, `expected an integer ≥ ${min}, got ${String(value)}.`);
  }
  return value;
}

/** The optimizer settings with defaults, each checked. */
export function resolveSettings(o: OptimizeOptions): OptimizerSettings {
  const maxDemos = intOption("maxDemos", o.maxDemos, 4, 0);
  if (
    o.temperatures !== undefined &&
    !o.temperatures.every((t) => typeof t === "number" && t >= 0 && t <= 2)
  ) {
    throw new InvalidArgumentError("temperatures", "expected numbers in [0, 2].");
  }
  if (o.threshold !== undefined && !(o.threshold >= 0 && o.threshold <= 1)) {
    throw new InvalidArgumentError("threshold", `expected a score in [0, 1], got ${String(o.threshold)}.`);
  }
  const objectives = o.objectives ?? ["score"];
  const okObjectives =
    Array.isArray(objectives) &&
    objectives[0] === "score" &&
    objectives.length <= 2 &&
    (objectives.length === 1 || objectives[1] === "cost");
  if (!okObjectives) {
    throw new InvalidArgumentError(
      "objectives",
      `expected ["score"] or ["score", "cost"], got ${JSON.stringify(objectives)}.`,
    );
  }
  if (o.validate !== undefined && typeof o.validate !== "boolean") {
    throw new InvalidArgumentError("validate", `expected true or false, got ${String(o.validate)}.`);
  }
  return {
    validate: o.validate ?? true,
    objectives,
    maxDemos,
    maxBootstrapped: Math.min(maxDemos, intOption("maxBootstrapped", o.maxBootstrapped, maxDemos, 0)),
    candidates: intOption("candidates", o.candidates, 6, 1),
    minibatch: intOption("minibatch", o.minibatch, 25, 0),
    fullEvalEvery: intOption("fullEvalEvery", o.fullEvalEvery, 8, 1),
    temperatures: o.temperatures,
    models: o.models,
    proposer: o.proposer,
    reflection: o.reflection,
    teacher: o.teacher,
    passThreshold: o.passThreshold ?? 1,
    rounds: intOption("rounds", o.rounds, 1, 1),
    patience: intOption("patience", o.patience, 1, 1),
    threshold: o.threshold,
    model: o.model,
  };
}
