import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** Media of a type FlowPrompt does not handle (a zip, an executable), or not the kind expected here. */
export class UnsupportedMediaError extends FlowPromptError {
  static readonly code = "FP_MEDIA_UNSUPPORTED";
  readonly source: string;
  /** The type read from the bytes, or undefined when the bytes match no known format. */
  readonly mediaType: string | undefined;
  /** The types accepted where the error happened. */
  readonly supported: readonly string[];

  constructor(
    source: string,
    mediaType: string | undefined,
    supported: readonly string[],
    options: { problem?: string; hint?: string } = {},
  ) {
    const what = options.problem ?? (mediaType === undefined ? "unrecognised data" : mediaType);
    super(
      UnsupportedMediaError.code,
      `${source} is ${what}, which is not supported here. Supported: ${supported.join(", ")}.`,
      { hint: options.hint ?? "Convert it to one of the supported types first." },
    );
    this.name = "UnsupportedMediaError";
    this.source = source;
    this.mediaType = mediaType;
    this.supported = supported;
  }

  static override isInstance(error: unknown): error is UnsupportedMediaError {
    return hasCode(error, UnsupportedMediaError.code);
  }
}
