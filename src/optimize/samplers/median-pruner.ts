import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { FinishedTrial } from "../../core/ports.js";
import type { Direction } from "./space.js";

/** What a pruner sees when a running trial reports an intermediate value. */
export interface PruneContext {
  /** The direction of the (first) objective: intermediate values are compared in it. */
  direction: Direction;
  /** The step just reported. */
  step: number;
  /** The running trial's intermediate values by step, the one just reported included. */
  intermediate: Readonly<Record<number, number>>;
  /** Every finished trial of the study (complete, pruned and failed). */
  finished: readonly FinishedTrial[];
}

/** Decides, after each report, whether a running trial should stop early. */
export interface Pruner {
  /** "median", "none", … (for history and messages). */
  readonly kind: string;
  shouldPrune(context: PruneContext): boolean;
}

/** Options of {@link medianPruner} (Optuna's MedianPruner). */
export interface MedianPrunerOptions {
  /** Never prune until this many trials have completed. Default 5. */
  nStartupTrials?: number;
  /** Never prune a trial before this step. Default 0. */
  nWarmupSteps?: number;
  /** Consider pruning only once per this many steps after the warm-up. Default 1. */
  intervalSteps?: number;
}

function checkCount(argument: string, value: unknown, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(argument, `expected an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

/** The steps of an intermediate record, as numbers. */
function stepsOf(intermediate: Readonly<Record<number, number>>): number[] {
  return Object.keys(intermediate).map(Number);
}

/**
 * Whether `step` is the first report in its pruning interval: the last step reported before it lies
 * before the interval's start (so a trial reporting every step is checked once per interval).
 */
function firstInInterval(step: number, steps: readonly number[], warmup: number, interval: number): boolean {
  const intervalStart = Math.floor((step - warmup) / interval) * interval + warmup;
  const previous = steps.reduce((last, s) => (s > last && s !== step ? s : last), -1);
  return previous < intervalStart;
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

/**
 * Prunes a trial whose best intermediate value so far is worse than the median of the completed
 * trials' values at the same step (Optuna's MedianPruner, i.e. PercentilePruner at 50%). Never
 * prunes before `nStartupTrials` trials completed, before step `nWarmupSteps`, or at steps that are
 * not the first report of an `intervalSteps` interval; a NaN intermediate value is always pruned.
 */
export function medianPruner(options: MedianPrunerOptions = {}): Pruner {
  const nStartupTrials = checkCount("medianPruner nStartupTrials", options.nStartupTrials ?? 5, 0);
  const nWarmupSteps = checkCount("medianPruner nWarmupSteps", options.nWarmupSteps ?? 0, 0);
  const intervalSteps = checkCount("medianPruner intervalSteps", options.intervalSteps ?? 1, 1);
  return {
    kind: "median",
    shouldPrune({ direction, intermediate, finished }) {
      const completed = finished.filter((t) => t.outcome.state === "complete");
      if (completed.length === 0 || completed.length < nStartupTrials) return false;
      const steps = stepsOf(intermediate);
      if (steps.length === 0) return false;
      const step = Math.max(...steps);
      if (step < nWarmupSteps || !firstInInterval(step, steps, nWarmupSteps, intervalSteps)) return false;
      const own = steps.map((s) => intermediate[s]!);
      if (own.some(Number.isNaN)) return true;
      const best = direction === "maximize" ? Math.max(...own) : Math.min(...own);
      const others = completed
        .map((t) => t.intermediate?.[step])
        .filter((v): v is number => typeof v === "number" && !Number.isNaN(v));
      if (others.length === 0) return false;
      const m = median(others);
      return direction === "maximize" ? best < m : best > m;
    },
  };
}

/** A pruner that never prunes. */
export const noPruner: Pruner = { kind: "none", shouldPrune: () => false };

/** The pruner a sampler option names: a Pruner, "median" (default options) or "none" (default). */
export function resolvePruner(pruner: Pruner | "median" | "none" | undefined): Pruner {
  if (pruner === undefined || pruner === "none") return noPruner;
  if (pruner === "median") return medianPruner();
  if (typeof pruner === "object" && pruner !== null && typeof pruner.shouldPrune === "function")
    return pruner;
  throw new InvalidArgumentError(
    "pruner",
    `expected a Pruner, "median" or "none", got ${String(pruner)}`,
    'Pass pruner: "median" or medianPruner({ nWarmupSteps: 2 }).',
  );
}
