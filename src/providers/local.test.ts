import { createServer } from "node:net";
import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { ProviderUnreachableError } from "../core/errors/provider-unreachable-error.js";
import { resolveModel } from "../core/model-registry.js";
import { providerModel, registerBuiltinProviders } from "./index.js";
import { configureProviders, resetProviders } from "./settings.js";
import { CALL, clearProviderEnv, generateText, rejection } from "./test-utils/call.js";
import { fakeFetch, sse } from "./test-utils/fake-fetch.js";
import { chatCompletion, chatCompletionChunks } from "./test-utils/replies.js";

registerBuiltinProviders();

beforeEach(() => clearProviderEnv());
afterEach(() => {
  vi.unstubAllEnvs();
  resetProviders();
});

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("ollama:<model>", () => {
  it("calls http://127.0.0.1:11434/v1/chat/completions with no key", async () => {
    const fetch = fakeFetch(chatCompletion("hi from llama", "llama3.2"));
    configureProviders({ ollama: { fetch } });
    const { model } = resolveModel("ollama:llama3.2");
    expect(model.provider).toBe("ollama.chat");
    expect(await generateText(model)).toBe("hi from llama");
    expect(fetch.last.url).toBe("http://127.0.0.1:11434/v1/chat/completions");
    expect(fetch.last.headers.authorization).toBeUndefined();
    expect(fetch.last.body.model).toBe("llama3.2");
  });

  it("reads OLLAMA_BASE_URL and sends the JSON schema as response_format", async () => {
    vi.stubEnv("OLLAMA_BASE_URL", "http://gpu-box:11434/v1");
    const fetch = fakeFetch(chatCompletion('{"ok":true}'));
    configureProviders({ ollama: { fetch } });
    const schema = { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] };
    await generateText(resolveModel("ollama:qwen3").model, {
      ...CALL,
      responseFormat: { type: "json", schema, name: "answer" },
    });
    expect(fetch.last.url).toBe("http://gpu-box:11434/v1/chat/completions");
    expect(fetch.last.body.response_format).toMatchObject({ type: "json_schema", json_schema: { schema } });
  });

  it("streams deltas and usage", async () => {
    const fetch = fakeFetch(sse(chatCompletionChunks(["Hel", "lo"])));
    configureProviders({ ollama: { fetch } });
    const { stream } = await resolveModel("ollama:llama3.2").model.doStream(CALL);
    const parts: LanguageModelV4StreamPart[] = [];
    for await (const part of stream) parts.push(part);
    const text = parts.map((p) => (p.type === "text-delta" ? p.delta : "")).join("");
    expect(text).toBe("Hello");
    const finish = parts.find((p) => p.type === "finish");
    expect(finish?.type === "finish" && finish.usage.outputTokens.total).toBe(2);
    expect(fetch.last.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("is a ProviderUnreachableError naming the URL when nothing listens there", async () => {
    const port = await closedPort();
    configureProviders({ ollama: { baseURL: `http://127.0.0.1:${port}/v1` } });
    const error = await rejection(resolveModel("ollama:llama3.2").model.doGenerate(CALL));
    expect(ProviderUnreachableError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      model: "ollama:llama3.2",
      url: `http://127.0.0.1:${port}/v1/chat/completions`,
    });
    expect(error.message).toMatch(`Could not reach http://127.0.0.1:${port}/v1/chat/completions`);
    expect(error.message).toContain("ECONNREFUSED");
  });
});

describe("openai-compatible:<model>", () => {
  it("is a clear error when no base URL is set", async () => {
    const fetch = fakeFetch(chatCompletion("x"));
    configureProviders({ "openai-compatible": { fetch } });
    const error = await rejection(resolveModel("openai-compatible:qwen").model.doGenerate(CALL));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      "Invalid openai-compatible settings: no base URL: OPENAI_COMPATIBLE_BASE_URL is not set and no baseURL was given.",
    );
    expect((error as InvalidArgumentError).hint).toMatch(/vLLM/);
    expect(fetch.requests).toHaveLength(0);
  });

  it("takes the base URL and key from the environment", async () => {
    vi.stubEnv("OPENAI_COMPATIBLE_BASE_URL", "http://127.0.0.1:8000/v1");
    vi.stubEnv("OPENAI_COMPATIBLE_API_KEY", "vllm-key");
    const fetch = fakeFetch(chatCompletion("from vllm"));
    configureProviders({ "openai-compatible": { fetch } });
    const { model } = resolveModel("openai-compatible:meta-llama/Llama-3.1-8B-Instruct");
    expect(model.provider).toBe("openai-compatible.chat");
    expect(await generateText(model)).toBe("from vllm");
    expect(fetch.last.url).toBe("http://127.0.0.1:8000/v1/chat/completions");
    expect(fetch.last.headers.authorization).toBe("Bearer vllm-key");
    expect(fetch.last.body.model).toBe("meta-llama/Llama-3.1-8B-Instruct");
  });

  it("takes settings over the environment: base URL, key, name, headers, query parameters", async () => {
    vi.stubEnv("OPENAI_COMPATIBLE_BASE_URL", "http://127.0.0.1:8000/v1");
    const fetch = fakeFetch(chatCompletion("from lm studio"));
    configureProviders({
      "openai-compatible": {
        baseURL: "http://127.0.0.1:1234/v1",
        apiKey: "lm",
        name: "lmstudio",
        headers: { "x-org": "o" },
        queryParams: { tenant: "t1" },
        fetch,
      },
    });
    const { model } = resolveModel("openai-compatible:qwen2.5-7b");
    expect(model.provider).toBe("lmstudio.chat");
    expect(await generateText(model)).toBe("from lm studio");
    expect(fetch.last.url).toBe("http://127.0.0.1:1234/v1/chat/completions?tenant=t1");
    expect(fetch.last.headers).toMatchObject({ authorization: "Bearer lm", "x-org": "o" });
  });

  it("sends no Authorization header without a key", async () => {
    const fetch = fakeFetch(chatCompletion("llama.cpp"));
    const model = providerModel("openai-compatible", "any", { baseURL: "http://127.0.0.1:8080/v1", fetch });
    expect(await generateText(model)).toBe("llama.cpp");
    expect(fetch.last.headers.authorization).toBeUndefined();
  });
});
