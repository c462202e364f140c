import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** Media that cannot be read: a missing or unreadable file, a failed or timed-out fetch, bad base64. */
export class MediaReadError extends FlowPromptError {
  static readonly code = "FP_MEDIA_READ";
  /** The file path or URL (query string hidden), or a description of the data passed in. */
  readonly source: string;
  readonly problem: string;

  constructor(source: string, problem: string, options: { hint?: string; cause?: unknown } = {}) {
    super(MediaReadError.code, `Cannot read media from ${source}: ${problem}`, {
      hint:
        options.hint ??
        "Check the path or URL; loadMedia takes a path, an http(s) URL, a data: URL or bytes.",
      cause: options.cause,
    });
    this.name = "MediaReadError";
    this.source = source;
    this.problem = problem;
  }

  static override isInstance(error: unknown): error is MediaReadError {
    return hasCode(error, MediaReadError.code);
  }
}
