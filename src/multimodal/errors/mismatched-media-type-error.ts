import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** A declared type (option, data: URL, file extension) that contradicts the type read from the bytes. */
export class MismatchedMediaTypeError extends FlowPromptError {
  static readonly code = "FP_MEDIA_MISMATCH";
  readonly source: string;
  /** The type that was claimed. */
  readonly declared: string;
  /** The type read from the bytes. */
  readonly actual: string;
  /** Where the claim came from. */
  readonly by: "declared" | "extension";

  constructor(source: string, declared: string, actual: string, by: "declared" | "extension") {
    const claim = by === "extension" ? `its extension says ${declared}` : `it was declared as ${declared}`;
    super(MismatchedMediaTypeError.code, `${source}: ${claim}, but the bytes are ${actual}.`, {
      hint:
        by === "extension"
          ? "Rename the file, or check that it is the file you meant."
          : "Drop the mediaType (the type is read from the bytes) or pass the right file.",
    });
    this.name = "MismatchedMediaTypeError";
    this.source = source;
    this.declared = declared;
    this.actual = actual;
    this.by = by;
  }

  static override isInstance(error: unknown): error is MismatchedMediaTypeError {
    return hasCode(error, MismatchedMediaTypeError.code);
  }
}
