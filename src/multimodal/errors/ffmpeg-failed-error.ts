import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** ffmpeg or ffprobe ran but exited with an error (or wrote more than allowed). */
export class FfmpegFailedError extends FlowPromptError {
  static readonly code = "FP_FFMPEG_FAILED";
  readonly tool: string;
  /** What it was run for ("extract frames from clip.mp4"). */
  readonly purpose: string;
  /** The exit code, or null when it was ended by a signal. */
  readonly exitCode: number | null;
  /** The last lines ffmpeg wrote to stderr (at most a few KB). */
  readonly stderr: string;

  constructor(tool: string, purpose: string, exitCode: number | null, stderr: string, reason?: string) {
    const said = lastLine(stderr);
    super(
      FfmpegFailedError.code,
      `${tool} could not ${purpose}: ${reason ?? `exit code ${exitCode}`}${said ? ` (${tool} said: ${said})` : ""}.`,
      {
        hint: "Check that the input is a complete, supported media file; the stderr field has ffmpeg's output.",
      },
    );
    this.name = "FfmpegFailedError";
    this.tool = tool;
    this.purpose = purpose;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  static override isInstance(error: unknown): error is FfmpegFailedError {
    return hasCode(error, FfmpegFailedError.code);
  }
}

/**
 * The last meaningful line of ffmpeg's stderr, without its "[component @ 0x…]" prefix, progress lines
 * or advice; `path` (a temporary input file) is replaced by `source`.
 */
export function lastLine(stderr: string, path?: string, source = "input"): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/^\[[^\]]*@ 0x[0-9a-f]+\]\s*/, "").trim())
    .filter((l) => l !== "" && !/^(frame|size)=|^(Conversion failed|To ignore this)/.test(l));
  const line = lines.at(-1) ?? "";
  return path ? line.replaceAll(path, source) : line;
}
