import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** ffmpeg or ffprobe could not be found (nothing at the configured path, FLOWPROMPT_FFMPEG, /usr/bin or on PATH). */
export class FfmpegMissingError extends FlowPromptError {
  static readonly code = "FP_FFMPEG_MISSING";
  /** The program that was looked for. */
  readonly tool: "ffmpeg" | "ffprobe";
  /** What it was needed for ("extract frames from clip.mp4"). */
  readonly purpose: string;
  /** The places looked at, in order. */
  readonly tried: readonly string[];

  constructor(tool: "ffmpeg" | "ffprobe", purpose: string, tried: readonly string[], cause?: unknown) {
    super(
      FfmpegMissingError.code,
      `${tool} is needed to ${purpose} but was not found (looked at: ${tried.join(", ") || "nothing"}).`,
      {
        hint:
          `Install ffmpeg (it includes ffprobe): \`sudo apt-get install ffmpeg\` on Debian/Ubuntu, ` +
          `\`brew install ffmpeg\` on macOS, or \`npm install ${tool === "ffmpeg" ? "ffmpeg-static" : "ffprobe-static"}\`; ` +
          `or point FlowPrompt at it with the \`${tool}\` option or FLOWPROMPT_${tool.toUpperCase()}.`,
        cause,
      },
    );
    this.name = "FfmpegMissingError";
    this.tool = tool;
    this.purpose = purpose;
    this.tried = tried;
  }

  static override isInstance(error: unknown): error is FfmpegMissingError {
    return hasCode(error, FfmpegMissingError.code);
  }
}
