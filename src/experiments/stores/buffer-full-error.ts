import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** The backing store is down and the buffer of a BufferedExperimentStore has no room for more events. */
export class ExperimentBufferFullError extends FlowPromptError {
  static readonly code = "FP_EXPERIMENT_BUFFER_FULL";
  readonly buffered: number;
  readonly maxBuffer: number;
  /** How many events were refused (none of them was stored). */
  readonly refused: number;

  constructor(store: string, buffered: number, maxBuffer: number, refused: number, cause?: unknown) {
    super(
      ExperimentBufferFullError.code,
      `Experiment store "${store}" is unavailable and its buffer is full (${buffered} of ${maxBuffer} ` +
        `events waiting): ${refused} new event(s) were refused, not stored.`,
      {
        hint:
          "Bring the backing store back (see the cause), raise `maxBuffer`, or retry these events later " +
          "with the same ids (appends are idempotent by id).",
        cause,
      },
    );
    this.name = "ExperimentBufferFullError";
    this.buffered = buffered;
    this.maxBuffer = maxBuffer;
    this.refused = refused;
  }

  static override isInstance(error: unknown): error is ExperimentBufferFullError {
    return hasCode(error, ExperimentBufferFullError.code);
  }
}
