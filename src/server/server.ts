import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Answerer } from "./answer.js";
import { Faults } from "./faults.js";
import { RateLimiter } from "./rate-limit.js";
import { type Context, handle } from "./router.js";
import type { MockServer, MockServerOptions, MockServerStats } from "./types.js";

function emptyStats(): MockServerStats {
  return {
    requests: 0,
    ok: 0,
    failed: 0,
    byStatus: {},
    byProvider: {},
    faults: 0,
    rateLimited: 0,
    streams: 0,
    aborted: 0,
    inputTokens: 0,
    outputTokens: 0,
    inFlight: 0,
    maxInFlight: 0,
  };
}

/**
 * Starts a local server on 127.0.0.1 that speaks the providers' real wire formats (OpenAI Chat
 * Completions and Responses, Anthropic Messages, Gemini generateContent, and the OpenAI dialects of
 * Azure, Mistral, Ollama and OpenAI-compatible servers), answering with FlowPrompt's mock model.
 *
 * ```ts
 * const server = await startMockServer({ latencyMs: 20 });
 * const openai = createOpenAI({ baseURL: server.baseURLs.openai, apiKey: "test" });
 * await generateText({ model: openai("gpt-4o-mini"), prompt: "Hi" });
 * await server.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  for (const key of ["latencyMs", "tokensPerSecond"] as const) {
    const v = options[key];
    if (v !== undefined && !(v >= 0))
      throw new RangeError(`startMockServer: ${key} must be a number >= 0, got ${v}.`);
  }
  const ctx: Context = {
    options,
    answerer: new Answerer(options),
    faults: new Faults(options),
    limiter: new RateLimiter(options.rateLimits),
    stats: emptyStats(),
    requests: [],
    next: 0,
    closing: new AbortController(),
  };
  const server = createServer((req, res) => {
    void handle(ctx, req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    baseURLs: {
      openai: `${url}/v1`,
      anthropic: `${url}/v1`,
      google: `${url}/v1beta`,
      mistral: `${url}/mistral/v1`,
      azure: `${url}/openai/v1`,
      ollama: `${url}/ollama/v1`,
      openaiCompatible: `${url}/compatible/v1`,
    },
    requests: ctx.requests,
    stats: () => ({
      ...ctx.stats,
      byStatus: { ...ctx.stats.byStatus },
      byProvider: { ...ctx.stats.byProvider },
    }),
    reset() {
      ctx.requests.length = 0;
      ctx.next = 0;
      ctx.answerer.reset();
      Object.assign(ctx.stats, emptyStats(), { inFlight: ctx.stats.inFlight });
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        ctx.closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
