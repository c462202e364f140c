import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** ffmpeg or ffprobe ran longer than `timeoutMs` and was killed. */
export class FfmpegTimeoutError extends FlowPromptError {
  static readonly code = "FP_FFMPEG_TIMEOUT";
  readonly tool: string;
  readonly purpose: string;
  readonly timeoutMs: number;

  constructor(tool: string, purpose: string, timeoutMs: number) {
    super(FfmpegTimeoutError.code, `${tool} did not ${purpose} within ${timeoutMs} ms and was stopped.`, {
      hint: "Raise the `timeoutMs` option, or ask for less work (fewer frames, a smaller `width`, a shorter clip).",
    });
    this.name = "FfmpegTimeoutError";
    this.tool = tool;
    this.purpose = purpose;
    this.timeoutMs = timeoutMs;
  }

  static override isInstance(error: unknown): error is FfmpegTimeoutError {
    return hasCode(error, FfmpegTimeoutError.code);
  }
}
