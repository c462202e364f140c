import { SpanStatusCode } from "@opentelemetry/api";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { cache } from "../../cache/middleware.js";
import { setPrice } from "../../core/cost.js";
import { ModelCallError } from "../../core/errors/model-call-error.js";
import { OutputValidationError } from "../../core/errors/output-validation-error.js";
import { compose } from "../../core/middleware.js";
import { CLIENT, fakeCore, fakeRun, ms, tracingHarness, usage } from "./fake-run.case.js";
import { tracing } from "./tracing.js";

const h = tracingHarness();
afterEach(() => h.exporter.reset());
afterAll(() => h.close());

const failure503 = {
  code: "FP_MODEL_CALL",
  statusCode: 503,
  message: "Service Unavailable",
  retryable: true,
};

describe("tracing(): one child span per model call", () => {
  it("gives each call its own span under the run span, with the recorded times", async () => {
    const ctx = fakeRun();
    const next = fakeCore(ctx, [
      { ok: false, error: failure503, retryDelayMs: 250, usage: usage(0, 0), finishReason: undefined, ms: 3 },
      { ms: 4 },
    ]);
    await tracing({ tracerProvider: h.provider })(ctx, next);
    const run = h.runSpans()[0]!;
    const calls = h.callSpans().sort((a, b) => ms(a.startTime) - ms(b.startTime));
    expect(calls).toHaveLength(2);
    for (const [i, span] of calls.entries()) {
      const record = ctx.calls[i]!;
      expect(span.name).toBe("chat gpt-4o-mini");
      expect(span.kind).toBe(CLIENT);
      expect(span.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(run.spanContext().traceId);
      expect(ms(span.startTime)).toBe(record.startTime);
      expect(ms(span.endTime)).toBe(record.endTime);
      expect(ms(span.startTime)).toBeGreaterThanOrEqual(ms(run.startTime));
      expect(ms(span.endTime)).toBeLessThanOrEqual(ms(run.endTime));
    }
    const [failed, ok] = calls;
    expect(failed!.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.request.temperature": 0.2,
      "flowprompt.model": "openai:gpt-4o-mini",
      "flowprompt.attempt": 1,
      "flowprompt.call.reason": "initial",
      "flowprompt.call.retryable": true,
      "flowprompt.call.retry_delay_ms": 250,
      "error.type": "FP_MODEL_CALL",
      "http.response.status_code": 503,
      "gen_ai.usage.input_tokens": 0,
    });
    expect(failed!.status).toEqual({ code: SpanStatusCode.ERROR, message: "Service Unavailable" });
    expect(failed!.events).toHaveLength(1);
    expect(failed!.events[0]!.name).toBe("exception");
    expect(failed!.events[0]!.attributes).toMatchObject({
      "exception.type": "FP_MODEL_CALL",
      "exception.message": "Service Unavailable",
    });
    expect(ok!.attributes).toMatchObject({
      "flowprompt.attempt": 2,
      "flowprompt.call.reason": "retry",
      "gen_ai.usage.input_tokens": 100,
      "gen_ai.usage.output_tokens": 20,
      "gen_ai.response.finish_reasons": ["stop"],
    });
    expect(ok!.attributes["error.type"]).toBeUndefined();
    expect(ok!.status.code).toBe(SpanStatusCode.UNSET);
    expect(run.attributes["flowprompt.attempts"]).toBe(2);
  });

  it("names fallback calls after their own model", async () => {
    const ctx = fakeRun();
    await tracing({ tracerProvider: h.provider })(
      ctx,
      fakeCore(ctx, [
        { ok: false, error: { ...failure503, retryable: false } },
        { model: "anthropic:claude-sonnet-4-5", reason: "fallback", attempt: 1 },
      ]),
    );
    const fallback = h.callSpans().find((s) => s.attributes["flowprompt.call.reason"] === "fallback")!;
    expect(fallback.name).toBe("chat claude-sonnet-4-5");
    expect(fallback.attributes["gen_ai.provider.name"]).toBe("anthropic");
    expect(h.runSpans()[0]!.attributes["gen_ai.response.model"]).toBe("claude-sonnet-4-5");
  });

  it("makes no call spans with callSpans: false", async () => {
    const ctx = fakeRun();
    await tracing({ tracerProvider: h.provider, callSpans: false })(ctx, fakeCore(ctx));
    expect(h.runSpans()).toHaveLength(1);
    expect(h.callSpans()).toHaveLength(0);
  });
});

describe("tracing(): failed runs", () => {
  it("rethrows the error unchanged and records it: status ERROR, exception event, error.type", async () => {
    const ctx = fakeRun();
    const error = new ModelCallError({
      prompt: "summarize",
      model: "openai:gpt-4o-mini",
      cause: new Error("boom"),
    });
    const next = fakeCore(ctx, [{ ok: false, error: failure503, usage: usage(7, 0) }], error);
    const thrown = await tracing({ tracerProvider: h.provider })(ctx, next).catch((e: unknown) => e);
    expect(thrown).toBe(error);
    const run = h.runSpans()[0]!;
    expect(run.status).toEqual({ code: SpanStatusCode.ERROR, message: error.message });
    expect(run.attributes).toMatchObject({
      "error.type": "FP_MODEL_CALL",
      "flowprompt.cache.hit": false,
      "flowprompt.attempts": 1,
      "flowprompt.model": "openai:gpt-4o-mini",
      "gen_ai.usage.input_tokens": 7,
      "gen_ai.usage.output_tokens": 0,
    });
    expect(run.attributes["gen_ai.response.model"]).toBeUndefined();
    const event = run.events.find((e) => e.name === "exception")!;
    expect(event.attributes).toMatchObject({
      "exception.type": "FP_MODEL_CALL",
      "exception.message": error.message,
    });
    expect(h.callSpans()).toHaveLength(1);
    expect(h.callSpans()[0]!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("counts the tokens of every call of a run that failed validation after a repair", async () => {
    const ctx = fakeRun();
    const error = new OutputValidationError({
      prompt: "summarize",
      reason: "not-json",
      text: "nope",
      issues: [{ message: "not JSON", path: "" }],
      replies: ["nope", "nope"],
    });
    const next = fakeCore(ctx, [{}, { reason: "repair" }], error);
    await expect(tracing({ tracerProvider: h.provider })(ctx, next)).rejects.toBe(error);
    expect(h.runSpans()[0]!.attributes).toMatchObject({
      "error.type": OutputValidationError.code,
      "gen_ai.usage.input_tokens": 200,
      "gen_ai.usage.output_tokens": 40,
      "flowprompt.attempts": 2,
    });
  });

  it("prices the calls of a failed run when their models have prices", async () => {
    setPrice("test:priced", { input: 1, output: 2 });
    const mw = tracing({ tracerProvider: h.provider });
    const priced = fakeRun({ modelId: "test:priced" });
    await mw(priced, fakeCore(priced, [{}], new Error("late failure"))).catch(() => undefined);
    const unpriced = fakeRun({ modelId: "test:unpriced" });
    await mw(unpriced, fakeCore(unpriced, [{}], new Error("late failure"))).catch(() => undefined);
    const [a, b] = h.runSpans();
    expect(a!.attributes["flowprompt.cost_usd"]).toBeCloseTo((100 * 1 + 20 * 2) / 1e6, 12);
    expect(b!.attributes["flowprompt.cost_usd"]).toBeUndefined();
  });

  it("uses the error's name for other errors, and _OTHER for thrown non-errors", async () => {
    const mw = tracing({ tracerProvider: h.provider });
    const a = fakeRun();
    await expect(mw(a, fakeCore(a, [], new TypeError("bad")))).rejects.toThrow("bad");
    const b = fakeRun();
    await expect(mw(b, fakeCore(b, [], "a string"))).rejects.toBe("a string");
    const [first, second] = h.runSpans();
    expect(first!.attributes["error.type"]).toBe("TypeError");
    expect(second!.attributes["error.type"]).toBe("_OTHER");
    expect(second!.status).toEqual({ code: SpanStatusCode.ERROR, message: "a string" });
  });
});

describe("tracing() before cache()", () => {
  it("gives a cache hit its own span, flowprompt.cache.hit = true, and no call spans", async () => {
    const chain = compose([tracing({ tracerProvider: h.provider }), cache()], (ctx) => fakeCore(ctx)());
    await chain(fakeRun());
    h.exporter.reset();
    const hit = await chain(fakeRun());
    expect(hit.cached).toBe(true);
    expect(h.runSpans()).toHaveLength(1);
    expect(h.callSpans()).toHaveLength(0);
    expect(h.runSpans()[0]!.attributes).toMatchObject({
      "flowprompt.cache.hit": true,
      "flowprompt.attempts": 0,
      "flowprompt.cost_usd": 0,
      "gen_ai.usage.input_tokens": 0,
      "gen_ai.usage.output_tokens": 0,
      "gen_ai.response.model": "gpt-4o-mini",
    });
  });
});
