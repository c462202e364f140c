import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4GenerateResult,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { getConfig } from "./config.js";
import { FallbackError } from "./errors/fallback-error.js";
import type { RunContext } from "./middleware.js";
import type { ResolvedModel } from "./model-registry.js";
import type { RateLimitPermit } from "./ports.js";
import { describeFailure } from "./provider-errors.js";
import { DEFAULT_RETRY, type RetryPolicy } from "./retry-policy.js";
import { abortError } from "./run.js";
import { type FinishReason, type ModelCallRecord, type Usage, ZERO_USAGE } from "./types.js";

export interface Reply {
  text: string;
  usage: Usage;
  finishReason: FinishReason;
  warnings: unknown[];
  /** The model that answered. */
  answered: ResolvedModel;
}

/**
 * Calls the model, and on failure retries it (retryable failures only, exponential backoff with full
 * jitter, honouring retry-after, capped by attempts and total time), then falls back to the next
 * model of the chain. Every call is recorded in `ctx.calls`; the rate limiter, when configured, is
 * asked before each call and told the outcome after.
 */
export async function callModels(
  ctx: RunContext,
  chain: readonly ResolvedModel[],
  call: LanguageModelV4CallOptions,
  purpose: { stream: boolean; first: ModelCallRecord["reason"] },
): Promise<Reply> {
  const cfg = getConfig();
  const retry = ctx.options.retry ?? cfg.retry;
  const policy = retry === false ? { ...DEFAULT_RETRY, maxAttempts: 1 } : { ...DEFAULT_RETRY, ...retry };
  const random = (retry !== false && retry?.random) || Math.random;
  const limiter = cfg.rateLimiter;
  const failures: { model: string; error: Error }[] = [];
  for (const [index, entry] of chain.entries()) {
    for (let attempt = 1; ; attempt++) {
      const reason = attempt > 1 ? "retry" : index > 0 ? "fallback" : purpose.first;
      const record: ModelCallRecord = {
        model: entry.id,
        attempt,
        reason,
        ok: false,
        startTime: Date.now(),
        endTime: 0,
        usage: ZERO_USAGE,
      };
      let permit: RateLimitPermit | undefined;
      let emitted = false;
      try {
        if (limiter)
          permit = await limiter.acquire({
            model: entry.id,
            estimatedTokens: estimate(call),
            signal: ctx.signal,
          });
        const reply = purpose.stream
          ? await streamOnce(entry.model, call, (delta) => {
              emitted = true;
              ctx.emit({ type: "text-delta", delta });
            })
          : await generateOnce(entry.model, call);
        permit?.release({ tokens: reply.usage.totalTokens });
        Object.assign(record, {
          ok: true,
          endTime: Date.now(),
          usage: reply.usage,
          finishReason: reply.finishReason,
        });
        ctx.calls.push(record);
        return { ...reply, answered: entry };
      } catch (thrown) {
        record.endTime = Date.now();
        if (ctx.signal?.aborted) {
          permit?.release({ tokens: 0 });
          const error = abortError(ctx, ctx.signal.reason);
          record.error = { code: error.code, message: error.message, retryable: false };
          ctx.calls.push(record);
          throw error;
        }
        const info = describeFailure(thrown, ctx.prompt.name, entry.id);
        permit?.release({ tokens: 0, rateLimited: info.statusCode === 429, retryAfterMs: info.retryAfterMs });
        record.error = {
          code: info.error.code,
          ...(info.statusCode !== undefined && { statusCode: info.statusCode }),
          message: info.error.message,
          retryable: info.retryable,
        };
        const delay = backoff(policy, attempt, info.retryAfterMs, random);
        const canRetry =
          info.retryable &&
          !emitted &&
          attempt < policy.maxAttempts &&
          performance.now() - ctx.startedAt + delay <= policy.maxTotalMs;
        if (canRetry) record.retryDelayMs = delay;
        ctx.calls.push(record);
        if (canRetry) {
          await sleep(delay, ctx.signal).catch((reason: unknown) => {
            throw abortError(ctx, reason);
          });
          continue;
        }
        if (emitted) throw info.error;
        failures.push({ model: entry.id, error: info.error });
        break;
      }
    }
  }
  if (failures.length === 1) throw failures[0]!.error;
  throw new FallbackError(ctx.prompt.name, failures);
}

/** Full jitter: a random wait up to an exponentially growing ceiling; never less than retry-after. */
export function backoff(
  policy: Required<Omit<RetryPolicy, "random">>,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** A rough token estimate for rate limiting: prompt characters / 4, plus the output allowance. */
function estimate(call: LanguageModelV4CallOptions): number {
  let chars = 0;
  for (const m of call.prompt) {
    if (typeof m.content === "string") chars += m.content.length;
    else for (const part of m.content) if (part.type === "text") chars += part.text.length;
  }
  return Math.ceil(chars / 4) + (call.maxOutputTokens ?? 256);
}

async function generateOnce(
  model: LanguageModelV4,
  call: LanguageModelV4CallOptions,
): Promise<Omit<Reply, "answered">> {
  const res: LanguageModelV4GenerateResult = await model.doGenerate(call);
  let text = res.structuredOutputText ?? "";
  if (!res.structuredOutputText) {
    for (const part of res.content) if (part.type === "text") text += part.text;
  }
  return {
    text,
    usage: fromUsage(res.usage),
    finishReason: res.finishReason.unified,
    warnings: (res as { warnings?: unknown[] }).warnings ?? [],
  };
}

async function streamOnce(
  model: LanguageModelV4,
  call: LanguageModelV4CallOptions,
  onDelta: (delta: string) => void,
): Promise<Omit<Reply, "answered">> {
  let text = "";
  let usage: Usage = ZERO_USAGE;
  let finishReason: FinishReason | undefined;
  const warnings: unknown[] = [];
  const { stream } = await model.doStream(call);
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      if (part.type === "text-delta") {
        text += part.delta;
        onDelta(part.delta);
      } else if (part.type === "finish") {
        usage = fromUsage(part.usage);
        finishReason = part.finishReason.unified;
      } else if (part.type === "stream-start") warnings.push(...part.warnings);
      else if (part.type === "error") throw part.error;
    }
  } catch (error) {
    // Frees the connection: a failed or abandoned stream is not read any further.
    await reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
  if (finishReason === undefined) {
    throw Object.assign(
      new Error("The stream ended before the model finished (no finish event): truncated."),
      {
        name: "TruncatedStreamError",
      },
    );
  }
  return { text, usage, finishReason, warnings };
}

export function fromUsage(u: LanguageModelV4Usage): Usage {
  const input = u.inputTokens.total ?? 0;
  const output = u.outputTokens.total ?? 0;
  return {
    inputTokens: input,
    outputTokens: output,
    cachedInputTokens: u.inputTokens.cacheRead ?? 0,
    cacheWriteTokens: u.inputTokens.cacheWrite ?? 0,
    reasoningTokens: u.outputTokens.reasoning ?? 0,
    totalTokens: input + output,
  };
}
