import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";
import { formatRowLocation, type RowLocation } from "./location.js";

/**
 * One row of a dataset cannot be used: it is not an object, it has no input (or no expected value
 * when one is required), or a mapped field is missing. Names the field and lists the row's fields.
 */
export class DatasetRowError extends FlowPromptError {
  static readonly code = "FP_DATASET_ROW";
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly row: number;
  /** The field that was looked for, when the problem is a missing field. */
  readonly field: string | undefined;
  /** The fields the row has. */
  readonly fields: readonly string[];

  constructor(
    loc: RowLocation,
    problem: string,
    options: { field?: string; fields?: readonly string[]; hint?: string; cause?: unknown } = {},
  ) {
    const fields = options.fields ?? [];
    const has =
      options.fields === undefined ? "" : ` The row has: ${fields.length ? fields.join(", ") : "no fields"}.`;
    super(DatasetRowError.code, `${formatRowLocation(loc)}: ${problem}${has}`, {
      hint: options.hint,
      cause: options.cause,
    });
    this.name = "DatasetRowError";
    this.file = loc.file;
    this.line = loc.line;
    this.row = loc.row;
    this.field = options.field;
    this.fields = fields;
  }

  static override isInstance(error: unknown): error is DatasetRowError {
    return hasCode(error, DatasetRowError.code);
  }
}
