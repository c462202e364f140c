import { FlowPromptError, hasCode } from "./flowprompt-error.js";
import { formatIssues, type SchemaIssue } from "./schema-issue.js";

/** The variables do not match the prompt's input schema (wrong type, out of range, …). */
export class InputValidationError extends FlowPromptError {
  static readonly code = "FP_INVALID_INPUT";
  readonly prompt: string;
  readonly issues: readonly SchemaIssue[];

  constructor(prompt: string, issues: readonly SchemaIssue[]) {
    super(InputValidationError.code, `Invalid variables for prompt "${prompt}": ${formatIssues(issues)}.`, {
      hint: "Pass variables that match the prompt's input schema.",
    });
    this.name = "InputValidationError";
    this.prompt = prompt;
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is InputValidationError {
    return hasCode(error, InputValidationError.code);
  }
}
