import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** `scorerByName()` (or a `metric` option) named no built-in scorer. */
export class UnknownScorerError extends FlowPromptError {
  static readonly code = "FP_UNKNOWN_SCORER";
  readonly scorer: string;
  readonly known: readonly string[];
  readonly suggestion: string | undefined;

  constructor(scorer: string, known: readonly string[], suggestion?: string) {
    const mean = suggestion ? ` Did you mean "${suggestion}"?` : "";
    super(UnknownScorerError.code, `Unknown scorer "${scorer}".${mean} Known scorers: ${known.join(", ")}.`, {
      hint: "Pass a known name, a Scorer object, or a function (output, expected, input) => boolean | number.",
    });
    this.name = "UnknownScorerError";
    this.scorer = scorer;
    this.known = known;
    this.suggestion = suggestion;
  }

  static override isInstance(error: unknown): error is UnknownScorerError {
    return hasCode(error, UnknownScorerError.code);
  }
}
