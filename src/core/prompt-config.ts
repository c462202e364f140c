import type { Middleware } from "./middleware.js";
import type { StandardSchemaV1 } from "./schema.js";
import type { ModelLike, ModelParams } from "./types.js";

export type Role = "system" | "user" | "assistant";

/** One templated chat turn. `content` is a template. */
export interface MessageTemplate {
  role: Role;
  content: string;
}

/** Where a prompt came from, so errors can name the file and line. */
export interface PromptSource {
  /** Path of the prompt file. */
  file: string;
  /** 1-based line of the file where each template starts, keyed "system", "user", "template" or "messages.N". */
  lines?: Record<string, number>;
}

/** The argument of `definePrompt()`. */
export interface PromptConfig {
  /** Identifies the prompt in results, caches, traces and registries. */
  name: string;
  /** Your version label (default "1"). The content hash is separate: see `prompt.hash`. */
  version?: string;
  description?: string;
  /** System message template. */
  system?: string;
  /** User message template. */
  user?: string;
  /** Chat turns (system/user/assistant), e.g. few-shot demos; rendered after `system`, before `user`. */
  messages?: readonly MessageTemplate[];
  /**
   * A whole Dotprompt-style template whose `{{role "system"}}`, `{{role "user"}}` markers split it into
   * messages (text before any marker is a user message); `{{history}}` marks where history goes.
   * This is what `.prompt` files use.
   */
  template?: string;
  /** Values for variables the caller leaves out (Dotprompt's `input.default`). Part of the hash. */
  defaults?: Record<string, unknown>;
  /** Schema of the variables (Zod or any Standard Schema). Without it, variables come from the templates. */
  input?: StandardSchemaV1;
  /** Schema of the reply (Zod or any Standard Schema with JSON Schema). Without it, the output is the text. */
  output?: StandardSchemaV1;
  /** Default model: "provider:model-id" or an AI SDK LanguageModel. */
  model?: ModelLike;
  params?: ModelParams;
  /** Named template fragments usable as `{{> name}}`. */
  partials?: Record<string, string>;
  /** Middleware run for every call of this prompt (after the global middleware). */
  middleware?: readonly Middleware[];
  /** Default number of repair attempts for invalid structured replies (default 1). */
  repair?: number;
  /** Free-form data (owner, tags, …); not part of the hash. */
  metadata?: Record<string, unknown>;
  /** Set by the file loader. */
  source?: PromptSource;
}
