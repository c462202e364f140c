import type { Middleware } from "./middleware.js";
import type { RetryPolicy } from "./retry-policy.js";
import type { ChatMessage, ModelLike, ModelParams } from "./types.js";

/** Per-call cache settings; `false` skips the cache for this call. */
export type CacheOption =
  | false
  | {
      /** Entry lifetime in ms (default: the cache's own). */
      ttlMs?: number;
      /** Keys are prefixed with it; `clear(namespace)` drops only these. */
      namespace?: string;
    };

/** Options of `run`, `execute`, `stream` and `batch`. All optional. */
export interface RunOptions {
  /** Overrides the prompt's model. */
  model?: ModelLike;
  /** Merged over the prompt's params. */
  params?: ModelParams;
  /** Earlier turns of the conversation, placed at `{{history}}` or after the prompt's messages. */
  history?: readonly ChatMessage[];
  /** Cancels the call. */
  signal?: AbortSignal;
  /** Fails the call with a TimeoutError after this many ms (model time included, middleware too). */
  timeoutMs?: number;
  /** How many times an invalid structured reply is sent back to the model with its errors (default 1). */
  repair?: number;
  cache?: CacheOption;
  /** Distinguishes repeated samples of the same request, so each can be cached (temperature > 0). */
  sampleId?: string | number;
  /** How structured output is requested: the provider's JSON-schema mode, or instructions in the prompt. */
  structuredOutput?: "auto" | "native" | "prompt";
  /** Accept a text reply cut off at maxOutputTokens instead of throwing OutputTruncatedError. */
  allowTruncated?: boolean;
  /** Retries of failed model calls for this call; `false` turns them off. */
  retry?: RetryPolicy | false;
  /** Extra middleware for this call, run after the global and prompt middleware. */
  middleware?: readonly Middleware[];
  /** Free-form data for middleware (user id, request id, …). */
  metadata?: Record<string, unknown>;
}
