import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** Media whose bytes carry a known signature but cannot be decoded (truncated or damaged). */
export class CorruptMediaError extends FlowPromptError {
  static readonly code = "FP_MEDIA_CORRUPT";
  readonly source: string;
  readonly mediaType: string;

  constructor(source: string, mediaType: string, options: { cause?: unknown } = {}) {
    const reason = options.cause instanceof Error ? ` (${options.cause.message})` : "";
    super(CorruptMediaError.code, `${source}: the ${mediaType} data is corrupt or truncated${reason}.`, {
      hint: "Open the file in an image viewer; re-export or re-download it.",
      cause: options.cause,
    });
    this.name = "CorruptMediaError";
    this.source = source;
    this.mediaType = mediaType;
  }

  static override isInstance(error: unknown): error is CorruptMediaError {
    return hasCode(error, CorruptMediaError.code);
  }
}
