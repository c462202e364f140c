import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";
import { describe, expect, it } from "vitest";
import { Faults, parseFaultKind } from "./faults.js";
import { startMockServer } from "./index.js";
import { apiError } from "./test-utils/helpers.js";
import type { MockServerOptions, RecordedRequest } from "./types.js";

async function withServer(
  options: MockServerOptions,
  run: (url: string, statuses: () => number[]) => Promise<void>,
) {
  const s = await startMockServer(options);
  try {
    await run(s.url, () => s.requests.map((r) => r.status));
  } finally {
    await s.close();
  }
}

const chat = (url: string, model = "gpt-4o-mini", stream = false) =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: "Bearer k", "content-type": "application/json" },
    body: JSON.stringify({ model, stream, messages: [{ role: "user", content: "Hi" }] }),
  }).then(async (r) => {
    await r.text();
    return r.status;
  });

describe("scripted faults (the `faults` option)", () => {
  it("fail the next `times` requests, then let them through", async () => {
    await withServer({ faults: [{ status: 429, times: 2, retryAfter: 7 }] }, async (url) => {
      const openai = createOpenAI({ baseURL: `${url}/v1`, apiKey: "k" });
      const e = await apiError(
        generateText({ model: openai.chat("gpt-4o-mini"), prompt: "x", maxRetries: 0 }),
      );
      expect([
        e.statusCode,
        e.responseHeaders?.["retry-after"],
        e.responseHeaders?.["retry-after-ms"],
      ]).toEqual([429, "7", "7000"]);
      expect(await chat(url)).toBe(429);
      expect(await chat(url)).toBe(200);
    });
  });

  it("let the AI SDK's own retries get through, after retry-after-ms", async () => {
    await withServer({ faults: [{ status: 429, times: 1, retryAfter: 0.02 }] }, async (url, statuses) => {
      const openai = createOpenAI({ baseURL: `${url}/v1`, apiKey: "k" });
      const t = performance.now();
      const result = await generateText({ model: openai.chat("gpt-4o-mini"), prompt: "x", maxRetries: 1 });
      expect(performance.now() - t).toBeLessThan(500);
      expect(result.text).toBe("mock reply to: x");
      expect(statuses()).toEqual([429, 200]);
    });
  });

  it("apply to matching requests only, without `times` to every one", async () => {
    const faults: MockServerOptions["faults"] = [
      { status: 500, match: { model: /^gpt-4o$/ } },
      { status: 503, match: { stream: true } },
      { status: 529, match: (r: RecordedRequest) => r.provider === "anthropic" },
    ];
    await withServer({ faults }, async (url) => {
      expect(await chat(url, "gpt-4o")).toBe(500);
      expect(await chat(url, "gpt-4o")).toBe(500);
      expect(await chat(url, "gpt-4o-mini")).toBe(200);
      expect(await chat(url, "gpt-4o-mini", true)).toBe(503);
      const anthropic = createAnthropic({ baseURL: `${url}/v1`, apiKey: "k" });
      const e = await apiError(
        generateText({ model: anthropic("claude-sonnet-4-5"), prompt: "x", maxRetries: 0 }),
      );
      expect(e.statusCode).toBe(529);
    });
  });

  it("match on provider, api and path", async () => {
    const f = new Faults({
      faults: [{ status: 500, match: { provider: "google", api: "generate-content", path: /flash/ } }],
    });
    const req = (over: Partial<RecordedRequest>): RecordedRequest => ({
      index: 0,
      method: "POST",
      path: "/v1beta/models/gemini-2.5-flash:generateContent",
      query: {},
      headers: {},
      body: {},
      media: [],
      provider: "google",
      api: "generate-content",
      model: "gemini-2.5-flash",
      stream: false,
      status: 0,
      fault: undefined,
      ...over,
    });
    expect(f.pick(undefined, req({ provider: "openai" }))).toBeUndefined();
    expect(f.pick(undefined, req({ api: "models" }))).toBeUndefined();
    expect(f.pick(undefined, req({ path: "/v1beta/models/gemini-2.5-pro:generateContent" }))).toBeUndefined();
    expect(f.pick(undefined, req({}))).toEqual({ kind: 500, retryAfter: 1, source: "option" });
    expect(f.pick("reset", req({}))).toEqual({ kind: "reset", retryAfter: 1, source: "header" });
  });
});

describe("random faults (`errorRate` with a seed)", () => {
  async function run(seed: number): Promise<number[]> {
    let out: number[] = [];
    await withServer({ errorRate: 0.3, seed }, async (url, statuses) => {
      for (let i = 0; i < 40; i++) await chat(url);
      out = statuses();
    });
    return out;
  }

  it("fail about that share of requests, the same ones for the same seed", async () => {
    const a = await run(7);
    const failed = a.filter((s) => s !== 200);
    expect(failed.length).toBeGreaterThan(4);
    expect(failed.length).toBeLessThan(20);
    expect(new Set(failed).size).toBeGreaterThan(1);
    for (const s of failed) expect([429, 500, 503]).toContain(s);
    expect(await run(7)).toEqual(a);
    expect(await run(8)).not.toEqual(a);
  });

  it("draw from `errorKinds`", async () => {
    await withServer({ errorRate: 1, errorKinds: ["html"] }, async (url, statuses) => {
      for (let i = 0; i < 3; i++) await chat(url);
      expect(statuses()).toEqual([502, 502, 502]);
    });
  });
});

describe("parseFaultKind", () => {
  it("reads statuses and named faults, and explains a bad value", () => {
    expect(parseFaultKind("429")).toBe(429);
    expect(parseFaultKind(" Truncate ")).toBe("truncate");
    expect(parseFaultKind("html-200")).toBe("html-200");
    expect(() => parseFaultKind("200")).toThrow('unknown fault "200"');
    expect(() => parseFaultKind("slow")).toThrow("use an HTTP status (400-599");
  });
});
