import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** The model stopped because it hit the output-token limit, so the reply is incomplete. */
export class OutputTruncatedError extends FlowPromptError {
  static readonly code = "FP_OUTPUT_TRUNCATED";
  readonly prompt: string;
  readonly text: string;
  readonly maxOutputTokens: number | undefined;
  readonly outputTokens: number;

  constructor(prompt: string, text: string, maxOutputTokens: number | undefined, outputTokens: number) {
    super(
      OutputTruncatedError.code,
      `The reply to prompt "${prompt}" was cut off at the output-token limit` +
        `${maxOutputTokens !== undefined ? ` (maxOutputTokens: ${maxOutputTokens})` : ""} after ${outputTokens} tokens.`,
      {
        hint: "Raise params.maxOutputTokens, or ask for a shorter answer. The partial reply is in error.text.",
      },
    );
    this.name = "OutputTruncatedError";
    this.prompt = prompt;
    this.text = text;
    this.maxOutputTokens = maxOutputTokens;
    this.outputTokens = outputTokens;
  }

  static override isInstance(error: unknown): error is OutputTruncatedError {
    return hasCode(error, OutputTruncatedError.code);
  }
}
