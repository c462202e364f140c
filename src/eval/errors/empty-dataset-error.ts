import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** A dataset with no rows (an empty file, a CSV with only its header, an empty array). */
export class EmptyDatasetError extends FlowPromptError {
  static readonly code = "FP_DATASET_EMPTY";
  /** The data file, or undefined for rows passed in directly. */
  readonly file: string | undefined;

  constructor(file: string | undefined) {
    super(EmptyDatasetError.code, `The dataset ${file === undefined ? "passed in" : file} has no rows.`, {
      hint:
        file === undefined
          ? "Pass at least one row: [{ input, expected? }, …]."
          : "Check that the file has data rows (a CSV needs a header line and at least one record).",
    });
    this.name = "EmptyDatasetError";
    this.file = file;
  }

  static override isInstance(error: unknown): error is EmptyDatasetError {
    return hasCode(error, EmptyDatasetError.code);
  }
}
