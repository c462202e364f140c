import { FlowPromptError, hasCode } from "./flowprompt-error.js";
import { formatLocation, type SourceLocation } from "./template-error.js";

/** A variable the template uses was not given. */
export class MissingVariableError extends FlowPromptError {
  static readonly code = "FP_MISSING_VARIABLE";
  readonly variable: string;
  readonly prompt: string;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(variable: string, loc: SourceLocation, given: readonly string[]) {
    super(
      MissingVariableError.code,
      `Missing variable "${variable}" for ${formatLocation(loc)} (used by {{${variable}}}).`,
      {
        hint:
          given.length === 0
            ? `Pass it: prompt.run({ ${variable}: … }).`
            : `Pass it: prompt.run({ ${variable}: … }). Variables given: ${given.join(", ")}.`,
      },
    );
    this.name = "MissingVariableError";
    this.variable = variable;
    this.prompt = loc.prompt;
    this.file = loc.file;
    this.line = loc.line;
  }

  static override isInstance(error: unknown): error is MissingVariableError {
    return hasCode(error, MissingVariableError.code);
  }
}
