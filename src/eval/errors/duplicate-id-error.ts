import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";
import { formatRowLocation, type RowLocation } from "./location.js";

/** Two rows of a dataset have the same id (records and resumed runs key on ids, so they must be unique). */
export class DuplicateIdError extends FlowPromptError {
  static readonly code = "FP_DATASET_DUPLICATE_ID";
  readonly id: string;
  readonly first: RowLocation;
  readonly second: RowLocation;

  constructor(id: string, first: RowLocation, second: RowLocation) {
    super(
      DuplicateIdError.code,
      `Duplicate id "${id}": ${formatRowLocation(second)} has the same id as ${formatRowLocation(first)}.`,
      { hint: "Give every row a unique id, or map no id field so rows are numbered." },
    );
    this.name = "DuplicateIdError";
    this.id = id;
    this.first = first;
    this.second = second;
  }

  static override isInstance(error: unknown): error is DuplicateIdError {
    return hasCode(error, DuplicateIdError.code);
  }
}
