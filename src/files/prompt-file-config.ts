import type { PromptConfig } from "../core/prompt-config.js";

/** What a prompt file parses to: a `definePrompt()` config (Dotprompt's `input.default` is `defaults`). */
export type PromptFileConfig = PromptConfig;
