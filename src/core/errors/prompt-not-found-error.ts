import { FlowPromptError, hasCode } from "./flowprompt-error.js";

/** A registry lookup for a prompt name (or version) that is not there. */
export class PromptNotFoundError extends FlowPromptError {
  static readonly code = "FP_PROMPT_NOT_FOUND";
  readonly prompt: string;
  readonly version: string | undefined;
  readonly known: readonly string[];

  constructor(prompt: string, version: string | undefined, known: readonly string[]) {
    super(
      PromptNotFoundError.code,
      version === undefined
        ? `No prompt named "${prompt}".`
        : `Prompt "${prompt}" has no version "${version}".`,
      { hint: known.length ? `Available: ${known.join(", ")}.` : "The registry is empty." },
    );
    this.name = "PromptNotFoundError";
    this.prompt = prompt;
    this.version = version;
    this.known = known;
  }

  static override isInstance(error: unknown): error is PromptNotFoundError {
    return hasCode(error, PromptNotFoundError.code);
  }
}
