import { FlowPromptError, hasCode } from "../core/errors/flowprompt-error.js";

/** A mistake on the command line: unknown flag, malformed --var, missing argument (exit code 2). */
export class UsageError extends FlowPromptError {
  static readonly code = "FP_USAGE";

  constructor(message: string, hint?: string) {
    super(UsageError.code, message, hint ? { hint } : {});
    this.name = "UsageError";
  }

  static override isInstance(error: unknown): error is UsageError {
    return hasCode(error, UsageError.code);
  }
}
