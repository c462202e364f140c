import { APICallError, LoadAPIKeyError } from "@ai-sdk/provider";
import { afterEach, describe, expect, it } from "vitest";
import "../index.js";
import { mockModel } from "../models/mock-model.js";
import {
  AbortedError,
  configure,
  definePrompt,
  FallbackError,
  MissingApiKeyError,
  ModelCallError,
  ProviderUnreachableError,
  type RateLimiter,
  resetConfig,
  trackUsage,
} from "./index.js";

afterEach(() => resetConfig());

const fast = { initialDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };

function apiError(status: number, headers: Record<string, string> = {}, body = '{"error":{"message":"x"}}') {
  return new APICallError({
    message: `HTTP ${status}`,
    url: "http://127.0.0.1:1/v1/chat/completions",
    requestBodyValues: {},
    statusCode: status,
    responseHeaders: headers,
    responseBody: body,
    isRetryable: status === 429 || status >= 500 || status === 408,
  });
}

describe("retries", () => {
  it("retries retryable failures and records every attempt", async () => {
    const model = mockModel({ replies: [{ error: apiError(503) }, { error: apiError(429) }, "ok"] });
    const p = definePrompt({ name: "r", user: "x", model });
    const r = await p.execute(undefined, { retry: fast });
    expect(r.output).toBe("ok");
    expect(r.attempts).toBe(3);
    expect(r.calls.map((c) => [c.reason, c.attempt, c.ok, c.error?.statusCode])).toEqual([
      ["initial", 1, false, 503],
      ["retry", 2, false, 429],
      ["retry", 3, true, undefined],
    ]);
    expect(r.calls[0]!.retryDelayMs).toBe(0); // floor(0.5 * 1)
    expect(r.calls[2]!.endTime).toBeGreaterThanOrEqual(r.calls[2]!.startTime);
    const { usage } = await trackUsage(() => p.execute(undefined, { retry: fast }));
    expect(usage).toMatchObject({ calls: 1, attempts: 1, failedAttempts: 0 });
  });

  it("never retries a 4xx other than 429", async () => {
    for (const status of [400, 401, 404, 408, 409, 422]) {
      const model = mockModel({ replies: [{ error: apiError(status) }, "ok"] });
      const e = await definePrompt({ name: "r", user: "x", model })
        .run(undefined, { retry: fast })
        .catch((x: unknown) => x);
      expect(ModelCallError.isInstance(e), String(status)).toBe(true);
      expect((e as ModelCallError).statusCode).toBe(status);
      expect(model.calls).toHaveLength(1);
    }
  });

  it("honours retry-after, in ms or seconds", async () => {
    const model = mockModel({ replies: [{ error: apiError(429, { "retry-after-ms": "40" }) }, "ok"] });
    const started = performance.now();
    const r = await definePrompt({ name: "r", user: "x", model }).execute(undefined, { retry: fast });
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(r.calls[0]!.retryDelayMs).toBe(40);
  });

  it("stops at maxAttempts and at maxTotalMs", async () => {
    const always = () => mockModel({ failures: {} });
    const a = always();
    await expect(
      definePrompt({ name: "r", user: "x", model: a }).run(undefined, { retry: { ...fast, maxAttempts: 4 } }),
    ).rejects.toThrow(ModelCallError);
    expect(a.calls).toHaveLength(4);
    const b = mockModel({ replies: [{ error: apiError(503, { "retry-after": "30" }) }, "ok"] });
    await expect(
      definePrompt({ name: "r", user: "x", model: b }).run(undefined, {
        retry: { ...fast, maxTotalMs: 1000 },
      }),
    ).rejects.toThrow(/503/);
    expect(b.calls).toHaveLength(1);
  });

  it("stops waiting when the call is aborted during a backoff", async () => {
    const model = mockModel({ replies: [{ error: apiError(429, { "retry-after": "5" }) }, "ok"] });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(
      definePrompt({ name: "r", user: "x", model }).run(undefined, {
        signal: controller.signal,
        retry: fast,
      }),
    ).rejects.toThrow(AbortedError);
  });

  it("is configured globally and turned off per call", async () => {
    configure({ retry: { ...fast, maxAttempts: 2 } });
    const a = mockModel({ failures: {} });
    await expect(definePrompt({ name: "r", user: "x", model: a }).run()).rejects.toThrow();
    expect(a.calls).toHaveLength(2);
    const b = mockModel({ failures: {} });
    await expect(
      definePrompt({ name: "r", user: "x", model: b }).run(undefined, { retry: false }),
    ).rejects.toThrow();
    expect(b.calls).toHaveLength(1);
  });
});

describe("fallback chains and aliases", () => {
  it("moves to the next model after the first fails its retries, and records who answered", async () => {
    const primary = mockModel({ modelId: "primary", failures: {} });
    const backup = mockModel({ modelId: "backup", replies: ["from backup"] });
    const p = definePrompt({ name: "f", user: "x", model: [primary, backup] });
    const r = await p.execute(undefined, { retry: { ...fast, maxAttempts: 2 } });
    expect(r.output).toBe("from backup");
    expect(r.model).toBe("mock:backup");
    expect(r.calls.map((c) => `${c.model}/${c.reason}/${c.ok}`)).toEqual([
      "mock:primary/initial/false",
      "mock:primary/retry/false",
      "mock:backup/fallback/true",
    ]);
  });

  it("falls back on non-retryable failures too (a bad key or an unknown model at one provider)", async () => {
    const primary = mockModel({ modelId: "p", replies: [{ error: apiError(401) }] });
    const backup = mockModel({ modelId: "b", replies: ["ok"] });
    const r = await definePrompt({ name: "f", user: "x", model: [primary, backup] }).execute(undefined, {
      retry: fast,
    });
    expect(r.model).toBe("mock:b");
    expect(primary.calls).toHaveLength(1);
  });

  it("reports every model's error when all fail", async () => {
    const e = await definePrompt({
      name: "f",
      user: "x",
      model: [
        mockModel({ modelId: "a", replies: [{ error: apiError(400) }] }),
        mockModel({ modelId: "b", replies: [{ error: apiError(404) }] }),
      ],
    })
      .run(undefined, { retry: fast })
      .catch((x: unknown) => x);
    expect(FallbackError.isInstance(e)).toBe(true);
    expect((e as FallbackError).failures.map((f) => f.model)).toEqual(["mock:a", "mock:b"]);
    expect((e as Error).message).toMatch(
      /All 2 models failed for prompt "f": mock:a: .*400.*; mock:b: .*404/,
    );
  });

  it("resolves aliases from configure({ models }), chains included, and refuses cycles", async () => {
    configure({
      models: { fast: "mock:fast-one", safe: ["fast", "mock:second"], loop: "loop2", loop2: "loop" },
    });
    const p = definePrompt({ name: "a", user: "x", model: "safe" });
    expect((await p.execute()).model).toBe("mock:fast-one");
    await expect(p.run(undefined, { model: "loop" })).rejects.toThrow(
      /"loop" refers to itself: loop → loop2 → loop/,
    );
  });

  it("keeps the answering model for repairs", async () => {
    const { z } = await import("zod");
    const primary = mockModel({ modelId: "p", failures: {} });
    const backup = mockModel({ modelId: "b", replies: [{ object: { n: "x" } }, { object: { n: 1 } }] });
    const p = definePrompt({
      name: "f",
      user: "x",
      output: z.object({ n: z.number() }),
      model: [primary, backup],
    });
    const r = await p.execute(undefined, { retry: false });
    expect(r.output).toEqual({ n: 1 });
    expect(r.calls.map((c) => `${c.model}/${c.reason}`)).toEqual([
      "mock:p/initial",
      "mock:b/fallback",
      "mock:b/repair",
    ]);
  });
});

describe("rate limiter port", () => {
  it("asks the limiter before each call and reports the outcome", async () => {
    const log: string[] = [];
    const limiter: RateLimiter = {
      portVersion: 1,
      async acquire(req) {
        log.push(`acquire ${req.model} ~${req.estimatedTokens}`);
        return { release: (o) => log.push(`release ${o.tokens}${o.rateLimited ? " 429" : ""}`) };
      },
    };
    configure({ rateLimiter: limiter });
    const model = mockModel({
      replies: [{ error: apiError(429) }, { text: "ok", usage: { inputTokens: 3, outputTokens: 2 } }],
    });
    await definePrompt({ name: "l", user: "hello", model }).run(undefined, { retry: fast });
    expect(log).toEqual(["acquire mock:mock ~258", "release 0 429", "acquire mock:mock ~258", "release 5"]);
  });
});

describe("provider errors", () => {
  it("names the URL of an unreachable provider", async () => {
    const refused = new APICallError({
      message: "Cannot connect to API: connect ECONNREFUSED 127.0.0.1:9",
      url: "http://127.0.0.1:9/v1/chat/completions",
      requestBodyValues: {},
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      isRetryable: true,
    });
    const model = mockModel({ replies: [{ error: refused }] });
    const e = await definePrompt({ name: "u", user: "x", model })
      .run(undefined, { retry: false })
      .catch((x: unknown) => x);
    expect(ProviderUnreachableError.isInstance(e)).toBe(true);
    expect((e as Error).message).toBe(
      'Could not reach http://127.0.0.1:9/v1/chat/completions for model "mock:mock" (ECONNREFUSED).',
    );
  });

  it("says when a provider answers with HTML instead of JSON", async () => {
    const model = mockModel({
      replies: [{ error: apiError(502, {}, "<html><body>Bad gateway</body></html>") }],
    });
    const e = await definePrompt({ name: "h", user: "x", model })
      .run(undefined, { retry: false })
      .catch((x: unknown) => x);
    expect((e as Error).message).toMatch(
      /HTTP 502 with an HTML page instead of JSON from http:\/\/127\.0\.0\.1:1/,
    );
  });

  it("names the environment variable of a missing key", async () => {
    const missing = new LoadAPIKeyError({
      message:
        "OpenAI API key is missing. Pass it using the 'apiKey' parameter or the OPENAI_API_KEY environment variable.",
    });
    const model = mockModel({ replies: [{ error: missing }] });
    const e = await definePrompt({ name: "k", user: "x", model })
      .run()
      .catch((x: unknown) => x);
    expect(MissingApiKeyError.isInstance(e)).toBe(true);
    expect((e as MissingApiKeyError).envVar).toBe("OPENAI_API_KEY");
  });
});
