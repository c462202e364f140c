import { type Attributes, SpanStatusCode } from "@opentelemetry/api";
import { SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, describe, expect, it } from "vitest";
import { type Collector, createCollector, percentile } from "./collector.js";
import { fakeCore, fakeRun, resultOf } from "./fake-run.case.js";
import { tracing } from "./tracing.js";

const providers: TracerProvider[] = [];
afterAll(() => Promise.all(providers.map((p) => p.shutdown())));

function providerFor(collector: Collector, asExporter = false): TracerProvider {
  const processor = asExporter ? new SimpleSpanProcessor({ exporter: collector }) : collector;
  const provider = new TracerProvider({ spanProcessors: [processor] });
  providers.push(provider);
  return provider;
}

/** A run span as tracing() makes it, with an exact duration in ms. */
function runSpan(provider: TracerProvider, durationMs: number, attrs: Attributes = {}, failed = false): void {
  const span = provider.getTracer("flowprompt").startSpan("chat m", {
    startTime: 1_700_000_000_000,
    attributes: {
      "flowprompt.prompt.name": "p",
      "flowprompt.model": "openai:gpt-4o",
      "flowprompt.cache.hit": false,
      "gen_ai.usage.input_tokens": 10,
      "gen_ai.usage.output_tokens": 2,
      "flowprompt.cost_usd": 0.01,
      ...attrs,
    },
  });
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(1_700_000_000_000 + durationMs);
}

describe("percentile", () => {
  it("interpolates between the nearest ranks", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 0.5)).toBeCloseTo(50.5, 10);
    expect(percentile(xs, 0.95)).toBeCloseTo(95.05, 10);
    expect(percentile(xs, 0.99)).toBeCloseTo(99.01, 10);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([1, 2, 3, 4], 1)).toBe(4);
  });
});

describe("createCollector()", () => {
  it("summarizes latency percentiles of a known set of runs", () => {
    const collector = createCollector();
    const provider = providerFor(collector);
    // 1..100 ms, in shuffled order.
    for (let i = 0; i < 100; i++) runSpan(provider, ((i * 37) % 100) + 1);
    const s = collector.summary();
    expect(s.requests).toBe(100);
    expect(s.latencyMs.p50).toBeCloseTo(50.5, 6);
    expect(s.latencyMs.p95).toBeCloseTo(95.05, 6);
    expect(s.latencyMs.p99).toBeCloseTo(99.01, 6);
    expect(s.latencyMs.mean).toBeCloseTo(50.5, 6);
    expect(s.latencyMs.max).toBeCloseTo(100, 6);
    expect(s.inputTokens).toBe(1000);
    expect(s.outputTokens).toBe(200);
    expect(s.costUsd).toBeCloseTo(1, 10);
  });

  it("counts errors, cache hits and unpriced runs, by model and by prompt", () => {
    const collector = createCollector();
    const provider = providerFor(collector);
    runSpan(provider, 10);
    runSpan(provider, 20, {}, true);
    runSpan(provider, 1, {
      "flowprompt.cache.hit": true,
      "flowprompt.cost_usd": 0,
      "gen_ai.usage.input_tokens": 0,
    });
    runSpan(provider, 30, { "flowprompt.model": "anthropic:claude", "flowprompt.prompt.name": "q" });
    runSpan(provider, 40, { "flowprompt.model": "anthropic:claude", "flowprompt.cost_usd": undefined });
    const s = collector.summary();
    expect(s).toMatchObject({
      requests: 5,
      errors: 1,
      errorRate: 0.2,
      cacheHits: 1,
      cacheHitRate: 0.2,
      unpriced: 1,
    });
    expect(s.costUsd).toBeCloseTo(0.03, 10);
    expect(s.inputTokens).toBe(40);
    expect(Object.keys(s.byModel).sort()).toEqual(["anthropic:claude", "openai:gpt-4o"]);
    expect(s.byModel["openai:gpt-4o"]).toMatchObject({ requests: 3, errors: 1, cacheHits: 1 });
    expect(s.byModel["anthropic:claude"]).toMatchObject({ requests: 2, errors: 0, unpriced: 1 });
    expect(s.byModel["anthropic:claude"]!.latencyMs.p50).toBeCloseTo(35, 6);
    expect(s.byPrompt.p).toMatchObject({ requests: 4 });
    expect(s.byPrompt.q).toMatchObject({ requests: 1, inputTokens: 10 });

    collector.reset();
    expect(collector.summary()).toMatchObject({
      requests: 0,
      errorRate: 0,
      cacheHitRate: 0,
      byModel: {},
      byPrompt: {},
      latencyMs: { p50: 0, p95: 0, p99: 0, mean: 0, max: 0 },
    });
  });

  it("ignores call spans and other instrumentations' spans", () => {
    const collector = createCollector();
    const provider = providerFor(collector);
    runSpan(provider, 5, { "flowprompt.call.reason": "initial" });
    provider
      .getTracer("http")
      .startSpan("GET", { attributes: { "flowprompt.prompt.name": "p" } })
      .end();
    expect(collector.summary().requests).toBe(0);
  });

  it("aggregates what tracing() records, as a SpanProcessor or as a SpanExporter", async () => {
    for (const asExporter of [false, true]) {
      const collector = createCollector();
      const provider = providerFor(collector, asExporter);
      const mw = tracing({ tracerProvider: provider });
      const ok = fakeRun();
      await mw(ok, fakeCore(ok, [{ ok: false, error: { code: "X", message: "x", retryable: true } }, {}]));
      const bad = fakeRun({ modelId: "anthropic:claude-haiku" });
      await mw(bad, fakeCore(bad, [{}], new Error("nope"))).catch(() => undefined);
      const hit = fakeRun();
      await mw(hit, async () =>
        resultOf(hit, { cached: true, costUsd: 0, attempts: 0, usage: resultOf(hit).usage }),
      );
      await provider.forceFlush();
      const s = collector.summary();
      expect(s).toMatchObject({ requests: 3, errors: 1, cacheHits: 1, inputTokens: 300, outputTokens: 60 });
      expect(s.costUsd).toBeCloseTo(0.0021, 10);
      expect(s.unpriced).toBe(1);
      expect(s.byModel["anthropic:claude-haiku"]).toMatchObject({ requests: 1, errors: 1 });
      expect(s.byPrompt.summarize!.requests).toBe(3);
      expect(s.latencyMs.max).toBeGreaterThan(0);
    }
  });
});
