import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** An experiment was asked to move between lifecycle states it cannot move between (e.g. archived → running). */
export class ExperimentStatusError extends FlowPromptError {
  static readonly code = "FP_EXPERIMENT_STATUS";
  readonly experimentId: string;
  readonly from: string;
  readonly to: string;

  constructor(experimentId: string, from: string, to: string, allowed: readonly string[]) {
    super(
      ExperimentStatusError.code,
      `Experiment ${JSON.stringify(experimentId)} cannot go from ${from} to ${to}` +
        (allowed.length > 0
          ? ` (from ${from} it can go to: ${allowed.join(", ")}).`
          : ` (${from} is final).`),
      { hint: "Lifecycle: draft → running ↔ paused → completed → archived. See docs/experiments.md." },
    );
    this.name = "ExperimentStatusError";
    this.experimentId = experimentId;
    this.from = from;
    this.to = to;
  }

  static override isInstance(error: unknown): error is ExperimentStatusError {
    return hasCode(error, ExperimentStatusError.code);
  }
}
