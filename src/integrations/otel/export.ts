import { context, createContextKey, ROOT_CONTEXT, type TracerProvider, trace } from "@opentelemetry/api";
import type { SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { ProviderNotInstalledError } from "../../core/errors/provider-not-installed-error.js";
import type { Collector } from "./collector.js";

/** Where `exportTraces()` sends spans. */
export type TraceTarget =
  /** Prints each span to the console as it ends. */
  | "console"
  /** An OTLP/HTTP endpoint such as "http://127.0.0.1:4318/v1/traces" (a collector, Jaeger, Langfuse, …). */
  | { otlp: string; headers?: Record<string, string> }
  /** FlowPrompt's in-memory collector (`createCollector()`). */
  | { collector: Collector }
  /** Any OpenTelemetry SpanExporter, batched. */
  | { exporter: SpanExporter };

export interface TraceExport {
  /** The TracerProvider registered as the global one. */
  readonly provider: TracerProvider;
  /** Sends spans still waiting in batches. */
  forceFlush(): Promise<void>;
  /** Flushes, stops the exporters and unregisters the global provider (and the context manager it set). */
  shutdown(): Promise<void>;
}

/**
 * Registers a global OpenTelemetry TracerProvider that sends spans to `target` (or to several), so
 * `tracing()` without a `tracerProvider` reports there:
 *
 * ```ts
 * const traces = await exportTraces({ otlp: "http://127.0.0.1:4318/v1/traces" });
 * // … runs …
 * await traces.shutdown();
 * ```
 * When no context manager is registered yet, it registers an AsyncLocalStorage one (from
 * `@opentelemetry/context-async-hooks`, when installed) so spans made during a run nest under it.
 */
export async function exportTraces(target: TraceTarget | readonly TraceTarget[]): Promise<TraceExport> {
  const targets: readonly TraceTarget[] = Array.isArray(target) ? target : [target as TraceTarget];
  if (targets.length === 0) throw badTarget("an empty list.");
  const sdk = await load(
    "@opentelemetry/sdk-trace",
    "OpenTelemetry tracing SDK",
    () => import("@opentelemetry/sdk-trace"),
  );
  const spanProcessors: SpanProcessor[] = [];
  for (const t of targets) spanProcessors.push(await processorFor(t, sdk));
  const provider = new sdk.TracerProvider({ spanProcessors });
  if (!trace.setGlobalTracerProvider(provider)) {
    await provider.shutdown();
    throw new InvalidArgumentError(
      "exportTraces()",
      "a global OpenTelemetry TracerProvider is already registered.",
      "Call shutdown() on the earlier exportTraces() result first, or pass your own provider: tracing({ tracerProvider }).",
    );
  }
  const ownContextManager = await ensureContextManager();
  let closed: Promise<void> | undefined;
  return {
    provider,
    forceFlush: () => provider.forceFlush(),
    shutdown() {
      closed ??= provider.shutdown().finally(() => {
        trace.disable();
        if (ownContextManager) context.disable();
      });
      return closed;
    },
  };
}

type Sdk = typeof import("@opentelemetry/sdk-trace");

async function processorFor(target: TraceTarget, sdk: Sdk): Promise<SpanProcessor> {
  if (target === "console") return new sdk.SimpleSpanProcessor({ exporter: new sdk.ConsoleSpanExporter() });
  if (typeof target !== "object" || target === null) throw badTarget(describe(target));
  if ("collector" in target) {
    if (typeof target.collector?.onEnd !== "function")
      throw badTarget("a collector that is not createCollector()'s.");
    return target.collector;
  }
  if ("exporter" in target) {
    if (typeof target.exporter?.export !== "function") throw badTarget("an exporter without export().");
    return new sdk.BatchSpanProcessor({ exporter: target.exporter });
  }
  if ("otlp" in target) {
    const url = target.otlp;
    if (typeof url !== "string" || !/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) {
      throw new InvalidArgumentError(
        "exportTraces() otlp",
        `${JSON.stringify(url)} is not an http(s) URL.`,
        'Give the OTLP/HTTP traces endpoint, e.g. { otlp: "http://127.0.0.1:4318/v1/traces" }.',
      );
    }
    const { OTLPTraceExporter } = await load(
      "@opentelemetry/exporter-trace-otlp-http",
      "OTLP trace exporter",
      () => import("@opentelemetry/exporter-trace-otlp-http"),
    );
    const exporter = new OTLPTraceExporter({ url, headers: target.headers });
    return new sdk.BatchSpanProcessor({ exporter });
  }
  throw badTarget(describe(target));
}

/** Registers an AsyncLocalStorage context manager unless one already works. True when it did. */
async function ensureContextManager(): Promise<boolean> {
  const probe = ROOT_CONTEXT.setValue(createContextKey("flowprompt.probe"), true);
  if (context.with(probe, () => context.active() === probe)) return false;
  let mod: typeof import("@opentelemetry/context-async-hooks");
  try {
    mod = await import("@opentelemetry/context-async-hooks");
  } catch {
    // Without it, FlowPrompt's own spans still nest (they name their parent); spans of other
    // instrumentations made during a run just do not see the run span as their parent.
    return false;
  }
  return context.setGlobalContextManager(new mod.AsyncLocalStorageContextManager().enable());
}

/** Imports an optional package, turning "not installed" into an error with the install command. */
export async function load<T>(pkg: string, what: string, importer: () => Promise<T>): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if ((code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && String(error).includes(pkg)) {
      throw new ProviderNotInstalledError(what, pkg, error);
    }
    throw error;
  }
}

function badTarget(got: string): InvalidArgumentError {
  return new InvalidArgumentError(
    "exportTraces() target",
    `got ${got}`,
    'Use "console", { otlp: "http://127.0.0.1:4318/v1/traces", headers? }, { collector: createCollector() }, ' +
      "{ exporter: aSpanExporter }, or a list of them.",
  );
}

function describe(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? String(value);
  return `an object with keys ${JSON.stringify(Object.keys(value))}.`;
}
