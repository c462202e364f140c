import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** A prompt file that cannot be read or understood: bad YAML, bad front matter, bad schema. */
export class PromptFileError extends FlowPromptError {
  static readonly code = "FP_PROMPT_FILE";
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly problem: string;

  constructor(
    file: string,
    problem: string,
    loc: { line?: number; column?: number; hint?: string; cause?: unknown } = {},
  ) {
    const where =
      loc.line !== undefined
        ? `${file}:${loc.line}${loc.column !== undefined ? `:${loc.column}` : ""}`
        : file;
    super(PromptFileError.code, `${where}: ${problem}`, {
      hint: loc.hint ?? "See docs/prompt-files.md for the .prompt and .yaml formats.",
      cause: loc.cause,
    });
    this.name = "PromptFileError";
    this.file = file;
    this.line = loc.line;
    this.column = loc.column;
    this.problem = problem;
  }

  static override isInstance(error: unknown): error is PromptFileError {
    return hasCode(error, PromptFileError.code);
  }
}
