import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** The call took longer than its `timeoutMs`. */
export class TimeoutError extends FlowPromptError {
  static readonly code = "FP_TIMEOUT";
  readonly prompt: string;
  readonly timeoutMs: number;

  constructor(prompt: string, timeoutMs: number) {
    super(TimeoutError.code, `The call to prompt "${prompt}" timed out after ${timeoutMs} ms.`, {
      hint: "Raise `timeoutMs`, or use a faster model.",
    });
    this.name = "TimeoutError";
    this.prompt = prompt;
    this.timeoutMs = timeoutMs;
  }

  static override isInstance(error: unknown): error is TimeoutError {
    return hasCode(error, TimeoutError.code);
  }
}
