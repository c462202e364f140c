import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { FinishedTrial, ParamValue, TrialOutcome } from "../../core/ports.js";
import type { Direction } from "./space.js";

interface OpenTrial {
  params: Record<string, ParamValue>;
  intermediate: Record<number, number>;
}

const TELL_HINT = "Tell each trial once, with a number that ask() returned.";

function copyTrial(trial: FinishedTrial): FinishedTrial {
  const outcome: TrialOutcome =
    trial.outcome.state === "complete"
      ? { state: "complete", values: [...trial.outcome.values] }
      : { ...trial.outcome };
  const copy: FinishedTrial = { number: trial.number, params: { ...trial.params }, outcome };
  if (trial.intermediate !== undefined) copy.intermediate = { ...trial.intermediate };
  return copy;
}

/** Checks an outcome against the study's objectives; `argument` names it in the error. */
export function checkOutcome(outcome: TrialOutcome, objectives: number, argument: string): void {
  const problem = (text: string, hint?: string) => new InvalidArgumentError(argument, text, hint);
  if (typeof outcome !== "object" || outcome === null) throw problem("expected an outcome object");
  if (outcome.state === "complete") {
    const { values } = outcome;
    if (!Array.isArray(values) || values.length !== objectives) {
      throw problem(`expected ${objectives} value(s), one per direction, got ${String(values)}`);
    }
    if (values.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
      throw problem(
        `values must be finite numbers, got [${values.join(", ")}]`,
        'Tell { state: "fail" } instead.',
      );
    }
  } else if (outcome.state === "pruned") {
    if (outcome.value !== undefined && typeof outcome.value !== "number")
      throw problem("value must be a number");
  } else if (outcome.state !== "fail") {
    throw problem(`unknown state ${JSON.stringify((outcome as { state?: unknown }).state)}`);
  }
}

/**
 * A sampler's record of its trials: hands out numbers, keeps running trials' intermediate values and
 * the finished trials (in number order), and rejects tells and reports that do not fit.
 */
export class TrialBook {
  private next = 0;
  private readonly open = new Map<number, OpenTrial>();
  private readonly done = new Map<number, FinishedTrial>();
  private sorted: FinishedTrial[] = [];

  constructor(private readonly directions: readonly Direction[]) {}

  /** Registers a new running trial and returns its number. */
  start(params: Record<string, ParamValue>): number {
    const number = this.next++;
    this.open.set(number, { params: { ...params }, intermediate: {} });
    return number;
  }

  private running(trial: number, action: string): OpenTrial {
    const open = this.open.get(trial);
    if (open !== undefined) return open;
    const problem = this.done.has(trial) ? "has already finished" : "is unknown";
    throw new InvalidArgumentError(
      `trial number for ${action}`,
      `trial ${String(trial)} ${problem}`,
      TELL_HINT,
    );
  }

  /** Records an intermediate value; returns the trial's intermediate values so far. */
  record(trial: number, step: number, value: number): Readonly<Record<number, number>> {
    const open = this.running(trial, "report");
    if (!Number.isSafeInteger(step) || step < 0) {
      throw new InvalidArgumentError("report step", `expected an integer >= 0, got ${String(step)}`);
    }
    if (typeof value !== "number")
      throw new InvalidArgumentError("report value", `expected a number, got ${String(value)}`);
    open.intermediate[step] = value;
    return open.intermediate;
  }

  /** Ends a running trial. */
  finish(trial: number, outcome: TrialOutcome): void {
    const open = this.running(trial, "tell");
    checkOutcome(outcome, this.directions.length, `outcome of trial ${trial}`);
    const finished: FinishedTrial = { number: trial, params: open.params, outcome };
    if (Object.keys(open.intermediate).length > 0) finished.intermediate = open.intermediate;
    this.open.delete(trial);
    this.add(copyTrial(finished));
  }

  /** Adds trials finished elsewhere (a resumed run); later numbers follow the highest seen. */
  seed(trials: readonly FinishedTrial[]): void {
    if (!Array.isArray(trials))
      throw new InvalidArgumentError("seed trials", "expected an array of finished trials");
    const seen = new Set<number>();
    for (const t of trials) {
      const argument = `seeded trial ${String(t?.number)}`;
      if (!Number.isSafeInteger(t?.number) || t.number < 0) {
        throw new InvalidArgumentError(argument, "number must be an integer >= 0");
      }
      if (seen.has(t.number) || this.done.has(t.number) || this.open.has(t.number)) {
        throw new InvalidArgumentError(argument, "this trial number is already known");
      }
      if (typeof t.params !== "object" || t.params === null)
        throw new InvalidArgumentError(argument, "params must be an object");
      checkOutcome(t.outcome, this.directions.length, argument);
      seen.add(t.number);
    }
    for (const t of trials) {
      this.add(copyTrial(t));
      this.next = Math.max(this.next, t.number + 1);
    }
  }

  private add(trial: FinishedTrial): void {
    this.done.set(trial.number, trial);
    this.sorted = [...this.done.values()].sort((a, b) => a.number - b.number);
  }

  /** The finished trials in number order (shared: do not mutate). */
  finished(): readonly FinishedTrial[] {
    return this.sorted;
  }

  /** Copies of the finished trials in number order. */
  list(): FinishedTrial[] {
    return this.sorted.map(copyTrial);
  }
}
