import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** An API was called with an argument it cannot use (a definePrompt config, an option). */
export class InvalidArgumentError extends FlowPromptError {
  static readonly code = "FP_INVALID_ARGUMENT";
  readonly argument: string;

  constructor(argument: string, problem: string, hint?: string) {
    super(InvalidArgumentError.code, `Invalid ${argument}: ${problem}`, hint ? { hint } : {});
    this.name = "InvalidArgumentError";
    this.argument = argument;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return hasCode(error, InvalidArgumentError.code);
  }
}
