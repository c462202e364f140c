import { FlowPromptError, hasCode } from "./flowprompt-error.js";

export interface SourceLocation {
  /** The prompt's name. */
  prompt: string;
  /** The prompt file, when the template came from one. */
  file?: string | undefined;
  /** 1-based line in the file (or in the template when there is no file). */
  line?: number | undefined;
  column?: number | undefined;
}

/** `file:line:column` for prompt files; `prompt "name" (line 2, column 3)` for prompts in code. */
export function formatLocation(loc: Partial<SourceLocation>): string {
  if (loc.file) {
    if (loc.line === undefined) return loc.file;
    return `${loc.file}:${loc.line}${loc.column !== undefined ? `:${loc.column}` : ""}`;
  }
  const where = loc.prompt ? `prompt "${loc.prompt}"` : "template";
  if (loc.line === undefined) return where;
  return `${where} (line ${loc.line}${loc.column !== undefined ? `, column ${loc.column}` : ""})`;
}

/** A template that does not parse (unclosed block, bad mustache, unknown partial). */
export class TemplateError extends FlowPromptError {
  static readonly code = "FP_TEMPLATE";
  readonly prompt: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(problem: string, loc: SourceLocation, options: { hint?: string; cause?: unknown } = {}) {
    super(TemplateError.code, `Template error in ${formatLocation(loc)}: ${problem}`, {
      hint: options.hint ?? "Check the {{…}} syntax: every {{#block}} needs its {{/block}}.",
      cause: options.cause,
    });
    this.name = "TemplateError";
    this.prompt = loc.prompt;
    this.file = loc.file;
    this.line = loc.line;
    this.column = loc.column;
  }

  static override isInstance(error: unknown): error is TemplateError {
    return hasCode(error, TemplateError.code);
  }
}
