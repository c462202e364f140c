import { PromptFileError } from "../../core/errors/prompt-file-error.js";
import { parsePromptFile } from "../parse-prompt-file.js";

/** Runs `fn` and returns the PromptFileError it throws (fails the test otherwise). */
export function fileError(fn: () => unknown): PromptFileError {
  try {
    fn();
  } catch (error) {
    if (PromptFileError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a PromptFileError, but nothing was thrown");
}

/** The PromptFileError of parsing `text` as `file`. */
export function parseError(text: string, file = "p.prompt"): PromptFileError {
  return fileError(() => parsePromptFile(text, file));
}

/** Joins lines with "\n" and ends with one, so tests can count lines. */
export function lines(...ls: string[]): string {
  return `${ls.join("\n")}\n`;
}
