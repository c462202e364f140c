const marker = Symbol.for("flowprompt.error");

export interface FlowPromptErrorOptions {
  /** What the user can do about it. Printed after the message by the CLI. */
  hint?: string;
  cause?: unknown;
}

/**
 * Base class of every error FlowPrompt throws on purpose. Each subclass has a stable `code`
 * (safe to branch on), a message that says what was wrong and where, and usually a `hint`.
 *
 * Use `FlowPromptError.isInstance(e)` (or a subclass's) rather than `instanceof`: it also works
 * when two copies of FlowPrompt are installed.
 */
export class FlowPromptError extends Error {
  readonly [marker] = true;
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: FlowPromptErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "FlowPromptError";
    this.code = code;
    this.hint = options.hint;
  }

  static isInstance(error: unknown): error is FlowPromptError {
    return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }

  /** Plain JSON for logs and `--json` output: name, code, message, hint and the typed fields. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    if (this.hint) out.hint = this.hint;
    for (const [k, v] of Object.entries(this)) {
      if (k !== "code" && k !== "hint" && v !== undefined && typeof v !== "function") out[k] = v;
    }
    return out;
  }
}

/** Builds a subclass-specific `isInstance` that checks the code, so it survives duplicate installs. */
export function hasCode(error: unknown, code: string): boolean {
  return FlowPromptError.isInstance(error) && error.code === code;
}
