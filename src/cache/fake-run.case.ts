import { cacheKey } from "../core/cache-key.js";
import type { Next, RunContext } from "../core/middleware.js";
import type { RunOptions } from "../core/run-options.js";
import type { StandardSchemaV1 } from "../core/schema.js";
import { fakeContext } from "../core/test-utils/fake-context.js";
import type { RunResult, StreamEvent } from "../core/types.js";

// Test helpers for the cache middleware: a hand-made RunContext and a fake rest-of-pipeline.

export interface FakeRun {
  ctx: RunContext;
  events: StreamEvent<unknown>[];
}

export function fakeRun(
  overrides: {
    vars?: Record<string, unknown>;
    options?: RunOptions;
    output?: StandardSchemaV1;
    mode?: "generate" | "stream";
    signal?: AbortSignal;
    params?: RunContext["params"];
  } = {},
): FakeRun {
  const events: StreamEvent<unknown>[] = [];
  const ctx = fakeContext({ ...overrides, emit: (event) => events.push(event) });
  return { ctx, events };
}

export function modelResult(ctx: RunContext, output: unknown = "A summary."): RunResult {
  return {
    output,
    text: typeof output === "string" ? output : JSON.stringify(output),
    usage: {
      inputTokens: 100,
      outputTokens: 20,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: 120,
    },
    costUsd: 0.0021,
    latencyMs: 350,
    cached: false,
    attempts: 1,
    model: ctx.modelId,
    prompt: { name: ctx.prompt.name, version: ctx.prompt.version, hash: ctx.prompt.hash },
    finishReason: "stop",
    warnings: [],
    calls: [],
  };
}

/** A stand-in for the rest of the pipeline that counts how often the model was called. */
export function fakeModel(
  reply: (ctx: RunContext, call: number) => unknown = () => "A summary.",
  delayMs = 0,
) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    next(ctx: RunContext): Next {
      return async () => {
        const call = ++calls;
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        const out = reply(ctx, call);
        if (out instanceof Error) throw out;
        return modelResult(ctx, out);
      };
    },
  };
}

export const keyOf = (ctx: RunContext, namespace?: string) =>
  cacheKey({
    promptName: ctx.prompt.name,
    promptHash: ctx.prompt.hash,
    vars: ctx.vars,
    modelId: ctx.modelId,
    params: ctx.params,
    sampleId: ctx.options.sampleId,
    namespace,
  });
