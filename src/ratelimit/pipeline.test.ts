import { APICallError } from "@ai-sdk/provider";
import { afterEach, describe, expect, it } from "vitest";
import "../index.js";
import { configure, definePrompt, resetConfig } from "../core/index.js";
import { mockModel } from "../models/mock-model.js";
import { rateLimits } from "./index.js";

afterEach(() => resetConfig());

const tooManyRequests = new APICallError({
  message: "HTTP 429",
  url: "http://127.0.0.1:1/v1/chat/completions",
  requestBodyValues: {},
  statusCode: 429,
  responseHeaders: { "retry-after-ms": "20" },
  responseBody: '{"error":{"message":"rate limited"}}',
  isRetryable: true,
});

describe("rateLimits in the run pipeline", () => {
  it("limits every prompt's model calls and slows down after a 429", async () => {
    const limiter = rateLimits({ mock: { concurrency: 2, tpm: 600_000 } });
    configure({ rateLimiter: limiter });
    let running = 0;
    let peak = 0;
    const model = mockModel({
      failures: { calls: [0], error: () => tooManyRequests },
      responder: async () => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return { text: "ok", usage: { inputTokens: 3, outputTokens: 2 } };
      },
    });
    const prompt = definePrompt({ name: "limited", user: "hello", model });
    const retry = { initialDelayMs: 1, maxDelayMs: 5, random: () => 0.5 };
    await Promise.all(Array.from({ length: 6 }, () => prompt.run(undefined, { retry })));
    expect(peak).toBeLessThanOrEqual(2);
    expect(limiter.stats().mock).toMatchObject({ started: 7, inFlight: 0, queued: 0, rateLimitedCount: 1 });
    expect(limiter.stats().mock!.effectiveTpm).toBeLessThan(600_000);
  });
});
