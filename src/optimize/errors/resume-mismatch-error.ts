import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** A history file that belongs to another optimization (other prompt, data, metric or options), or is damaged. */
export class ResumeMismatchError extends FlowPromptError {
  static readonly code = "FP_OPTIMIZE_RESUME";
  readonly file: string;
  /** What differs between the file's run and this one (option names). */
  readonly differs: string[];

  constructor(
    file: string,
    earlier: Record<string, unknown> | undefined,
    now: Record<string, unknown> | undefined,
    problem?: string,
  ) {
    const differs =
      earlier && now
        ? [...new Set([...Object.keys(earlier), ...Object.keys(now)])].filter(
            (k) => JSON.stringify(earlier[k]) !== JSON.stringify(now[k]),
          )
        : [];
    const what =
      problem ??
      (differs.length > 0
        ? `it was written by a run with other settings (${differs.join(", ")} differ).`
        : "it was written by another run (the prompt or the data differ).");
    super(ResumeMismatchError.code, `Cannot resume from ${file}: ${what}`, {
      hint: "Use the same prompt, data and options to resume, or pass another history file (or --fresh) to start over.",
    });
    this.name = "ResumeMismatchError";
    this.file = file;
    this.differs = differs;
  }

  static override isInstance(error: unknown): error is ResumeMismatchError {
    return hasCode(error, ResumeMismatchError.code);
  }
}
