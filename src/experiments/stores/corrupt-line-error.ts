import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** A JSONL event file has a line in its middle that is not an event (a torn last line is not an error). */
export class ExperimentStoreCorruptLineError extends FlowPromptError {
  static readonly code = "FP_EXPERIMENT_STORE_CORRUPT_LINE";
  readonly file: string;
  /** 1-based. */
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super(ExperimentStoreCorruptLineError.code, `${file}:${line}: not an experiment event (${problem}).`, {
      hint:
        "The file was edited or damaged by something other than FlowPrompt. Fix or delete that line " +
        "(keep a copy of the file first); every other line is intact.",
    });
    this.name = "ExperimentStoreCorruptLineError";
    this.file = file;
    this.line = line;
  }

  static override isInstance(error: unknown): error is ExperimentStoreCorruptLineError {
    return hasCode(error, ExperimentStoreCorruptLineError.code);
  }
}
