import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** A variable was given that no template of the prompt uses (usually a typo). */
export class UnknownVariableError extends FlowPromptError {
  static readonly code = "FP_UNKNOWN_VARIABLE";
  readonly variable: string;
  readonly prompt: string;
  readonly known: readonly string[];
  readonly suggestion: string | undefined;

  constructor(variable: string, prompt: string, known: readonly string[], suggestion: string | undefined) {
    super(
      UnknownVariableError.code,
      `Unknown variable "${variable}" for prompt "${prompt}": no template uses it.` +
        (suggestion ? ` Did you mean "${suggestion}"?` : ""),
      {
        hint:
          known.length > 0
            ? `The prompt's variables are: ${known.join(", ")}.`
            : "This prompt's templates use no variables.",
      },
    );
    this.name = "UnknownVariableError";
    this.variable = variable;
    this.prompt = prompt;
    this.known = known;
    this.suggestion = suggestion;
  }

  static override isInstance(error: unknown): error is UnknownVariableError {
    return hasCode(error, UnknownVariableError.code);
  }
}
