import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";
import { describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import { goDuration, RateLimiter } from "./rate-limit.js";
import { apiError } from "./test-utils/helpers.js";

describe("RateLimiter", () => {
  it("holds one second's worth of requests and refills continuously", () => {
    const limiter = new RateLimiter({ rpm: 120 }, 0);
    expect(limiter.admit(0, 0)).toEqual({ ok: true });
    expect(limiter.admit(0, 0)).toEqual({ ok: true });
    expect(limiter.admit(0, 0)).toEqual({ ok: false, limit: "requests", retryAfterMs: 500, perMinute: 120 });
    expect(limiter.admit(0, 500)).toEqual({ ok: true });
  });

  it("lets a request larger than the bucket in when it is full, then makes the next one wait", () => {
    const limiter = new RateLimiter({ tpm: 6000 }, 0);
    expect(limiter.admit(300, 0).ok).toBe(true);
    const next = limiter.admit(10, 0);
    expect(next).toMatchObject({ ok: false, limit: "tokens" });
    // level is 100 - 300 = -200; 10 tokens need (10 + 200) / 100 per second = 2.1 s
    expect(next.ok === false && next.retryAfterMs).toBeCloseTo(2100);
    limiter.charge(100, 0);
    expect(limiter.admit(10, 2100)).toMatchObject({ ok: false, retryAfterMs: 1000 });
  });

  it("holds `burstSeconds` worth", () => {
    const limiter = new RateLimiter({ rpm: 60, burstSeconds: 3 }, 0);
    for (let i = 0; i < 3; i++) expect(limiter.admit(0, 0).ok).toBe(true);
    expect(limiter.admit(0, 0).ok).toBe(false);
  });

  it("writes OpenAI- and Anthropic-style headers", () => {
    const limiter = new RateLimiter({ rpm: 600, tpm: 60_000 }, 0);
    limiter.admit(500, 0);
    expect(limiter.headers("openai", 0)).toEqual({
      "x-ratelimit-limit-requests": "600",
      "x-ratelimit-remaining-requests": "9",
      "x-ratelimit-reset-requests": "100ms",
      "x-ratelimit-limit-tokens": "60000",
      "x-ratelimit-remaining-tokens": "500",
      "x-ratelimit-reset-tokens": "500ms",
    });
    expect(limiter.headers("anthropic", 0)).toMatchObject({
      "anthropic-ratelimit-requests-limit": "600",
      "anthropic-ratelimit-requests-remaining": "9",
      "anthropic-ratelimit-requests-reset": "1970-01-01T00:00:00Z",
    });
    expect(limiter.headers("google", 0)).toEqual({});
    expect(new RateLimiter(undefined).active).toBe(false);
  });

  it("formats durations the way OpenAI does", () => {
    expect([goDuration(120.2), goDuration(1500), goDuration(360_000), goDuration(119_940)]).toEqual([
      "121ms",
      "1.5s",
      "6m0s",
      "1m59s",
    ]);
  });
});

describe("server-side rate limits", () => {
  it("answer requests over the RPM limit with 429, retry-after and the rate-limit headers", async () => {
    const s = await startMockServer({ rateLimits: { rpm: 2 } });
    try {
      const openai = createOpenAI({ baseURL: s.baseURLs.openai, apiKey: "k" });
      await generateText({ model: openai.chat("gpt-4o-mini"), prompt: "x" });
      const e = await apiError(
        generateText({ model: openai.chat("gpt-4o-mini"), prompt: "x", maxRetries: 0 }),
      );
      expect([e.statusCode, e.isRetryable]).toEqual([429, true]);
      expect(e.message).toMatch(/^Rate limit reached for gpt-4o-mini on requests per min \(RPM\): Limit 2\./);
      expect(Number(e.responseHeaders?.["retry-after"])).toBeGreaterThan(28);
      expect(Number(e.responseHeaders?.["retry-after-ms"])).toBeGreaterThan(28_000);
      expect(e.responseHeaders?.["x-ratelimit-remaining-requests"]).toBe("0");
      expect(e.data).toMatchObject({ error: { type: "requests", code: "rate_limit_exceeded" } });
      expect(s.stats().rateLimited).toBe(1);
    } finally {
      await s.close();
    }
  });

  it("count input and output tokens against the TPM limit", async () => {
    const s = await startMockServer({ rateLimits: { tpm: 600 }, responder: () => "z".repeat(200) });
    try {
      const anthropic = createAnthropic({ baseURL: s.baseURLs.anthropic, apiKey: "k" });
      const first = await generateText({ model: anthropic("claude-sonnet-4-5"), prompt: "x" });
      expect(first.response.headers?.["anthropic-ratelimit-tokens-limit"]).toBe("600");
      const e = await apiError(
        generateText({ model: anthropic("claude-sonnet-4-5"), prompt: "x", maxRetries: 0 }),
      );
      expect(e.statusCode).toBe(429);
      expect(e.data).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
      expect(e.message).toContain("tokens per min (TPM)");
      // 1 + 50 tokens used of a 10-token bucket refilled at 10/s: (1 + 41) / 10 = 4.2 s
      expect(e.responseHeaders?.["retry-after"]).toBe("5");
      expect(e.responseHeaders?.["retry-after-ms"]).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it("tell Gemini clients when to retry in the error details", async () => {
    const s = await startMockServer({ rateLimits: { rpm: 1 } });
    try {
      const google = createGoogleGenerativeAI({ baseURL: s.baseURLs.google, apiKey: "k" });
      await generateText({ model: google("gemini-2.5-flash"), prompt: "x" });
      const e = await apiError(
        generateText({ model: google("gemini-2.5-flash"), prompt: "x", maxRetries: 0 }),
      );
      expect(e.statusCode).toBe(429);
      expect(e.data).toMatchObject({
        error: { status: "RESOURCE_EXHAUSTED", details: [{ retryDelay: expect.stringMatching(/^\d+s$/) }] },
      });
    } finally {
      await s.close();
    }
  });
});
