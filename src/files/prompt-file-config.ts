import type { PromptConfig } from "../core/prompt-config.js";

/**
 * What a prompt file parses to: a `definePrompt()` config, plus the default variable values of
 * Dotprompt's `input.default` (until PromptConfig has a field for them).
 */
export interface PromptFileConfig extends PromptConfig {
  /** Values used for variables the caller does not pass (Dotprompt `input.default`). */
  defaults?: Record<string, unknown>;
}
