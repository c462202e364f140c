import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";
import { formatBytes } from "../limits.js";

/** Media over the size limit. Raised before the whole input is read when the size is known early. */
export class MediaTooLargeError extends FlowPromptError {
  static readonly code = "FP_MEDIA_TOO_LARGE";
  readonly source: string;
  /** The limit, in bytes. */
  readonly limit: number;
  /** The size in bytes, or the bytes read before stopping when `atLeast` is true. */
  readonly size: number;
  /** True when reading stopped at the limit, so the real size is unknown but larger. */
  readonly atLeast: boolean;

  constructor(
    source: string,
    limit: number,
    size: number,
    options: { atLeast?: boolean; kind?: string } = {},
  ) {
    const atLeast = options.atLeast ?? false;
    const what = options.kind === undefined ? "limit" : `limit for ${options.kind}`;
    super(
      MediaTooLargeError.code,
      `${source} is ${atLeast ? "more than " : ""}${formatBytes(size)}, over the ${formatBytes(limit)} ${what}.`,
      { hint: "Shrink it (images: prepareImage), or pass a larger maxBytes if your provider accepts it." },
    );
    this.name = "MediaTooLargeError";
    this.source = source;
    this.limit = limit;
    this.size = size;
    this.atLeast = atLeast;
  }

  static override isInstance(error: unknown): error is MediaTooLargeError {
    return hasCode(error, MediaTooLargeError.code);
  }
}
