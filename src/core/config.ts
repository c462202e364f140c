import { InvalidArgumentError } from "./errors/invalid-argument-error.js";
import type { Middleware } from "./middleware.js";
import type { RateLimiter } from "./ports.js";
import type { RetryPolicy } from "./retry-policy.js";
import type { RunOptions } from "./run-options.js";
import type { ModelLike, ModelParams } from "./types.js";

/** Process-wide defaults. Prompt settings override them; call options override both. */
export interface GlobalConfig {
  /** Model used when neither the call nor the prompt names one. */
  model?: ModelLike;
  /** Default params, under the prompt's. */
  params?: ModelParams;
  /** Middleware run around every call, before the prompt's and the call's (outermost first). */
  middleware?: readonly Middleware[];
  /** Default repair attempts. */
  repair?: number;
  structuredOutput?: RunOptions["structuredOutput"];
  /** Partials (`{{> name}}`) available to every prompt. */
  partials?: Record<string, string>;
  /** Model aliases and per-project defaults: `{ fast: "openai:gpt-4o-mini", smart: ["anthropic:…", "openai:…"] }`. */
  models?: Record<string, ModelLike>;
  /** Retries of failed model calls (default: 3 attempts, exponential backoff with full jitter). */
  retry?: RetryPolicy | false;
  /** Client-side rate limits shared by every prompt (see `rateLimits()`). */
  rateLimiter?: RateLimiter;
}

let current: Readonly<GlobalConfig> = Object.freeze({});
let generation = 0;

/** Sets process-wide defaults (merged over the current ones). Returns the new configuration. */
export function configure(config: GlobalConfig): Readonly<GlobalConfig> {
  if (config.middleware !== undefined) {
    for (const [i, mw] of config.middleware.entries()) {
      if (typeof mw !== "function") {
        throw new InvalidArgumentError(
          `middleware[${i}]`,
          `expected a function (ctx, next) => …, got ${typeof mw}.`,
        );
      }
    }
  }
  current = Object.freeze({ ...current, ...config });
  generation++;
  return current;
}

/** Back to no defaults (for tests). */
export function resetConfig(): void {
  current = Object.freeze({});
  generation++;
}

export function getConfig(): Readonly<GlobalConfig> {
  return current;
}

/** Changes whenever the configuration changes, so compiled middleware chains can be reused safely. */
export function configGeneration(): number {
  return generation;
}
