import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** Every model of a fallback chain failed (each after its retries). `failures` holds each model's error. */
export class FallbackError extends FlowPromptError {
  static readonly code = "FP_ALL_MODELS_FAILED";
  readonly prompt: string;
  readonly failures: readonly { model: string; error: Error }[];

  constructor(prompt: string, failures: readonly { model: string; error: Error }[]) {
    const list = failures.map((f) => `${f.model}: ${f.error.message}`).join("; ");
    super(FallbackError.code, `All ${failures.length} models failed for prompt "${prompt}": ${list}`, {
      hint: "error.failures has each model's error; error.cause is the last one.",
      cause: failures.at(-1)?.error,
    });
    this.name = "FallbackError";
    this.prompt = prompt;
    this.failures = failures;
  }

  static override isInstance(error: unknown): error is FallbackError {
    return hasCode(error, FallbackError.code);
  }
}
