import { SpanStatusCode } from "@opentelemetry/api";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import "../../index.js";
import { ModelCallError } from "../../core/errors/model-call-error.js";
import { definePrompt } from "../../core/prompt.js";
import { mockModel } from "../../models/mock-model.js";
import { CLIENT, tracingHarness } from "./fake-run.case.js";
import { tracing } from "./tracing.js";

const h = tracingHarness();
afterEach(() => h.exporter.reset());
afterAll(() => h.close());

describe("tracing() through definePrompt and the real pipeline", () => {
  it("records the rendered messages the model received, with recordContent: true", async () => {
    const prompt = definePrompt({
      name: "greet",
      system: "You are terse.",
      user: "Greet {{name}}",
      model: mockModel({ replies: ["Hi Ada"] }),
      middleware: [tracing({ tracerProvider: h.provider, recordContent: true })],
    });
    await prompt.run({ name: "Ada" });
    const run = h.runSpans()[0]!;
    expect(JSON.parse(run.attributes["gen_ai.system_instructions"] as string)).toEqual([
      { type: "text", content: "You are terse." },
    ]);
    expect(JSON.parse(run.attributes["gen_ai.input.messages"] as string)).toEqual([
      { role: "user", parts: [{ type: "text", content: "Greet Ada" }] },
    ]);
  });

  it("makes one run span, and call spans for the model calls the core records", async () => {
    const model = mockModel({ replies: [{ object: { label: "pos" } }], modelId: "sentiment" });
    const prompt = definePrompt({
      name: "classify",
      version: "3",
      user: "Classify: {{text}}",
      output: z.object({ label: z.enum(["pos", "neg"]) }),
      model,
      params: { temperature: 0 },
      middleware: [tracing({ tracerProvider: h.provider })],
    });
    const result = await prompt.execute({ text: "I love it" });
    expect(result.output).toEqual({ label: "pos" });

    const runs = h.runSpans();
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.name).toBe("chat sentiment");
    expect(run.kind).toBe(CLIENT);
    expect(run.status.code).toBe(SpanStatusCode.UNSET);
    expect(run.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "mock",
      "gen_ai.request.model": "sentiment",
      "gen_ai.response.model": "sentiment",
      "gen_ai.output.type": "json",
      "gen_ai.request.temperature": 0,
      "gen_ai.usage.input_tokens": result.usage.inputTokens,
      "gen_ai.usage.output_tokens": result.usage.outputTokens,
      "flowprompt.prompt.name": "classify",
      "flowprompt.prompt.version": "3",
      "flowprompt.prompt.hash": prompt.hash,
      "flowprompt.cache.hit": false,
      "flowprompt.attempts": result.attempts,
    });

    // One call span per entry of result.calls (the core fills ctx.calls): at least the initial call.
    const calls = h.callSpans();
    expect(calls).toHaveLength(result.calls?.length ?? 0);
    expect(
      calls.filter((s) => s.attributes["flowprompt.call.reason"] === "initial").length,
    ).toBeGreaterThanOrEqual(1);
    for (const call of calls) expect(call.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
  });

  it("shows retries and fallbacks as call spans under the run span", async () => {
    const prompt = definePrompt({
      name: "resilient",
      user: "Hi",
      model: [mockModel({ modelId: "a", failures: {} }), mockModel({ modelId: "b" })],
      middleware: [tracing({ tracerProvider: h.provider })],
    });
    const result = await prompt.execute(
      {},
      { retry: { maxAttempts: 2, initialDelayMs: 1, random: () => 0 } },
    );
    expect(result.model).toBe("mock:b");
    const run = h.runSpans()[0]!;
    expect(run.name).toBe("chat a");
    expect(run.attributes["gen_ai.response.model"]).toBe("b");
    const calls = h.callSpans().map((s) => ({
      name: s.name,
      reason: s.attributes["flowprompt.call.reason"],
      attempt: s.attributes["flowprompt.attempt"],
      status: s.status.code,
      http: s.attributes["http.response.status_code"],
    }));
    expect(calls).toEqual([
      { name: "chat a", reason: "initial", attempt: 1, status: SpanStatusCode.ERROR, http: 503 },
      { name: "chat a", reason: "retry", attempt: 2, status: SpanStatusCode.ERROR, http: 503 },
      { name: "chat b", reason: "fallback", attempt: 1, status: SpanStatusCode.UNSET, http: undefined },
    ]);
  });

  it("records a failed run as an ERROR span and rethrows the core's error", async () => {
    const model = mockModel({ failures: {} });
    const prompt = definePrompt({
      name: "broken",
      user: "Hi",
      model,
      middleware: [tracing({ tracerProvider: h.provider })],
    });
    const error = await prompt.execute({}, { retry: false }).catch((e: unknown) => e);
    expect(ModelCallError.isInstance(error)).toBe(true);
    const run = h.runSpans()[0]!;
    expect(run.status.code).toBe(SpanStatusCode.ERROR);
    expect(run.attributes["error.type"]).toBe("FP_MODEL_CALL");
  });
});
