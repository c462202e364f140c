import { context, SpanKind } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from "@opentelemetry/sdk-trace";
import type { Next, RunContext } from "../../core/middleware.js";
import type { StandardSchemaV1 } from "../../core/schema.js";
import { fakeContext } from "../../core/test-utils/fake-context.js";
import { type ModelCallRecord, type RunResult, type Usage, zeroUsage } from "../../core/types.js";

// Test helpers for the tracing middleware: a hand-made RunContext, a fake rest-of-pipeline that
// records model calls the way the core does, and a TracerProvider that keeps finished spans.

export function fakeRun(
  overrides: Partial<Pick<RunContext, "vars" | "history" | "params" | "mode">> & {
    output?: StandardSchemaV1;
    modelId?: string;
  } = {},
): RunContext {
  return fakeContext({
    modelId: "openai:gpt-4o-mini",
    params: { temperature: 0.2, maxOutputTokens: 256 },
    ...overrides,
  });
}

export const usage = (inputTokens: number, outputTokens: number): Usage => ({
  ...zeroUsage(),
  inputTokens,
  outputTokens,
  totalTokens: inputTokens + outputTokens,
});

export function resultOf(ctx: RunContext, over: Partial<RunResult> = {}): RunResult {
  const calls = ctx.calls;
  return {
    output: "A summary.",
    text: "A summary.",
    usage: calls.reduce(
      (u, c) => usage(u.inputTokens + c.usage.inputTokens, u.outputTokens + c.usage.outputTokens),
      usage(0, 0),
    ),
    costUsd: 0.0021,
    latencyMs: 5,
    cached: false,
    attempts: calls.length,
    model: calls.at(-1)?.model ?? ctx.modelId,
    prompt: ctx.prompt.ref,
    finishReason: "stop",
    warnings: [],
    calls: [...calls],
    ...over,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One planned model call: how long it takes and how it ends. */
export type PlannedCall = Partial<Omit<ModelCallRecord, "startTime" | "endTime">> & { ms?: number };

/**
 * A stand-in for the core: makes the planned calls one after another, pushing each to `ctx.calls`
 * with real start/end times, then returns a result, or throws `fail` when given.
 */
export function fakeCore(ctx: RunContext, plan: PlannedCall[] = [{}], fail?: unknown): Next {
  return async () => {
    for (const [i, p] of plan.entries()) {
      const startTime = Date.now();
      await sleep(p.ms ?? 2);
      const { ms: _ms, ...rest } = p;
      ctx.calls.push({
        model: ctx.modelId,
        attempt: i + 1,
        reason: i === 0 ? "initial" : "retry",
        ok: true,
        startTime,
        endTime: Date.now(),
        usage: usage(100, 20),
        finishReason: "stop",
        ...rest,
      });
    }
    if (fail !== undefined) throw fail;
    return resultOf(ctx);
  };
}

/** A TracerProvider whose finished spans are kept in memory, and an ALS context manager. */
export function tracingHarness() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  return {
    exporter,
    provider,
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    /** The run spans (CLIENT spans with a prompt name) and the call spans (with a call reason). */
    runSpans: () =>
      exporter.getFinishedSpans().filter((s) => s.attributes["flowprompt.prompt.name"] !== undefined),
    callSpans: () =>
      exporter.getFinishedSpans().filter((s) => s.attributes["flowprompt.call.reason"] !== undefined),
    async close(): Promise<void> {
      await provider.shutdown();
      context.disable();
    },
  };
}

export const ms = (t: readonly [number, number]): number => t[0] * 1e3 + t[1] / 1e6;
export const CLIENT = SpanKind.CLIENT;
