import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { context, createContextKey, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { ProviderNotInstalledError } from "../../core/errors/provider-not-installed-error.js";
import { createCollector } from "./collector.js";
import { exportTraces, load, type TraceTarget } from "./export.js";
import { fakeCore, fakeRun } from "./fake-run.case.js";
import { tracing } from "./tracing.js";

afterEach(() => vi.restoreAllMocks());

/** One traced run through the global provider; returns whether the run span was active inside. */
async function tracedRun(): Promise<boolean> {
  const ctx = fakeRun();
  const core = fakeCore(ctx);
  let active = false;
  await tracing()(ctx, () => {
    active = trace.getActiveSpan() !== undefined;
    return core();
  });
  return active;
}

const contextWorks = () => {
  const probe = ROOT_CONTEXT.setValue(createContextKey("probe"), 1);
  return context.with(probe, () => context.active() === probe);
};

describe("exportTraces()", () => {
  it('"console" prints each span, and shutdown() unregisters the provider and context manager', async () => {
    const dir = vi.spyOn(console, "dir").mockImplementation(() => {});
    expect(contextWorks()).toBe(false);
    const traces = await exportTraces("console");
    expect(contextWorks()).toBe(true);
    expect(await tracedRun()).toBe(true);
    const printed = dir.mock.calls.map(([span]) => (span as { name: string }).name);
    expect(printed).toEqual(["chat gpt-4o-mini", "chat gpt-4o-mini"]); // the call span, then the run span
    await traces.shutdown();
    await traces.shutdown(); // twice is harmless
    expect(contextWorks()).toBe(false);
    dir.mockClear();
    await tracedRun();
    expect(dir).not.toHaveBeenCalled();
  });

  it("sends spans to an OTLP/HTTP endpoint with the given headers", async () => {
    const received: { method?: string; url?: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(200, { "content-type": "application/json" }).end("{}");
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    try {
      const traces = await exportTraces({
        otlp: `http://127.0.0.1:${port}/v1/traces`,
        headers: { "x-langfuse-test": "yes" },
      });
      await tracedRun();
      await traces.shutdown();
      expect(received.length).toBeGreaterThanOrEqual(1);
      const [request] = received;
      expect(request).toMatchObject({ method: "POST", url: "/v1/traces" });
      expect(request!.headers["content-type"]).toMatch(/application\/(json|x-protobuf)/);
      expect(request!.headers["x-langfuse-test"]).toBe("yes");
      const sent = JSON.parse(request!.body) as {
        resourceSpans: { scopeSpans: { scope: { name: string }; spans: { name: string }[] }[] }[];
      };
      const scope = sent.resourceSpans[0]!.scopeSpans.find((s) => s.scope.name === "flowprompt")!;
      expect(scope.spans.map((s) => s.name)).toEqual(["chat gpt-4o-mini", "chat gpt-4o-mini"]);
      expect(request!.body).toContain("gen_ai.request.model");
    } finally {
      server.close();
    }
  });

  it("feeds a collector and any other exporter at once", async () => {
    const collector = createCollector();
    const exporter = new InMemorySpanExporter();
    const traces = await exportTraces([{ collector }, { exporter }]);
    await tracedRun();
    await tracedRun();
    expect(collector.summary()).toMatchObject({ requests: 2, errors: 0, inputTokens: 200 });
    await traces.forceFlush();
    expect(exporter.getFinishedSpans()).toHaveLength(4);
    await traces.shutdown();
    expect(collector.summary().requests).toBe(2);
  });

  it("refuses a second global provider until the first is shut down", async () => {
    const first = await exportTraces({ collector: createCollector() });
    try {
      const error = await exportTraces("console").catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("already registered");
    } finally {
      await first.shutdown();
    }
    const second = await exportTraces({ collector: createCollector() });
    await second.shutdown();
  });

  it("explains targets it cannot use", async () => {
    const bad: unknown[] = [
      [],
      "stdout",
      null,
      {},
      { otlp: "127.0.0.1:4318" },
      { otlp: 4318 },
      { collector: {} },
      { exporter: {} },
    ];
    for (const target of bad) {
      const error = await exportTraces(target as TraceTarget).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error), JSON.stringify(target)).toBe(true);
      expect((error as InvalidArgumentError).hint).toMatch(/console|otlp/);
    }
    expect(trace.getTracerProvider().getTracer("x").startSpan("s").isRecording()).toBe(false);
  });
});

describe("load()", () => {
  it("names the package to install when it is missing", async () => {
    const missing = Object.assign(
      new Error("Cannot find package '@opentelemetry/exporter-trace-otlp-http'"),
      {
        code: "ERR_MODULE_NOT_FOUND",
      },
    );
    const error = await load("@opentelemetry/exporter-trace-otlp-http", "OTLP trace exporter", () =>
      Promise.reject(missing),
    ).catch((e: unknown) => e);
    expect(ProviderNotInstalledError.isInstance(error)).toBe(true);
    expect((error as ProviderNotInstalledError).hint).toBe(
      "Install it: npm install @opentelemetry/exporter-trace-otlp-http",
    );
    expect((error as Error).cause).toBe(missing);
  });

  it("passes other import failures through", async () => {
    const broken = new SyntaxError("Unexpected token");
    await expect(load("x", "x", () => Promise.reject(broken))).rejects.toBe(broken);
    await expect(load("x", "x", async () => 42)).resolves.toBe(42);
  });
});
