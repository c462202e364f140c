import { context, SpanStatusCode, trace } from "@opentelemetry/api";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { CLIENT, fakeCore, fakeRun, ms, resultOf, tracingHarness } from "./fake-run.case.js";
import { tracing } from "./tracing.js";

const h = tracingHarness();
afterEach(() => h.exporter.reset());
afterAll(() => h.close());

describe("tracing(): the run span", () => {
  it("is a CLIENT span `chat {model}` with the GenAI and FlowPrompt attributes", async () => {
    const ctx = fakeRun({
      params: {
        temperature: 0.2,
        maxOutputTokens: 256,
        topP: 0.9,
        topK: 40,
        frequencyPenalty: 0.1,
        presencePenalty: 0.3,
        seed: 7,
        stopSequences: ["END"],
      },
    });
    const result = await tracing({ tracerProvider: h.provider })(ctx, fakeCore(ctx));
    expect(result.text).toBe("A summary.");
    const [span] = h.runSpans();
    expect(h.runSpans()).toHaveLength(1);
    expect(span!.name).toBe("chat gpt-4o-mini");
    expect(span!.kind).toBe(CLIENT);
    expect(span!.instrumentationScope.name).toBe("flowprompt");
    expect(span!.parentSpanContext).toBeUndefined();
    expect(span!.status.code).toBe(SpanStatusCode.UNSET);
    expect(span!.attributes).toEqual({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.response.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 100,
      "gen_ai.usage.output_tokens": 20,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.output.type": "text",
      "gen_ai.request.stream": false,
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.max_tokens": 256,
      "gen_ai.request.top_p": 0.9,
      "gen_ai.request.top_k": 40,
      "gen_ai.request.frequency_penalty": 0.1,
      "gen_ai.request.presence_penalty": 0.3,
      "gen_ai.request.seed": 7,
      "gen_ai.request.stop_sequences": ["END"],
      "flowprompt.prompt.name": "summarize",
      "flowprompt.prompt.version": "2",
      "flowprompt.prompt.hash": "hash-1",
      "flowprompt.model": "openai:gpt-4o-mini",
      "flowprompt.cache.hit": false,
      "flowprompt.cost_usd": 0.0021,
      "flowprompt.attempts": 1,
    });
  });

  it("says json for prompts with an output schema, marks streams, and leaves unknown costs out", async () => {
    const ctx = fakeRun({ output: z.object({ a: z.string() }), mode: "stream", params: {} });
    const mw = tracing({ tracerProvider: h.provider });
    await mw(ctx, async () => resultOf(ctx, { costUsd: null, attempts: 1 }));
    const a = h.runSpans()[0]!.attributes;
    expect(a["gen_ai.output.type"]).toBe("json");
    expect(a["gen_ai.request.stream"]).toBe(true);
    expect(a["flowprompt.cost_usd"]).toBeUndefined();
    expect(a["gen_ai.request.temperature"]).toBeUndefined();
  });

  it("records the model that answered and the token details the provider reported", async () => {
    const ctx = fakeRun({ modelId: "google:gemini-2.5-flash" });
    const usage = {
      inputTokens: 50,
      outputTokens: 30,
      cachedInputTokens: 40,
      cacheWriteTokens: 5,
      reasoningTokens: 12,
      totalTokens: 80,
    };
    await tracing({ tracerProvider: h.provider })(ctx, async () =>
      resultOf(ctx, { model: "anthropic:claude-sonnet-4-5", usage, finishReason: "content-filter" }),
    );
    const span = h.runSpans()[0]!;
    expect(span.name).toBe("chat gemini-2.5-flash");
    expect(span.attributes).toMatchObject({
      "gen_ai.provider.name": "gcp.gemini",
      "gen_ai.request.model": "gemini-2.5-flash",
      "gen_ai.response.model": "claude-sonnet-4-5",
      "flowprompt.model": "anthropic:claude-sonnet-4-5",
      "gen_ai.usage.cache_read.input_tokens": 40,
      "gen_ai.usage.cache_creation.input_tokens": 5,
      "gen_ai.usage.reasoning.output_tokens": 12,
      "gen_ai.response.finish_reasons": ["content_filter"],
    });
  });

  it("is the active span while the rest of the chain runs, so deeper spans nest under it", async () => {
    const ctx = fakeRun();
    let activeId: string | undefined;
    await tracing({ tracerProvider: h.provider })(ctx, async () => {
      activeId = trace.getActiveSpan()?.spanContext().spanId;
      await new Promise((resolve) => setTimeout(resolve, 1));
      h.provider.getTracer("http").startSpan("POST").end();
      return resultOf(ctx);
    });
    const run = h.runSpans()[0]!;
    const http = h.spans().find((s) => s.name === "POST")!;
    expect(activeId).toBe(run.spanContext().spanId);
    expect(http.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    expect(http.spanContext().traceId).toBe(run.spanContext().traceId);
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it("nests under the span active when the run starts", async () => {
    const ctx = fakeRun();
    const outer = h.provider.getTracer("app").startSpan("request");
    await context.with(trace.setSpan(context.active(), outer), () =>
      tracing({ tracerProvider: h.provider })(ctx, fakeCore(ctx)),
    );
    outer.end();
    expect(h.runSpans()[0]!.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
  });

  it("adds the attributes() option's attributes, and a throwing one does not break the run", async () => {
    const ctx = fakeRun();
    await tracing({
      tracerProvider: h.provider,
      attributes: (c, r) => ({
        "user.id": "u-1",
        "app.cached": r?.cached ?? "failed",
        "app.p": c.prompt.name,
      }),
    })(ctx, fakeCore(ctx));
    expect(h.runSpans()[0]!.attributes).toMatchObject({
      "user.id": "u-1",
      "app.cached": false,
      "app.p": "summarize",
    });

    h.exporter.reset();
    const ctx2 = fakeRun();
    const throwing = tracing({
      tracerProvider: h.provider,
      attributes: () => {
        throw new Error("bad hook");
      },
    });
    await expect(throwing(ctx2, fakeCore(ctx2))).resolves.toMatchObject({ text: "A summary." });
    expect(h.runSpans()).toHaveLength(1);
    expect(h.callSpans()).toHaveLength(1);
  });

  it("uses the global provider when none is given, and costs nothing when there is none", async () => {
    const ctx = fakeRun();
    const result = await tracing()(ctx, fakeCore(ctx));
    expect(result.text).toBe("A summary.");
    expect(h.spans()).toHaveLength(0);
  });

  it("keeps sub-millisecond durations on runs without calls", async () => {
    const ctx = fakeRun();
    await tracing({ tracerProvider: h.provider })(ctx, async () => resultOf(ctx));
    const d = ms(h.runSpans()[0]!.duration);
    expect(d).toBeGreaterThanOrEqual(0);
    expect(d).toBeLessThan(50);
  });
});
