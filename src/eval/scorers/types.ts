import type { Scorer } from "../../core/ports.js";

/** Why an input could not be scored: plain data, so it can be written to a JSONL record and read back. */
export interface ScoreError {
  /** The error's stable code (`FP_SCORER_FAILED` for errors that carry none). */
  code: string;
  message: string;
  /** The name of the scorer that failed. */
  scorer: string;
  hint?: string;
}

/** One judged output: a score in [0, 1] (0 when `error` is set), with the scorer's reason and details. */
export interface ScoreResult {
  score: number;
  reason?: string;
  details?: Record<string, unknown>;
  error?: ScoreError;
}

/** A built-in scorer: a `Scorer` that also says whether it compares against an expected value. */
export interface BuiltinScorer<O = unknown, E = unknown, I = unknown> extends Scorer<O, E, I> {
  /** True when rows need an expected value (the runner can check the dataset before spending anything). */
  readonly requiresExpected: boolean;
}

/** Makes a frozen scorer object. */
export function makeScorer<O, E, I>(
  name: string,
  requiresExpected: boolean,
  score: Scorer<O, E, I>["score"],
): BuiltinScorer<O, E, I> {
  return Object.freeze({ portVersion: 1 as const, name, requiresExpected, score });
}
