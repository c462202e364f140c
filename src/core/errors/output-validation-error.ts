import { FlowPromptError, hasCode } from "./flowprompt-error.js";
import { formatIssues, type SchemaIssue } from "./schema-issue.js";

/**
 * The model's reply was not JSON, or not valid for the output schema, even after the repair
 * attempts. Nothing is lost: `text` is the last raw reply and `attempts` every reply seen.
 */
export class OutputValidationError extends FlowPromptError {
  static readonly code = "FP_INVALID_OUTPUT";
  readonly prompt: string;
  readonly reason: "not-json" | "schema";
  readonly text: string;
  readonly issues: readonly SchemaIssue[];
  readonly attempts: number;
  readonly replies: readonly string[];

  constructor(args: {
    prompt: string;
    reason: "not-json" | "schema";
    text: string;
    issues: readonly SchemaIssue[];
    replies: readonly string[];
  }) {
    const what =
      args.reason === "not-json"
        ? "was not valid JSON"
        : `did not match the output schema: ${formatIssues(args.issues)}`;
    super(
      OutputValidationError.code,
      `The reply to prompt "${args.prompt}" ${what} (after ${args.replies.length} attempt${args.replies.length === 1 ? "" : "s"}).`,
      {
        hint: "Raise `repair` to let the model fix its reply, simplify the schema, or describe the fields in the prompt. The raw reply is in error.text.",
      },
    );
    this.name = "OutputValidationError";
    this.prompt = args.prompt;
    this.reason = args.reason;
    this.text = args.text;
    this.issues = args.issues;
    this.replies = args.replies;
    this.attempts = args.replies.length;
  }

  static override isInstance(error: unknown): error is OutputValidationError {
    return hasCode(error, OutputValidationError.code);
  }
}
