import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4FinishReason,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4Prompt,
  type LanguageModelV4StreamPart,
  type LanguageModelV4StreamResult,
  type LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { FinishReason, MaybePromise } from "../core/types.js";
import { splitChunks, unitHash } from "./hash-random.js";
import { exampleFromJsonSchema } from "./json-schema-example.js";
import { lastUserMedia, lastUserText, partText, promptText } from "./mock-prompt.js";

/** One call the mock model received. */
export interface MockCall {
  /** The prompt as the model received it. */
  prompt: LanguageModelV4Prompt;
  /** The full call options (temperature, responseFormat, abortSignal, …). */
  options: LanguageModelV4CallOptions;
  /** 0-based number of the call since the model was made (or `reset()`). */
  index: number;
  /** The text of the last user message ("" when there is none); media parts are left out. */
  lastUserText: string;
  /** The media (file) parts of the last user message: their type, and their size when inline. */
  lastUserMedia: MockMedia[];
  mode: "generate" | "stream";
}

/** A media part the mock received: `bytes` is the decoded size (undefined for a URL or file id). */
export interface MockMedia {
  mediaType: string;
  bytes: number | undefined;
  url?: string;
  filename?: string;
}

/** Token counts a reply can set; unset ones are estimated (about 4 characters per token). */
export interface MockUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the provider's prompt cache (part of inputTokens). */
  cachedInputTokens: number;
  /** Input tokens written to the provider's prompt cache (part of inputTokens). */
  cacheWriteTokens: number;
  /** Output tokens spent on reasoning (part of outputTokens). */
  reasoningTokens: number;
}

/**
 * What the mock answers: a text, or an object with any of
 * - `text`: the raw reply; `object`: a value sent as its JSON (used when `text` is absent);
 * - `usage`: token counts; `finishReason` (`"length"` simulates a truncated reply);
 * - `error`: the call fails with this error (in `doStream`, after streaming `text` if given).
 * Leave `text` and `object` out to get the default reply (schema example or echo).
 */
export type MockReply =
  | string
  | {
      text?: string;
      object?: unknown;
      usage?: Partial<MockUsage>;
      finishReason?: FinishReason;
      error?: unknown;
    };

export interface MockModelOptions {
  /** Default "mock"; the model is "mock:<modelId>" in results and price lookups. */
  modelId?: string;
  /** Computes each reply. Return `undefined` for the default reply. Not together with `replies`. */
  responder?: (call: MockCall) => MaybePromise<MockReply | undefined>;
  /** Replies returned in order; after the last one the last repeats (or, with `cycle`, the list restarts). */
  replies?: readonly MockReply[];
  /** With `replies`: start over after the last reply instead of repeating it. */
  cycle?: boolean;
  /** Delay before each reply (before the first stream part); `{ min, max }` for seeded jitter. Honours abortSignal. */
  latencyMs?: number | { min: number; max: number };
  /** Characters per text-delta in `doStream` (default 10). */
  chunkSize?: number;
  /** Delay between text-deltas in `doStream` (default 0). */
  chunkDelayMs?: number;
  /**
   * Injected failures: every call fails with probability `rate` (seeded per call index, so the same calls
   * fail in every run), or exactly the calls listed in `calls`. `failures: {}` fails every call.
   * The default error is a retryable AI SDK `APICallError` with status 503.
   */
  failures?: {
    rate?: number;
    calls?: readonly number[];
    seed?: number;
    error?: (call: MockCall) => unknown;
  };
  /** Seed of the default example values, latency jitter and failures (default 0). */
  seed?: number;
  /** Token counter used for estimates (default: ceil(characters / 4)). */
  countTokens?: (text: string) => number;
  /** Keep every call in `calls` (default true). Turn off for long benchmarks. */
  record?: boolean;
}

/** An AI SDK `LanguageModelV4` that answers locally and deterministically, and records its calls. */
export interface MockModel extends LanguageModelV4 {
  readonly specificationVersion: "v4";
  readonly provider: "mock";
  readonly modelId: string;
  /** Every call received, oldest first (unless `record: false`). */
  readonly calls: readonly MockCall[];
  /** The most recent call. */
  readonly lastCall: MockCall | undefined;
  /** Forgets recorded calls and restarts the reply sequence and call numbering. */
  reset(): void;
  doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult>;
  doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult>;
}

interface Prepared {
  call: MockCall;
  text: string;
  finishReason: LanguageModelV4FinishReason;
  usage: LanguageModelV4Usage;
  error: unknown;
  failed: boolean;
  /** Whether the reply gave text to stream before failing. */
  textBeforeError: boolean;
}

const SUPPORTED_URLS: Record<string, RegExp[]> = { "image/*": [/^https?:\/\//] };
const FINISH: Record<FinishReason, LanguageModelV4FinishReason> = {
  stop: { unified: "stop", raw: "stop" },
  length: { unified: "length", raw: "length" },
  "content-filter": { unified: "content-filter", raw: "content-filter" },
  "tool-calls": { unified: "tool-calls", raw: "tool-calls" },
  error: { unified: "error", raw: "error" },
  interrupted: { unified: "interrupted", raw: "interrupted" },
  other: { unified: "other", raw: "other" },
};
const SALT_FAIL = 1;
const SALT_LATENCY = 2;

/**
 * A mock AI SDK language model for tests: no network, deterministic, records every call.
 *
 * ```ts
 * const model = mockModel({ replies: ["first", { object: { ok: true } }] });
 * ```
 * Without `replies`/`responder` it answers a JSON request with a value valid for the requested
 * schema, and a text request with `mock reply to: <the last user message>`.
 */
export function mockModel(options: MockModelOptions = {}): MockModel {
  return new MockLanguageModel(options);
}

class MockLanguageModel implements MockModel {
  readonly specificationVersion = "v4" as const;
  readonly provider = "mock" as const;
  readonly modelId: string;
  readonly supportedUrls = SUPPORTED_URLS;
  readonly calls: MockCall[] = [];
  private count = 0;
  private readonly examples = new WeakMap<object, string>();
  private readonly o: MockModelOptions;
  private readonly seed: number;
  private readonly failureSeed: number;
  private readonly failureRate: number;
  private readonly failureCalls: ReadonlySet<number> | undefined;
  private readonly failuresOn: boolean;

  constructor(options: MockModelOptions) {
    check(options);
    this.o = options;
    this.modelId = options.modelId ?? "mock";
    this.seed = options.seed ?? 0;
    const f = options.failures;
    this.failureSeed = f?.seed ?? this.seed;
    this.failureRate = f ? (f.rate ?? (f.calls ? 0 : 1)) : 0;
    this.failureCalls = f?.calls ? new Set(f.calls) : undefined;
    this.failuresOn = this.failureRate > 0 || this.failureCalls !== undefined;
  }

  get lastCall(): MockCall | undefined {
    return this.calls.at(-1);
  }

  reset(): void {
    this.calls.length = 0;
    this.count = 0;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const pending = this.prepare(options, "generate");
    const p = pending instanceof Promise ? await pending : pending;
    if (p.failed) throw p.error;
    return {
      content: [{ type: "text", text: p.text }],
      finishReason: p.finishReason,
      usage: p.usage,
      warnings: [],
      response: { id: `mock-${p.call.index}`, modelId: this.modelId, timestamp: new Date(0) },
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const pending = this.prepare(options, "stream");
    const p = pending instanceof Promise ? await pending : pending;
    if (p.failed && !p.textBeforeError) throw p.error;
    const parts: LanguageModelV4StreamPart[] = [
      { type: "stream-start", warnings: [] },
      {
        type: "response-metadata",
        id: `mock-${p.call.index}`,
        modelId: this.modelId,
        timestamp: new Date(0),
      },
      { type: "text-start", id: "text-0" },
    ];
    for (const delta of splitChunks(p.text, this.o.chunkSize ?? 10))
      parts.push({ type: "text-delta", id: "text-0", delta });
    parts.push({ type: "text-end", id: "text-0" });
    parts.push(
      p.failed
        ? { type: "error", error: p.error }
        : { type: "finish", usage: p.usage, finishReason: p.finishReason },
    );
    const signal = options.abortSignal;
    const delay = this.o.chunkDelayMs ?? 0;
    let i = 0;
    const stream = new ReadableStream<LanguageModelV4StreamPart>(
      {
        async pull(controller) {
          try {
            signal?.throwIfAborted();
            const part = parts[i++]!;
            if (delay > 0 && part.type === "text-delta" && parts[i - 2]?.type === "text-delta") {
              await sleep(delay, signal);
            }
            controller.enqueue(part);
            if (i === parts.length) controller.close();
          } catch (error) {
            controller.error(error);
          }
        },
      },
      { highWaterMark: 0 },
    );
    return { stream };
  }

  private prepare(options: LanguageModelV4CallOptions, mode: MockCall["mode"]): MaybePromise<Prepared> {
    options.abortSignal?.throwIfAborted();
    const call: MockCall = {
      prompt: options.prompt,
      options,
      index: this.count++,
      lastUserText: lastUserText(options.prompt),
      lastUserMedia: lastUserMedia(options.prompt),
      mode,
    };
    if (this.o.record !== false) this.calls.push(call);
    const { responder, replies } = this.o;
    let reply: MockReply | undefined;
    if (responder) {
      const r = responder(call);
      if (isPromiseLike(r)) {
        return Promise.resolve(r).then((resolved) => {
          options.abortSignal?.throwIfAborted();
          return this.finish(call, resolved);
        });
      }
      reply = r;
    } else if (replies) {
      const n = replies.length;
      reply = replies[call.index < n ? call.index : this.o.cycle ? call.index % n : n - 1];
    }
    return this.finish(call, reply);
  }

  private finish(call: MockCall, reply: MockReply | undefined): MaybePromise<Prepared> {
    const options = call.options;
    const r = typeof reply === "string" ? { text: reply } : (reply ?? {});
    let text: string;
    let explicit = true;
    if (r.text !== undefined) text = r.text;
    else if (r.object !== undefined) text = JSON.stringify(r.object);
    else {
      text = this.defaultText(call);
      explicit = false;
    }
    const u = r.usage;
    let finish: FinishReason = r.finishReason ?? "stop";
    if (finish === "length" && !explicit) text = text.slice(0, Math.floor(text.length / 2));
    let outputTokens = u?.outputTokens ?? this.tokens(text);
    const max = options.maxOutputTokens;
    if (
      r.finishReason === undefined &&
      u?.outputTokens === undefined &&
      max !== undefined &&
      outputTokens > max
    ) {
      text = text.slice(0, Math.floor((text.length * max) / outputTokens));
      outputTokens = max;
      finish = "length";
    }
    const inputTokens = u?.inputTokens ?? this.promptTokens(call.prompt);
    const cacheRead = u?.cachedInputTokens ?? 0;
    const cacheWrite = u?.cacheWriteTokens ?? 0;
    const reasoning = u?.reasoningTokens ?? 0;
    let failed = r.error !== undefined;
    let error = r.error;
    if (!failed && this.failuresOn && this.injectFailure(call.index)) {
      failed = true;
      error = this.o.failures?.error ? this.o.failures.error(call) : defaultFailure(call, this.modelId);
    }
    const prepared: Prepared = {
      call,
      text,
      finishReason: FINISH[finish],
      usage: {
        inputTokens: {
          total: inputTokens,
          noCache: Math.max(0, inputTokens - cacheRead - cacheWrite),
          cacheRead,
          cacheWrite,
        },
        outputTokens: { total: outputTokens, text: Math.max(0, outputTokens - reasoning), reasoning },
      },
      error,
      failed,
      textBeforeError: failed && r.text !== undefined,
    };
    const latency = this.latency(call.index);
    return latency > 0 ? sleep(latency, options.abortSignal).then(() => prepared) : prepared;
  }

  private defaultText(call: MockCall): string {
    const format = call.options.responseFormat;
    if (format?.type === "json") {
      const schema = format.schema;
      if (schema === undefined) return JSON.stringify({ text: echo(call.lastUserText) });
      let cached = this.examples.get(schema);
      if (cached === undefined) {
        cached = JSON.stringify(exampleFromJsonSchema(schema, this.seed));
        this.examples.set(schema, cached);
      }
      return cached;
    }
    return echo(call.lastUserText);
  }

  private tokens(text: string): number {
    return this.o.countTokens ? this.o.countTokens(text) : Math.ceil(text.length / 4);
  }

  private promptTokens(prompt: LanguageModelV4Prompt): number {
    if (this.o.countTokens) return this.o.countTokens(promptText(prompt));
    let chars = 0;
    for (const m of prompt) {
      if (typeof m.content === "string") chars += m.content.length;
      else for (const part of m.content) chars += partText(part).length;
    }
    return Math.ceil(chars / 4);
  }

  private injectFailure(index: number): boolean {
    if (this.failureCalls?.has(index)) return true;
    return this.failureRate > 0 && unitHash(this.failureSeed, index, SALT_FAIL) < this.failureRate;
  }

  private latency(index: number): number {
    const l = this.o.latencyMs;
    if (l === undefined || l === 0) return 0;
    if (typeof l === "number") return l;
    return l.min + unitHash(this.seed, index, SALT_LATENCY) * (l.max - l.min);
  }
}

function check(o: MockModelOptions): void {
  const bad = (argument: string, problem: string) =>
    new InvalidArgumentError(`mockModel option ${argument}`, problem);
  if (o.responder && o.replies) throw bad("replies", "give either `responder` or `replies`, not both.");
  if (o.replies && o.replies.length === 0) {
    throw bad(
      "replies",
      "the list is empty; give at least one reply, or leave `replies` out for default replies.",
    );
  }
  const l = o.latencyMs;
  if (typeof l === "number" && !(l >= 0)) throw bad("latencyMs", `must be a number >= 0, got ${l}.`);
  if (typeof l === "object" && !(l.min >= 0 && l.max >= l.min)) {
    throw bad("latencyMs", `needs 0 <= min <= max, got { min: ${l.min}, max: ${l.max} }.`);
  }
  if (o.chunkSize !== undefined && !(Number.isInteger(o.chunkSize) && o.chunkSize >= 1)) {
    throw bad("chunkSize", `must be an integer >= 1, got ${o.chunkSize}.`);
  }
  if (o.chunkDelayMs !== undefined && !(o.chunkDelayMs >= 0)) {
    throw bad("chunkDelayMs", `must be a number >= 0, got ${o.chunkDelayMs}.`);
  }
  const rate = o.failures?.rate;
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
    throw bad("failures.rate", `must be between 0 and 1, got ${rate}.`);
  }
}

function echo(text: string): string {
  return text ? `mock reply to: ${text.slice(0, 60)}` : "mock reply";
}

function defaultFailure(call: MockCall, modelId: string): APICallError {
  return new APICallError({
    message: `Mock model "${modelId}": injected failure on call #${call.index} (503 Service Unavailable).`,
    url: `mock://${modelId}`,
    requestBodyValues: {},
    statusCode: 503,
    isRetryable: true,
  });
}

function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === "function";
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
