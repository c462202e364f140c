import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** A training, validation or test set too small to optimize on (or to split). */
export class DatasetTooSmallError extends FlowPromptError {
  static readonly code = "FP_OPTIMIZE_DATA";
  /** Which set: "trainset", "valset", "testset". */
  readonly set: string;
  readonly rows: number;
  readonly needed: number;

  constructor(set: string, rows: number, needed: number, why: string) {
    super(
      DatasetTooSmallError.code,
      `The ${set} has ${rows} row${rows === 1 ? "" : "s"}; optimizing needs at least ${needed}: ${why}`,
      {
        hint:
          "Give more labelled examples (a few dozen is a useful start), or pass a separate valset. " +
          "With fewer rows no score difference between prompts can be told from noise.",
      },
    );
    this.name = "DatasetTooSmallError";
    this.set = set;
    this.rows = rows;
    this.needed = needed;
  }

  static override isInstance(error: unknown): error is DatasetTooSmallError {
    return hasCode(error, DatasetTooSmallError.code);
  }
}
