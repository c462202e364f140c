import type { LanguageModelV4 } from "@ai-sdk/provider";
import { afterEach, describe, expect, it } from "vitest";
import "../index.js";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { MissingApiKeyError } from "../core/errors/missing-api-key-error.js";
import { ProviderUnreachableError } from "../core/errors/provider-unreachable-error.js";
import { UnknownProviderError } from "../core/errors/unknown-provider-error.js";
import { knownProviders, resolveModel } from "../core/model-registry.js";
import { providerModel } from "./index.js";
import { setPackageImporter } from "./lazy-model.js";
import { configureProviders, providerSettings, resetProviders } from "./settings.js";
import { CALL, generateText, rejection } from "./test-utils/call.js";
import { fakeFetch } from "./test-utils/fake-fetch.js";
import { chatCompletion, openaiResponse } from "./test-utils/replies.js";

afterEach(() => {
  setPackageImporter(undefined);
  resetProviders();
});

describe("model strings", () => {
  it('still list every known provider for a typo such as "opnai:x"', () => {
    const error = (() => {
      try {
        resolveModel("opnai:x");
      } catch (e) {
        return e;
      }
    })();
    expect(UnknownProviderError.isInstance(error)).toBe(true);
    const builtins = [
      "anthropic",
      "azure",
      "google",
      "mistral",
      "mock",
      "ollama",
      "openai",
      "openai-compatible",
    ];
    expect(knownProviders()).toEqual(expect.arrayContaining(builtins));
    expect((error as Error).message).toBe(
      `Unknown provider "opnai" in model "opnai:x". Did you mean "openai"? Known providers: ${knownProviders().join(", ")}.`,
    );
  });
});

describe("errors from the call", () => {
  it("maps a connection failure to ProviderUnreachableError with the request URL", async () => {
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const fetch = async () => {
      throw new TypeError("fetch failed", { cause: reset });
    };
    configureProviders({ openai: { apiKey: "k", baseURL: "http://10.0.0.9:9/v1", fetch } });
    const error = await rejection(resolveModel("openai:gpt-4o").model.doGenerate(CALL));
    expect(ProviderUnreachableError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'Could not reach http://10.0.0.9:9/v1/responses for model "openai:gpt-4o" (ECONNRESET).',
    );
    expect(error.cause).toMatchObject({ name: "AI_APICallError", isRetryable: true });
  });

  it("passes HTTP errors through with their status code (the core wraps them)", async () => {
    const fetch = fakeFetch(() =>
      Response.json(
        { error: { message: "Incorrect API key provided", type: "invalid_request_error" } },
        { status: 401 },
      ),
    );
    configureProviders({ openai: { apiKey: "bad", fetch } });
    const error = await rejection(resolveModel("openai:gpt-4o").model.doGenerate(CALL));
    expect(error).toMatchObject({ name: "AI_APICallError", statusCode: 401, isRetryable: false });
  });

  it("maps the AI SDK's LoadAPIKeyError to MissingApiKeyError naming the variable", async () => {
    const loadKeyError = Object.assign(new Error("OpenAI API key is missing."), {
      name: "AI_LoadAPIKeyError",
    });
    const fake: LanguageModelV4 = {
      specificationVersion: "v4",
      provider: "openai.responses",
      modelId: "m",
      supportedUrls: {},
      doGenerate: () => Promise.reject(loadKeyError),
      doStream: () => Promise.reject(loadKeyError),
    };
    setPackageImporter(async () => ({ createOpenAI: () => ({ responses: () => fake }) }));
    const model = providerModel("openai", "m", { apiKey: "present-but-ignored-by-the-fake" });
    for (const call of [model.doGenerate(CALL), model.doStream(CALL)]) {
      const error = await rejection(call);
      expect(MissingApiKeyError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ envVar: "OPENAI_API_KEY", cause: loadKeyError });
    }
  });
});

describe("configureProviders", () => {
  it("merges one provider at a time and rejects unknown providers", () => {
    configureProviders({ openai: { apiKey: "a" } });
    configureProviders({ anthropic: { apiKey: "b" } });
    expect(providerSettings()).toEqual({ openai: { apiKey: "a" }, anthropic: { apiKey: "b" } });
    configureProviders({ openai: { baseURL: "http://x" } });
    expect(providerSettings().openai).toEqual({ baseURL: "http://x" });

    expect(() => configureProviders({ opnai: {} } as never)).toThrow(
      /Invalid provider settings: unknown provider "opnai". Known providers: openai, anthropic, google/,
    );
    expect(() => configureProviders({ openai: "sk-..." } as never)).toThrow(
      'Invalid provider settings "openai": expected an object, got string.',
    );
    expect(() => configureProviders(null as never)).toThrow(InvalidArgumentError);
    resetProviders();
    expect(providerSettings()).toEqual({});
  });

  it("switches openai: to Chat Completions with api: chat", async () => {
    const fetch = fakeFetch(chatCompletion("via chat"));
    configureProviders({
      openai: { apiKey: "k", api: "chat", organization: "org-1", project: "p-1", fetch },
    });
    const { model } = resolveModel("openai:gpt-4o-mini");
    expect(model.provider).toBe("openai.chat");
    expect(await generateText(model)).toBe("via chat");
    expect(fetch.last.url).toBe("https://api.openai.com/v1/chat/completions");
    expect(fetch.last.headers).toMatchObject({ "openai-organization": "org-1", "openai-project": "p-1" });
  });
});

describe("providerModel", () => {
  it("merges its own settings over the configured ones", async () => {
    const fetch = fakeFetch(openaiResponse("own settings"));
    configureProviders({ openai: { apiKey: "from-config", fetch } });
    const model = providerModel("openai", "gpt-4o", { baseURL: "http://127.0.0.1:4999/v1" });
    expect(await generateText(model)).toBe("own settings");
    expect(fetch.last.url).toBe("http://127.0.0.1:4999/v1/responses");
    expect(fetch.last.headers.authorization).toBe("Bearer from-config");
  });

  it("rejects an unknown provider and an empty model id", () => {
    expect(() => providerModel("opnai" as "openai", "x")).toThrow(/"opnai" is not a built-in provider/);
    expect(() => providerModel("openai", "")).toThrow(/needs a model id/);
  });
});
