import type { LanguageModelV4 } from "@ai-sdk/provider";
import { MiddlewareError } from "./errors/middleware-error.js";
import type { ResolvedModel } from "./model-registry.js";
import type { RunOptions } from "./run-options.js";
import type { StandardSchemaV1 } from "./schema.js";
import type {
  ChatMessage,
  ModelCallRecord,
  ModelParams,
  PromptRef,
  RunResult,
  StreamEvent,
} from "./types.js";

/** What a middleware sees of the prompt being run. */
export interface PromptInfo extends PromptRef {
  /** `{ name, version, hash }`, frozen: the `prompt` field of this prompt's results. */
  ref: Readonly<PromptRef>;
  description: string | undefined;
  /** The prompt file it was loaded from, if any. */
  file: string | undefined;
  /** The output schema, if the prompt has one. Cached values are re-validated against it. */
  output: StandardSchemaV1 | undefined;
  metadata: Readonly<Record<string, unknown>>;
}

/**
 * The state of one run as it passes through the middleware chain. Middleware may replace
 * `vars`, `model`, `modelId` and `params` before calling `next()`; the core reads them after.
 */
export interface RunContext {
  readonly prompt: PromptInfo;
  /** The validated variables. */
  vars: Record<string, unknown>;
  /** Chat history passed at run time (inserted where the template says, or after the prompt). */
  history: readonly ChatMessage[] | undefined;
  readonly options: Readonly<RunOptions>;
  model: LanguageModelV4;
  /** "provider:model-id" of `model`. */
  modelId: string;
  /** The rest of the fallback chain, tried in order when `model` fails after its retries. */
  fallbacks: ResolvedModel[];
  params: ModelParams;
  readonly mode: "generate" | "stream";
  /** Aborts when the caller's signal aborts or the timeout passes; undefined when neither was given. */
  readonly signal: AbortSignal | undefined;
  /** `performance.now()` when the run started. */
  readonly startedAt: number;
  /**
   * The chat messages sent to the model, set by the core once it has rendered them (after every
   * middleware's `next()` was called; undefined on a cache hit, which renders nothing).
   */
  messages: readonly ChatMessage[] | undefined;
  /** Every model call made so far in this run (retries, fallbacks, repairs), filled by the core as they finish. */
  readonly calls: ModelCallRecord[];
  /** A place for middleware to share data within one run. */
  readonly state: Map<string | symbol, unknown>;
  /** In stream mode, sends an event to the stream's reader; a no-op otherwise. */
  emit(event: StreamEvent<unknown>): void;
}

export type Next = () => Promise<RunResult>;

/**
 * The one extension mechanism. Call `next()` at most once and return its result (or your own,
 * e.g. a cache hit, without calling it). Give the function a name: errors quote it.
 */
export type Middleware = (ctx: RunContext, next: Next) => Promise<RunResult>;

/** Marks FlowPrompt's own middleware, which needs no guard against returning nothing. */
export const BUILT_IN: unique symbol = Symbol("flowprompt.built-in-middleware");

/** Runs `middleware` in order around `core`. Refuses a middleware that calls `next()` twice. */
export function compose(middleware: readonly Middleware[], core: (ctx: RunContext) => Promise<RunResult>) {
  if (middleware.length === 0) return core;
  return function run(ctx: RunContext): Promise<RunResult> {
    const dispatch = (i: number): Promise<RunResult> => {
      if (i === middleware.length) return core(ctx);
      const mw = middleware[i]!;
      let called = false;
      const next = () => {
        if (called) return Promise.reject(new MiddlewareError(mw.name || `#${i}`, "called next() twice."));
        called = true;
        return dispatch(i + 1);
      };
      if ((mw as { [BUILT_IN]?: true })[BUILT_IN]) return mw(ctx, next);
      return mw(ctx, next).then((result) => {
        if (result === undefined || result === null) {
          throw new MiddlewareError(mw.name || `#${i}`, "returned nothing: return the result of next().");
        }
        return result;
      });
    };
    return dispatch(0);
  };
}
