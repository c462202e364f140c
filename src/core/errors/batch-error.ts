import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/**
 * Some items of a `prompt.batch()` failed. Nothing is lost: `results[i]` holds each item that
 * succeeded (in input order, `undefined` where it failed) and `errors` the failures by index.
 */
export class BatchError<R = unknown> extends FlowPromptError {
  static readonly code = "FP_BATCH";
  readonly prompt: string;
  readonly results: readonly (R | undefined)[];
  readonly errors: ReadonlyMap<number, unknown>;

  constructor(prompt: string, results: readonly (R | undefined)[], errors: ReadonlyMap<number, unknown>) {
    const first = errors.values().next().value;
    const firstMessage = first instanceof Error ? first.message : String(first);
    super(
      BatchError.code,
      `${errors.size} of ${results.length} items of prompt "${prompt}" failed; first: ${firstMessage}`,
      {
        hint: "error.results holds the items that succeeded, error.errors the failures by index.",
        cause: first,
      },
    );
    this.name = "BatchError";
    this.prompt = prompt;
    this.results = results;
    this.errors = errors;
  }

  static override isInstance(error: unknown): error is BatchError {
    return hasCode(error, BatchError.code);
  }
}
