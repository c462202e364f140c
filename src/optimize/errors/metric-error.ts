import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/**
 * The metric threw, or answered something that is not a score (NaN, outside [0, 1]), while the
 * optimizer scored a row. The run stops: a broken metric would steer the search anywhere. Every
 * trial and call so far is kept in the history file, so a rerun resumes where this one stopped.
 */
export class MetricError extends FlowPromptError {
  static readonly code = "FP_OPTIMIZE_METRIC";
  readonly metric: string;
  readonly rowId: string;

  constructor(metric: string, rowId: string, cause: unknown, historyFile: string | undefined) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(MetricError.code, `The metric "${metric}" failed on row "${rowId}": ${why}`, {
      hint:
        "Make the metric return a boolean or a number in [0, 1] for every row (or { score, reason })." +
        (historyFile === undefined
          ? " Pass a history file to keep paid calls across reruns."
          : ` Calls made so far are kept in ${historyFile}: rerun with the same options to resume.`),
      cause,
    });
    this.name = "MetricError";
    this.metric = metric;
    this.rowId = rowId;
  }

  static override isInstance(error: unknown): error is MetricError {
    return hasCode(error, MetricError.code);
  }
}
