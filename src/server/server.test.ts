import { createOpenAI } from "@ai-sdk/openai";
import { APICallError, generateText, streamText } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import { apiError, postJson } from "./test-utils/helpers.js";
import type { MockServer } from "./types.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const json = { "content-type": "application/json" };
const bearer = { ...json, authorization: "Bearer sk-test" };
const chat = { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] };

const post = (path: string, body: unknown, headers: Record<string, string> = bearer) =>
  postJson(`${server.url}${path}`, body, headers);

describe("startMockServer", () => {
  it("listens on 127.0.0.1 with a base URL per provider", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.baseURLs).toEqual({
      openai: `${server.url}/v1`,
      anthropic: `${server.url}/v1`,
      google: `${server.url}/v1beta`,
      mistral: `${server.url}/mistral/v1`,
      azure: `${server.url}/openai/v1`,
      ollama: `${server.url}/ollama/v1`,
      openaiCompatible: `${server.url}/compatible/v1`,
    });
  });

  it("rejects bad options with a clear message", async () => {
    await expect(startMockServer({ latencyMs: -1 })).rejects.toThrow(
      "latencyMs must be a number >= 0, got -1",
    );
    await expect(startMockServer({ errorRate: 2 })).rejects.toThrow(
      "errorRate must be between 0 and 1, got 2",
    );
    await expect(startMockServer({ rateLimits: { rpm: 0 } })).rejects.toThrow("rateLimits.rpm must be > 0");
    await expect(startMockServer({ rateLimits: { burstSeconds: 0 } })).rejects.toThrow(
      "burstSeconds must be > 0",
    );
  });

  it("lists models in each provider's shape", async () => {
    const get = async (path: string, headers: Record<string, string>) =>
      (await fetch(`${server.url}${path}`, { headers })).json();
    const openai = await get("/v1/models", bearer);
    expect(openai.object).toBe("list");
    expect(openai.data[0]).toMatchObject({ id: "gpt-4o-mini", object: "model" });
    const anthropic = await get("/v1/models", { "x-api-key": "k", "anthropic-version": "2023-06-01" });
    expect(anthropic).toMatchObject({ has_more: false, first_id: "claude-sonnet-4-5" });
    expect(anthropic.data[0]).toMatchObject({ type: "model", id: "claude-sonnet-4-5" });
    const google = await get("/v1beta/models", { "x-goog-api-key": "k" });
    expect(google.models[0]).toMatchObject({ name: "models/gemini-2.5-flash" });
    expect((await get("/mistral/v1/models", bearer)).data[0].id).toBe("mistral-small-latest");
    expect((await get("/ollama/v1/models", {})).data[0].id).toBe("llama3.2");
    expect((await get("/openai/v1/models", { "api-key": "k" })).data[0].id).toBe("gpt-4o-mini");
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(401);
  });

  it("answers an unknown URL with a 404", async () => {
    const r = await post("/v2/nothing", chat);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      error: { code: "unknown_url", message: expect.stringContaining("POST /v2/nothing") },
    });
    expect((await fetch(`${server.url}/v1/chat/completions`)).status).toBe(404);
  });
});

describe("recording and statistics", () => {
  it("records method, path, redacted headers and the parsed body", async () => {
    await post("/v1/chat/completions", chat, { ...bearer, "x-custom": "yes" });
    const r = server.requests[0]!;
    expect(r).toMatchObject({
      index: 0,
      method: "POST",
      path: "/v1/chat/completions",
      body: chat,
      api: "chat",
    });
    expect(r.headers).toMatchObject({ authorization: "[redacted]", "x-custom": "yes" });
  });

  it("counts requests, outcomes, providers, streams and tokens", async () => {
    await post("/v1/chat/completions", chat);
    await post("/v1/chat/completions", { ...chat, model: "unknown-1" });
    await post("/v1/chat/completions", chat, { ...bearer, "x-mock-fault": "503" });
    const s = server.stats();
    expect(s).toMatchObject({ requests: 3, ok: 1, failed: 2, faults: 1, inFlight: 0, streams: 0 });
    expect(s.byStatus).toEqual({ 200: 1, 404: 1, 503: 1 });
    expect(s.byProvider).toEqual({ openai: 3 });
    expect(s.inputTokens).toBe(1);
    expect(s.outputTokens).toBe(Math.ceil("mock reply to: Hi".length / 4));
    server.reset();
    expect(server.stats().requests).toBe(0);
    expect(server.requests).toEqual([]);
  });

  it("keeps nothing with record: false", async () => {
    const s = await startMockServer({ record: false });
    await fetch(`${s.url}/v1/chat/completions`, {
      method: "POST",
      headers: bearer,
      body: JSON.stringify(chat),
    });
    expect(s.requests).toEqual([]);
    expect(s.stats().ok).toBe(1);
    await s.close();
  });
});

describe("responder errors", () => {
  it("sends an error's status (APICallError.statusCode or .status) in the provider's shape", async () => {
    const s = await startMockServer({
      responder: (call) => {
        if (call.lastUserText === "limit")
          return {
            error: new APICallError({
              message: "slow down",
              url: "",
              requestBodyValues: {},
              statusCode: 429,
            }),
          };
        if (call.lastUserText === "teapot")
          return { error: Object.assign(new Error("short and stout"), { status: 418 }) };
        throw new Error("responder broke");
      },
    });
    try {
      const openai = createOpenAI({ baseURL: s.baseURLs.openai, apiKey: "k" });
      const run = (prompt: string) =>
        apiError(generateText({ model: openai.chat("gpt-4o-mini"), prompt, maxRetries: 0 }));
      const limit = await run("limit");
      expect([limit.statusCode, limit.message, limit.responseHeaders?.["retry-after"]]).toEqual([
        429,
        "slow down",
        "1",
      ]);
      const teapot = await run("teapot");
      expect([teapot.statusCode, teapot.message]).toEqual([418, "short and stout"]);
      const broke = await run("other");
      expect([broke.statusCode, broke.message]).toEqual([500, "responder broke"]);
    } finally {
      await s.close();
    }
  });
});

describe("latency, pacing and shutdown", () => {
  it("waits latencyMs before answering, and x-mock-latency overrides it", async () => {
    const s = await startMockServer({ latencyMs: 40 });
    try {
      const openai = createOpenAI({ baseURL: s.baseURLs.openai, apiKey: "k" });
      let t = performance.now();
      await generateText({ model: openai.chat("gpt-4o-mini"), prompt: "x" });
      expect(performance.now() - t).toBeGreaterThanOrEqual(35);
      t = performance.now();
      await generateText({
        model: openai.chat("gpt-4o-mini"),
        prompt: "x",
        headers: { "x-mock-latency": "0" },
      });
      expect(performance.now() - t).toBeLessThan(35);
    } finally {
      await s.close();
    }
  });

  it("paces stream chunks at tokensPerSecond", async () => {
    const s = await startMockServer({ tokensPerSecond: 400, responder: () => "x".repeat(80) });
    try {
      const openai = createOpenAI({ baseURL: s.baseURLs.openai, apiKey: "k" });
      const t = performance.now();
      const times: number[] = [];
      for await (const _ of streamText({ model: openai.chat("gpt-4o-mini"), prompt: "x" }).textStream)
        times.push(performance.now() - t);
      // 20 tokens at 400/s: the last chunk is due 19 × 2.5 ms = 47.5 ms after the first one is sent
      expect(times.length).toBeGreaterThan(10);
      expect(times.at(-1)!).toBeGreaterThanOrEqual(45);
    } finally {
      await s.close();
    }
  });

  it("counts a stream the client abandons, and close() ends streams still running", async () => {
    const s = await startMockServer({ tokensPerSecond: 100, responder: () => "y".repeat(400) });
    const openai = createOpenAI({ baseURL: s.baseURLs.openai, apiKey: "k" });
    const abort = new AbortController();
    const first = streamText({ model: openai.chat("gpt-4o-mini"), prompt: "x", abortSignal: abort.signal });
    for await (const _ of first.textStream) {
      abort.abort();
      break;
    }
    await expect.poll(() => s.stats().aborted).toBe(1);
    const second = streamText({ model: openai.chat("gpt-4o-mini"), prompt: "x", onError: () => {} });
    const reader = second.textStream[Symbol.asyncIterator]();
    await reader.next();
    const t = performance.now();
    await s.close();
    expect(performance.now() - t).toBeLessThan(200);
    await s.close();
  });
});
