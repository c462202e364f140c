import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** An experiment store could not do what it was asked (database unreachable, directory unwritable). */
export class ExperimentStoreError extends FlowPromptError {
  static readonly code = "FP_EXPERIMENT_STORE";
  /** The store's `kind` ("jsonl", "postgres", ...). */
  readonly store: string;
  /** What was being done ("append", "events", "saveExperiment", "migrate", ...). */
  readonly operation: string;

  constructor(store: string, operation: string, problem: string, hint: string, cause?: unknown) {
    super(ExperimentStoreError.code, `Experiment store "${store}" failed to ${operation}: ${problem}`, {
      hint,
      cause,
    });
    this.name = "ExperimentStoreError";
    this.store = store;
    this.operation = operation;
  }

  static override isInstance(error: unknown): error is ExperimentStoreError {
    return hasCode(error, ExperimentStoreError.code);
  }
}
