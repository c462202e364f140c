import { PromptFileError } from "../core/errors/prompt-file-error.js";
import { parseDotpromptFile } from "./dotprompt-file.js";
import type { PromptFileConfig } from "./prompt-file-config.js";
import { parseYamlPromptFile } from "./yaml-file.js";

/** File extensions `parsePromptFile` understands. */
export const PROMPT_FILE_EXTENSIONS = [".prompt", ".yaml", ".yml"] as const;

/**
 * Parses the text of a prompt file into a `definePrompt()` config. Pure: reads no files.
 *
 * The format follows the extension of `file`: `.prompt` is Dotprompt (YAML front matter + Handlebars
 * template), `.yaml`/`.yml` is the Python FlowPrompt format (`system`, `user`, `output_schema`, …).
 * `source.lines` tells where each template starts in the file, so template errors can cite file:line.
 *
 * @throws PromptFileError with the file, 1-based line and column, for anything wrong in the file.
 */
export function parsePromptFile(text: string, file: string): PromptFileConfig {
  // One line break style and no byte-order mark; line numbers are unchanged by either.
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lower = file.toLowerCase();
  if (lower.endsWith(".prompt")) return parseDotpromptFile(normalized, file);
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return parseYamlPromptFile(normalized, file);
  throw new PromptFileError(file, "not a prompt file: the name must end with .prompt, .yaml or .yml.", {
    hint: "Use .prompt for Dotprompt files (front matter + Handlebars) or .yaml for FlowPrompt YAML files.",
  });
}
