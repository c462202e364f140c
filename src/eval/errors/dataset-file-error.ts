import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/**
 * A data file that cannot be read or parsed: unreadable, unknown extension, a malformed JSON line,
 * a ragged CSV record. The message starts with `file` or `file:line`.
 */
export class DatasetFileError extends FlowPromptError {
  static readonly code = "FP_DATASET_FILE";
  readonly file: string;
  readonly line: number | undefined;
  readonly problem: string;

  constructor(
    file: string,
    problem: string,
    options: { line?: number; hint?: string; cause?: unknown } = {},
  ) {
    const where = options.line !== undefined ? `${file}:${options.line}` : file;
    super(DatasetFileError.code, `${where}: ${problem}`, {
      hint: options.hint ?? "See docs/datasets-and-scorers.md for the JSONL, CSV and JSON formats.",
      cause: options.cause,
    });
    this.name = "DatasetFileError";
    this.file = file;
    this.line = options.line;
    this.problem = problem;
  }

  static override isInstance(error: unknown): error is DatasetFileError {
    return hasCode(error, DatasetFileError.code);
  }
}
