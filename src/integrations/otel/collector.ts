import { type AttributeValue, SpanStatusCode } from "@opentelemetry/api";
// Types only: the collector needs no OpenTelemetry SDK code at run time.
import type { ReadableSpan, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace";
import { ATTR, TRACER_NAME } from "./attributes.js";

/** Latency of runs in ms; all 0 when there were none. Percentiles interpolate linearly between ranks. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Totals of a set of runs. */
export interface TraceStats {
  requests: number;
  /** Runs that failed (span status ERROR). */
  errors: number;
  /** errors / requests (0 when there were no requests). */
  errorRate: number;
  cacheHits: number;
  /** cacheHits / requests (0 when there were no requests). */
  cacheHitRate: number;
  inputTokens: number;
  outputTokens: number;
  /** USD of the runs whose model has a known price. */
  costUsd: number;
  /** Runs whose model has no known price, left out of costUsd. */
  unpriced: number;
  latencyMs: LatencySummary;
}

export interface TraceSummary extends TraceStats {
  /** Keyed by "provider:model-id" (the model that answered, or the last one tried). */
  byModel: Record<string, TraceStats>;
  /** Keyed by prompt name. */
  byPrompt: Record<string, TraceStats>;
}

/**
 * An in-memory aggregate of FlowPrompt run spans. It is both an OpenTelemetry SpanProcessor (put it
 * in a TracerProvider's `spanProcessors`, or pass it to `exportTraces({ collector })`) and a
 * SpanExporter (wrap it in a SimpleSpanProcessor or BatchSpanProcessor). Other spans (call spans,
 * HTTP spans, other libraries') are ignored.
 */
export interface Collector extends SpanProcessor, SpanExporter {
  summary(): TraceSummary;
  /** Forgets every run seen so far. */
  reset(): void;
  forceFlush(): Promise<void>;
}

interface Group {
  requests: number;
  errors: number;
  cacheHits: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  unpriced: number;
  latencies: number[];
}

const newGroup = (): Group => ({
  requests: 0,
  errors: 0,
  cacheHits: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  unpriced: 0,
  latencies: [],
});

export function createCollector(): Collector {
  let all = newGroup();
  let byModel = new Map<string, Group>();
  let byPrompt = new Map<string, Group>();

  function add(span: ReadableSpan): void {
    const a = span.attributes;
    if (span.instrumentationScope.name !== TRACER_NAME) return;
    if (a[ATTR.promptName] === undefined || a[ATTR.callReason] !== undefined) return;
    const model = str(a[ATTR.model]) ?? `${str(a[ATTR.providerName])}:${str(a[ATTR.requestModel])}`;
    const prompt = str(a[ATTR.promptName]) ?? "";
    const groups = [all, groupOf(byModel, model), groupOf(byPrompt, prompt)];
    const failed = span.status.code === SpanStatusCode.ERROR;
    const cost = a[ATTR.costUsd];
    const latency = span.duration[0] * 1e3 + span.duration[1] / 1e6;
    for (const g of groups) {
      g.requests++;
      if (failed) g.errors++;
      if (a[ATTR.cacheHit] === true) g.cacheHits++;
      g.inputTokens += num(a[ATTR.inputTokens]);
      g.outputTokens += num(a[ATTR.outputTokens]);
      if (typeof cost === "number") g.costUsd += cost;
      else g.unpriced++;
      g.latencies.push(latency);
    }
  }

  return {
    summary(): TraceSummary {
      return {
        ...stats(all),
        byModel: Object.fromEntries([...byModel].map(([k, g]) => [k, stats(g)])),
        byPrompt: Object.fromEntries([...byPrompt].map(([k, g]) => [k, stats(g)])),
      };
    },
    reset(): void {
      all = newGroup();
      byModel = new Map();
      byPrompt = new Map();
    },
    // SpanProcessor
    onStart(): void {},
    onEnd: add,
    // SpanExporter
    export(spans, done): void {
      for (const span of spans) add(span);
      done({ code: 0 });
    },
    // The collector keeps what it holds after a shutdown, so summary() still answers.
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  };
}

function groupOf(map: Map<string, Group>, key: string): Group {
  let g = map.get(key);
  if (g === undefined) {
    g = newGroup();
    map.set(key, g);
  }
  return g;
}

function stats(g: Group): TraceStats {
  const sorted = [...g.latencies].sort((x, y) => x - y);
  const n = sorted.length;
  return {
    requests: g.requests,
    errors: g.errors,
    errorRate: g.requests === 0 ? 0 : g.errors / g.requests,
    cacheHits: g.cacheHits,
    cacheHitRate: g.requests === 0 ? 0 : g.cacheHits / g.requests,
    inputTokens: g.inputTokens,
    outputTokens: g.outputTokens,
    costUsd: g.costUsd,
    unpriced: g.unpriced,
    latencyMs: {
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      mean: n === 0 ? 0 : sorted.reduce((s, x) => s + x, 0) / n,
      max: n === 0 ? 0 : sorted[n - 1]!,
    },
  };
}

/** The p-quantile of sorted values, interpolating between the two nearest ranks (0 for none). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}

const str = (v: AttributeValue | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: AttributeValue | undefined): number => (typeof v === "number" ? v : 0);
