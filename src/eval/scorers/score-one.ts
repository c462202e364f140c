import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { Scorer } from "../../core/ports.js";
import { InvalidScoreError } from "../errors/invalid-score-error.js";
import { ScorerError } from "../errors/scorer-error.js";
import type { ScoreResult } from "./types.js";

type Judged = Omit<ScoreResult, "error">;

function checkNumber(scorer: string, value: unknown, raw: unknown): number {
  if (typeof value !== "number") {
    throw new InvalidScoreError(scorer, raw, "a score must be a boolean or a number in [0, 1].");
  }
  if (Number.isNaN(value)) throw new InvalidScoreError(scorer, raw, "the score is NaN.");
  if (value < 0 || value > 1) throw new InvalidScoreError(scorer, raw, "the score is outside [0, 1].");
  return value;
}

/**
 * A scorer's answer as `{ score, reason?, details? }`: booleans become 0/1; a score that is NaN, outside
 * [0, 1] or not a number throws an `InvalidScoreError` naming the scorer and the value.
 */
export function normalizeScore(scorer: string, value: unknown): Judged {
  if (typeof value === "boolean") return { score: value ? 1 : 0 };
  if (typeof value === "object" && value !== null && "score" in value) {
    const { score, reason, details } = value as { score: unknown; reason?: unknown; details?: unknown };
    const out: Judged = {
      score: checkNumber(scorer, typeof score === "boolean" ? Number(score) : score, value),
    };
    if (typeof reason === "string") out.reason = reason;
    if (typeof details === "object" && details !== null) out.details = details as Record<string, unknown>;
    return out;
  }
  return { score: checkNumber(scorer, value, value) };
}

/** Runs a scorer and normalises its answer; throws what the scorer threw (for composites). */
export async function evaluate(
  scorer: Scorer,
  output: unknown,
  expected: unknown,
  input: unknown,
  signal: AbortSignal | undefined,
): Promise<Judged> {
  return normalizeScore(scorer.name, await scorer.score(output, expected, input, { signal }));
}

/**
 * Scores one output and never throws for the scorer's sake: a scorer that throws, or answers
 * something that is not a score, gives `{ score: 0, error: { code, message, scorer } }` so the input
 * counts as a failure and the reason is kept. Only an abort of `signal` is thrown (as the signal's
 * reason), so a cancelled run is not recorded as scored.
 */
export async function scoreOne<O, E, I>(
  scorer: Scorer<O, E, I>,
  output: O,
  expected: E | undefined,
  input: I,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<ScoreResult> {
  if (typeof scorer !== "object" || scorer === null || typeof scorer.score !== "function") {
    throw new InvalidArgumentError("scorer", "expected a Scorer ({ portVersion: 1, name, score() }).");
  }
  const { signal } = options;
  try {
    return await evaluate(scorer as Scorer, output, expected, input, signal);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const coded = FlowPromptError.isInstance(error) ? error : new ScorerError(scorer.name, error);
    const out: ScoreResult = {
      score: 0,
      error: {
        code: coded.code,
        message: coded.message.includes(`Scorer "${scorer.name}"`)
          ? coded.message
          : `Scorer "${scorer.name}": ${coded.message}`,
        scorer: scorer.name,
      },
    };
    if (coded.hint !== undefined) out.error!.hint = coded.hint;
    return out;
  }
}
