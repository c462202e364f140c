import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** What was wrong with an embedder's answer. */
export type EmbedderProblem =
  /** It returned a different number of vectors than texts it was given (or not an array). */
  | "count"
  /** Its vectors do not all have the same length (within one call, or across calls). */
  | "dimensions"
  /** A vector holds NaN or ±Infinity, or is not a list of numbers. */
  | "values";

const HINTS: Record<EmbedderProblem, string> = {
  count: "An embedder must return exactly one vector per text, in the same order as the texts.",
  dimensions:
    "Every vector must have the same length: do not mix models (or `dimensions` settings) over one pool, and refit a TF-IDF embedder only before embedding.",
  values:
    "Vectors must be finite numbers; check the model's output (an empty text can make some models return NaN).",
};

/** An embedder answered with vectors that cannot be used: wrong count, unequal dimensions, NaN. */
export class EmbedderError extends FlowPromptError {
  static readonly code = "FP_EMBEDDER";
  /** The embedder's `name`. */
  readonly embedder: string;
  readonly problem: EmbedderProblem;
  /** The position of the offending text in the call, when one vector is at fault. */
  readonly index: number | undefined;

  constructor(
    embedder: string,
    problem: EmbedderProblem,
    detail: string,
    options: { index?: number; cause?: unknown } = {},
  ) {
    super(EmbedderError.code, `Embedder "${embedder}" misbehaved: ${detail}`, {
      hint: HINTS[problem],
      cause: options.cause,
    });
    this.name = "EmbedderError";
    this.embedder = embedder;
    this.problem = problem;
    this.index = options.index;
  }

  static override isInstance(error: unknown): error is EmbedderError {
    return hasCode(error, EmbedderError.code);
  }
}
