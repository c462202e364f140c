import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** The audio track of a video (or the audio of a file) was asked for, but there is none that can be read. */
export class NoAudioTrackError extends FlowPromptError {
  static readonly code = "FP_MEDIA_NO_AUDIO";
  /** The media's name (file or URL), or "media" when it has none. */
  readonly source: string;
  /** What ffmpeg said, or why no audio came out. */
  readonly detail: string;

  constructor(source: string | undefined, detail: string, cause?: unknown) {
    super(NoAudioTrackError.code, `No audio could be read from ${source ?? "the media"}: ${detail}.`, {
      hint: "Check that the file has an audio stream (`ffprobe FILE` lists its streams); a silent screen recording has none.",
      cause,
    });
    this.name = "NoAudioTrackError";
    this.source = source ?? "media";
    this.detail = detail;
  }

  static override isInstance(error: unknown): error is NoAudioTrackError {
    return hasCode(error, NoAudioTrackError.code);
  }
}
