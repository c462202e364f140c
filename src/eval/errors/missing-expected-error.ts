import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** A scorer that compares against an expected value was given none for this input. */
export class MissingExpectedError extends FlowPromptError {
  static readonly code = "FP_MISSING_EXPECTED";
  readonly scorer: string;

  constructor(scorer: string) {
    super(MissingExpectedError.code, `Scorer "${scorer}" needs an expected value, and this row has none.`, {
      hint: 'Add an expected value to every row (loadDataset(…, { expected: "answer", requireExpected: true }) checks it up front), or use a scorer that needs none (judge, regex with a pattern, custom).',
    });
    this.name = "MissingExpectedError";
    this.scorer = scorer;
  }

  static override isInstance(error: unknown): error is MissingExpectedError {
    return hasCode(error, MissingExpectedError.code);
  }
}
