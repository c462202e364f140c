import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || value === undefined || value === null) {
    return String(value);
  }
  if (typeof value === "string") return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/** A scorer answered something that is not a score: NaN, a number outside [0, 1], not a number at all. */
export class InvalidScoreError extends FlowPromptError {
  static readonly code = "FP_INVALID_SCORE";
  readonly scorer: string;
  readonly value: unknown;

  constructor(scorer: string, value: unknown, problem: string) {
    super(InvalidScoreError.code, `Scorer "${scorer}" returned ${show(value)}: ${problem}`, {
      hint: "A scorer returns a boolean, a number in [0, 1], or { score, reason?, details? } with score in [0, 1].",
    });
    this.name = "InvalidScoreError";
    this.scorer = scorer;
    this.value = value;
  }

  static override isInstance(error: unknown): error is InvalidScoreError {
    return hasCode(error, InvalidScoreError.code);
  }
}
