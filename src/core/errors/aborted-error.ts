import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** The call was cancelled through its `signal`. */
export class AbortedError extends FlowPromptError {
  static readonly code = "FP_ABORTED";
  readonly prompt: string;

  constructor(prompt: string, cause?: unknown) {
    super(AbortedError.code, `The call to prompt "${prompt}" was aborted.`, {
      hint: "The AbortSignal passed as `signal` was aborted; nothing was cached.",
      cause,
    });
    this.name = "AbortedError";
    this.prompt = prompt;
  }

  static override isInstance(error: unknown): error is AbortedError {
    return hasCode(error, AbortedError.code);
  }
}
