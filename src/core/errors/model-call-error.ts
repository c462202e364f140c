import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** The model (provider) failed. The provider's own error is the `cause`. */
export class ModelCallError extends FlowPromptError {
  static readonly code = "FP_MODEL_CALL";
  readonly prompt: string;
  readonly model: string;
  readonly statusCode: number | undefined;
  readonly retryable: boolean;

  constructor(args: {
    prompt: string;
    model: string;
    cause: unknown;
    statusCode?: number;
    retryable?: boolean;
  }) {
    const detail = args.cause instanceof Error ? args.cause.message : String(args.cause);
    super(ModelCallError.code, `Model "${args.model}" failed for prompt "${args.prompt}": ${detail}`, {
      hint: "See error.cause for the provider's error.",
      cause: args.cause,
    });
    this.name = "ModelCallError";
    this.prompt = args.prompt;
    this.model = args.model;
    this.statusCode = args.statusCode;
    this.retryable = args.retryable ?? false;
  }

  static override isInstance(error: unknown): error is ModelCallError {
    return hasCode(error, ModelCallError.code);
  }
}
