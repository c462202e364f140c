import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { MaybePromise } from "../../core/types.js";
import { type BuiltinScorer, makeScorer } from "./types.js";

/** A user's scoring function: pass/fail, a score in [0, 1], or `{ score, reason?, details? }`, sync or async. */
export type ScoreFunction<O = unknown, E = unknown, I = unknown> = (
  output: O,
  expected: E | undefined,
  input: I,
  context: { signal?: AbortSignal | undefined },
) => MaybePromise<boolean | number | { score: number; reason?: string; details?: Record<string, unknown> }>;

export interface CustomOptions {
  /** The metric's name in reports (default: the function's name, else "custom"). */
  name?: string;
  /** Rows must have an expected value (default false). */
  requiresExpected?: boolean;
}

/**
 * Wraps any function as a scorer. Its answers are checked like every scorer's (see `scoreOne`).
 *
 * ```ts
 * const short = custom((output: string) => output.length <= 280, { name: "fits-a-tweet" });
 * ```
 */
export function custom<O = unknown, E = unknown, I = unknown>(
  fn: ScoreFunction<O, E, I>,
  options: CustomOptions = {},
): BuiltinScorer<O, E, I> {
  if (typeof fn !== "function") {
    throw new InvalidArgumentError(
      "custom() scorer",
      "expected a function (output, expected, input) => boolean | number.",
    );
  }
  const name = options.name ?? (fn.name || "custom");
  if (typeof name !== "string" || name.trim() === "") {
    throw new InvalidArgumentError("custom() name", "expected a non-empty string.");
  }
  return makeScorer<O, E, I>(name, options.requiresExpected === true, (output, expected, input, context) =>
    fn(output, expected, input, context),
  );
}
