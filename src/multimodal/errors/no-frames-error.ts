import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** A video with no decodable frames: no video stream (an audio file), or bytes ffmpeg cannot read. */
export class NoFramesError extends FlowPromptError {
  static readonly code = "FP_VIDEO_NO_FRAMES";
  /** The media's name (file or URL), or "video" when it has none. */
  readonly source: string;
  /** What ffmpeg said, or why no frame came out. */
  readonly detail: string;

  constructor(source: string | undefined, detail: string, cause?: unknown) {
    super(NoFramesError.code, `No video frames could be read from ${source ?? "the video"}: ${detail}.`, {
      hint: "Check that the file is a complete video with a video stream (`ffprobe FILE` lists its streams); for audio use the audio helpers.",
      cause,
    });
    this.name = "NoFramesError";
    this.source = source ?? "video";
    this.detail = detail;
  }

  static override isInstance(error: unknown): error is NoFramesError {
    return hasCode(error, NoFramesError.code);
  }
}
