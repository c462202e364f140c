/**
 * The whole pipeline over real HTTP: FlowPrompt model strings → the providers' own AI SDK packages →
 * the local provider server speaking each provider's wire format. Retries, faults and errors included.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  configure,
  configureProviders,
  definePrompt,
  MissingApiKeyError,
  ModelCallError,
  ProviderUnreachableError,
  resetConfig,
  resetProviders,
  TimeoutError,
} from "../../src/index.js";
import { type MockServer, startMockServer } from "../../src/server/index.js";

const cases = [
  {
    provider: "openai",
    model: "gpt-4o-mini",
    settings: () => ({ openai: { baseURL: server.baseURLs.openai, apiKey: "k" } }),
  },
  {
    provider: "openai",
    model: "gpt-4o-mini",
    label: "openai (chat completions)",
    settings: () => ({ openai: { baseURL: server.baseURLs.openai, apiKey: "k", api: "chat" as const } }),
  },
  {
    provider: "anthropic",
    model: "claude-sonnet-4-5",
    settings: () => ({ anthropic: { baseURL: server.baseURLs.anthropic, apiKey: "k" } }),
  },
  {
    provider: "google",
    model: "gemini-2.5-flash",
    settings: () => ({ google: { baseURL: server.baseURLs.google, apiKey: "k" } }),
  },
  {
    provider: "mistral",
    model: "mistral-small-latest",
    settings: () => ({ mistral: { baseURL: server.baseURLs.mistral, apiKey: "k" } }),
  },
  {
    provider: "azure",
    model: "gpt-4o-mini",
    settings: () => ({ azure: { baseURL: server.baseURLs.azure, apiKey: "k" } }),
  },
  {
    provider: "ollama",
    model: "llama3.2",
    settings: () => ({ ollama: { baseURL: server.baseURLs.ollama } }),
  },
  {
    provider: "openai-compatible",
    model: "qwen2.5",
    settings: () => ({ "openai-compatible": { baseURL: server.baseURLs.openaiCompatible, apiKey: "k" } }),
  },
];

let server: MockServer;
beforeAll(async () => {
  // One 429 (retry-after 10 ms) for the first call of each case's "retry-<n>" model.
  server = await startMockServer({
    faults: cases.map((_, n) => ({
      status: 429,
      times: 1,
      match: { model: `retry-${n}` },
      retryAfter: 0.01,
    })),
  });
});
afterAll(() => server.close());
afterEach(() => {
  resetConfig();
  resetProviders();
});

const Answer = z.object({ city: z.string(), population: z.number().int().min(0) });

describe.each(cases.map((c, n) => ({ ...c, n })))("$provider $label", (c) => {
  const use = (model = c.model) => {
    configureProviders(c.settings() as never);
    return `${c.provider}:${model}`;
  };

  it("answers text and structured output, with usage", async () => {
    const model = use();
    const text = await definePrompt({ name: "hi", user: "Say hi to {{name}}", model }).execute({
      name: "Ada",
    });
    expect(text.text.length).toBeGreaterThan(0);
    expect(text.usage.inputTokens).toBeGreaterThan(0);
    expect(text.model).toBe(model);
    const structured = await definePrompt({
      name: "city",
      user: "Biggest city?",
      output: Answer,
      model,
    }).run();
    expect(Answer.safeParse(structured).success).toBe(true);
  });

  it("streams deltas and validates the object at the end", async () => {
    const stream = definePrompt({
      name: "city",
      user: "Biggest city?",
      output: Answer,
      model: use(),
    }).stream();
    const deltas: string[] = [];
    for await (const d of stream.textStream) deltas.push(d);
    expect(deltas.length).toBeGreaterThan(1);
    expect(Answer.safeParse(await stream.output).success).toBe(true);
  });

  it("retries a 429 with retry-after, and records the attempts", async () => {
    const r = await definePrompt({ name: "r", user: "x", model: use(`retry-${c.n}`) }).execute(undefined, {
      retry: { initialDelayMs: 1, random: () => 0 },
    });
    expect(r.calls.map((call) => [call.reason, call.ok, call.error?.statusCode])).toEqual([
      ["initial", false, 429],
      ["retry", true, undefined],
    ]);
    expect(r.calls[0]!.retryDelayMs).toBeGreaterThanOrEqual(10);
  });

  it("reports an unknown model as a 404 without retrying", async () => {
    const e = await definePrompt({ name: "u", user: "x", model: use("unknown-model") })
      .run()
      .catch((x: unknown) => x);
    expect(ModelCallError.isInstance(e)).toBe(true);
    expect((e as ModelCallError).statusCode).toBe(404);
  });
});

describe("errors over HTTP", () => {
  const openai = (extra: Record<string, unknown> = {}) => {
    configureProviders({ openai: { baseURL: server.baseURLs.openai, apiKey: "k", api: "chat", ...extra } });
    return "openai:gpt-4o-mini";
  };

  it("names the environment variable when the key is missing", async () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const e = await definePrompt({ name: "k", user: "x", model: "anthropic:claude-sonnet-4-5" })
        .run()
        .catch((x: unknown) => x);
      expect(MissingApiKeyError.isInstance(e)).toBe(true);
      expect((e as Error).message).toContain("ANTHROPIC_API_KEY");
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });

  it("names the URL when nothing listens there", async () => {
    configureProviders({ openai: { baseURL: "http://127.0.0.1:9/v1", apiKey: "k", api: "chat" } });
    const e = await definePrompt({ name: "u", user: "x", model: "openai:gpt-4o-mini" })
      .run(undefined, { retry: false })
      .catch((x: unknown) => x);
    expect(ProviderUnreachableError.isInstance(e)).toBe(true);
    expect((e as Error).message).toContain("http://127.0.0.1:9/v1");
  });

  it("says an HTML page came back instead of JSON", async () => {
    const model = openai({ headers: { "x-mock-fault": "html" } });
    const e = await definePrompt({ name: "h", user: "x", model })
      .run(undefined, { retry: false })
      .catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/HTML page instead of JSON/);
  });

  it("fails a truncated stream instead of hanging, and retries nothing after text arrived", async () => {
    const model = openai({ headers: { "x-mock-fault": "truncate" } });
    const stream = definePrompt({ name: "t", user: "x", model }).stream(undefined, {
      retry: { initialDelayMs: 1 },
    });
    await expect(stream.result).rejects.toThrow();
  });

  it("refuses invalid parameters (400) without retrying", async () => {
    const model = openai({ headers: { "x-mock-fault": "400" } });
    const before = server.stats().requests;
    const e = await definePrompt({ name: "p", user: "x", model })
      .run()
      .catch((x: unknown) => x);
    expect((e as ModelCallError).statusCode).toBe(400);
    expect(server.stats().requests - before).toBe(1);
  });

  it("frees the connection when the reader stops mid-stream", async () => {
    const model = "openai:gpt-4o-mini";
    const slow = await startMockServer({ replies: ["word ".repeat(400)], tokensPerSecond: 200 });
    try {
      configureProviders({ openai: { baseURL: slow.baseURLs.openai, apiKey: "k", api: "chat" } });
      const stream = definePrompt({ name: "a", user: "x", model }).stream();
      let seen = 0;
      for await (const _ of stream.textStream) if (++seen === 2) break;
      await expect(stream.result).rejects.toThrow(/aborted/);
      await new Promise((r) => setTimeout(r, 50));
      expect(slow.stats()).toMatchObject({ aborted: 1, inFlight: 0 });
    } finally {
      await slow.close();
    }
  });

  it("times out a slow provider", async () => {
    const model = openai({ headers: { "x-mock-latency": "2000" } });
    await expect(
      definePrompt({ name: "s", user: "x", model }).run(undefined, { timeoutMs: 100 }),
    ).rejects.toThrow(TimeoutError);
  });

  it("falls back from a failing provider to another", async () => {
    configureProviders({
      openai: {
        baseURL: server.baseURLs.openai,
        apiKey: "k",
        api: "chat",
        headers: { "x-mock-fault": "503" },
      },
      anthropic: { baseURL: server.baseURLs.anthropic, apiKey: "k" },
    });
    configure({ models: { smart: ["openai:gpt-4o", "anthropic:claude-sonnet-4-5"] } });
    const r = await definePrompt({ name: "f", user: "x", model: "smart" }).execute(undefined, {
      retry: { maxAttempts: 2, initialDelayMs: 1 },
    });
    expect(r.model).toBe("anthropic:claude-sonnet-4-5");
    expect(r.calls.map((call) => `${call.model}/${call.reason}/${call.ok}`)).toEqual([
      "openai:gpt-4o/initial/false",
      "openai:gpt-4o/retry/false",
      "anthropic:claude-sonnet-4-5/fallback/true",
    ]);
  });
});
