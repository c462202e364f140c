import type { LanguageModelV4, LanguageModelV4CallOptions, SharedV4ProviderOptions } from "@ai-sdk/provider";
import type { ModelMessage } from "ai";

/** A chat message, the AI SDK's `ModelMessage` (system, user, assistant or tool turn). */
export type ChatMessage = ModelMessage;

/** One model: a "provider:model-id" string, an alias from `configure({ models })`, or an AI SDK model object. */
export type SingleModel = string | LanguageModelV4;

/**
 * Anything `run()` accepts as a model: one model, or a fallback chain tried in order (each after
 * its own retries) until one answers.
 */
export type ModelLike = SingleModel | readonly SingleModel[];

/** Generation parameters. Every field changes the request, so every field is part of the hash. */
export interface ModelParams {
  temperature?: number;
  maxOutputTokens?: number;
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  stopSequences?: readonly string[];
  seed?: number;
  reasoning?: LanguageModelV4CallOptions["reasoning"];
  providerOptions?: SharedV4ProviderOptions;
}

/** Token counts of one call (or a sum of calls), as the provider reported them; 0 when not reported. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (a subset of inputTokens). */
  cachedInputTokens: number;
  /** Input tokens written to the provider's prompt cache (a subset of inputTokens). */
  cacheWriteTokens: number;
  /** Output tokens spent on reasoning (a subset of outputTokens). */
  reasoningTokens: number;
  totalTokens: number;
}

export type FinishReason =
  | "stop"
  | "length"
  | "content-filter"
  | "tool-calls"
  | "error"
  | "interrupted"
  | "other";

/** The identity of the prompt that produced a result. */
export interface PromptRef {
  name: string;
  version: string;
  hash: string;
}

/** One call to a model (one attempt), as recorded in `result.calls` and in traces. */
export interface ModelCallRecord {
  /** "provider:model-id". */
  model: string;
  /** 1 for the first call to this model in the run, 2 for its first retry, … */
  attempt: number;
  /** Why this call was made: the first try, a retry after an error, a fallback to the next model, a repair. */
  reason: "initial" | "retry" | "fallback" | "repair";
  ok: boolean;
  /** Epoch ms at the start and the end of the call. */
  startTime: number;
  endTime: number;
  usage: Usage;
  finishReason?: FinishReason;
  /** For a failed call: the error's code, HTTP status and message. */
  error?: { code: string; statusCode?: number; message: string; retryable: boolean };
  /** The wait before the next attempt, when this call failed and will be retried. */
  retryDelayMs?: number;
}

/** Everything `prompt.execute()` tells about one run. */
export interface RunResult<T = unknown> {
  /** The validated value: the output schema's type, or the text when the prompt has no output schema. */
  output: T;
  /** The model's raw text reply (the last one, when a repair happened). */
  text: string;
  /** Tokens of every model call this run made (repairs included); zero on a cache hit. */
  usage: Usage;
  /** USD for `usage`, from the price table; `null` when the model has no known price. 0 on a cache hit. */
  costUsd: number | null;
  latencyMs: number;
  cached: boolean;
  /** Model calls made: retries, fallbacks and repairs included; 0 on a cache hit. Details in `calls`. */
  attempts: number;
  /** The model that answered, as "provider:model-id". */
  model: string;
  prompt: PromptRef;
  finishReason: FinishReason;
  /** Warnings the provider reported (unsupported settings, …). */
  warnings: readonly unknown[];
  /** Every model call of this run, failed ones included (retries, fallbacks, repairs); empty on a cache hit. */
  calls: readonly ModelCallRecord[];
}

/** What a cache stores for one run: enough to rebuild a RunResult without a model call. */
export interface CachedRun {
  text: string;
  output: unknown;
  model: string;
  finishReason: FinishReason;
  /** The usage and cost of the call that produced this entry (what a hit saved). */
  usage: Usage;
  costUsd: number | null;
  /** Epoch ms when it was stored. */
  createdAt: number;
}

/** An event of `prompt.stream()`. */
export type StreamEvent<T> =
  | { type: "text-delta"; delta: string }
  | { type: "partial-output"; partial: DeepPartial<T> }
  /** A repair attempt starts: the text and partial outputs so far are being replaced. */
  | { type: "repair"; attempt: number; issues: string }
  | { type: "finish"; result: RunResult<T> };

export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

export type MaybePromise<T> = T | Promise<T>;

export const ZERO_USAGE: Readonly<Usage> = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
});

/** A fresh all-zero Usage (results get their own object, so callers may change it). */
export function zeroUsage(): Usage {
  return {
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalTokens: 0,
  };
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
