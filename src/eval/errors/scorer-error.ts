import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** A scorer threw something that is not a FlowPrompt error (the thrown value is `cause`). */
export class ScorerError extends FlowPromptError {
  static readonly code = "FP_SCORER_FAILED";
  readonly scorer: string;

  constructor(scorer: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(ScorerError.code, `Scorer "${scorer}" threw: ${why}`, {
      hint: "The input is scored as a failure (0) and the error is kept in its record; fix the scorer and re-score.",
      cause,
    });
    this.name = "ScorerError";
    this.scorer = scorer;
  }

  static override isInstance(error: unknown): error is ScorerError {
    return hasCode(error, ScorerError.code);
  }
}
