import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { MissingApiKeyError } from "../core/errors/missing-api-key-error.js";
import { resolveModel } from "../core/model-registry.js";
import { registerBuiltinProviders } from "./index.js";
import { configureProviders, resetProviders } from "./settings.js";
import { CALL, clearProviderEnv, generateText, rejection } from "./test-utils/call.js";
import { fakeFetch } from "./test-utils/fake-fetch.js";
import { chatCompletion, openaiResponse } from "./test-utils/replies.js";

registerBuiltinProviders();

beforeEach(() => clearProviderEnv());
afterEach(() => {
  vi.unstubAllEnvs();
  resetProviders();
});

describe("azure:<deployment>", () => {
  it("calls https://<resource>.openai.azure.com/openai/v1/responses with the api-key header", async () => {
    const fetch = fakeFetch(openaiResponse("hello from azure"));
    configureProviders({ azure: { apiKey: "az-key", resourceName: "my-res", fetch } });
    const { model } = resolveModel("azure:my-gpt4o");
    expect(model.provider).toBe("azure.responses");
    expect(await generateText(model)).toBe("hello from azure");
    expect(fetch.last.url).toBe("https://my-res.openai.azure.com/openai/v1/responses?api-version=v1");
    expect(fetch.last.headers["api-key"]).toBe("az-key");
    expect(fetch.last.headers.authorization).toBeUndefined();
    expect(fetch.last.body.model).toBe("my-gpt4o");
  });

  it("reads AZURE_API_KEY and AZURE_RESOURCE_NAME, and takes an api version", async () => {
    vi.stubEnv("AZURE_API_KEY", "az-env");
    vi.stubEnv("AZURE_RESOURCE_NAME", "env-res");
    const fetch = fakeFetch(openaiResponse("ok"));
    configureProviders({ azure: { apiVersion: "2025-04-01-preview", fetch } });
    await generateText(resolveModel("azure:dep").model);
    expect(fetch.last.url).toBe(
      "https://env-res.openai.azure.com/openai/v1/responses?api-version=2025-04-01-preview",
    );
    expect(fetch.last.headers["api-key"]).toBe("az-env");
  });

  it("uses a base URL instead of a resource name (settings, then AZURE_BASE_URL)", async () => {
    vi.stubEnv("AZURE_API_KEY", "k");
    vi.stubEnv("AZURE_RESOURCE_NAME", "ignored");
    const fetch = fakeFetch(openaiResponse("ok"));
    configureProviders({ azure: { baseURL: "http://127.0.0.1:4020/openai", fetch } });
    await generateText(resolveModel("azure:dep").model);
    expect(fetch.last.url).toBe("http://127.0.0.1:4020/openai/responses");

    vi.stubEnv("AZURE_BASE_URL", "https://proxy.example/openai/v1");
    configureProviders({ azure: { fetch } });
    await generateText(resolveModel("azure:dep").model);
    expect(fetch.last.url).toBe("https://proxy.example/openai/v1/responses");

    // A resource name in the settings beats AZURE_BASE_URL from the environment.
    configureProviders({ azure: { resourceName: "set-res", fetch } });
    await generateText(resolveModel("azure:dep").model);
    expect(fetch.last.url).toBe("https://set-res.openai.azure.com/openai/v1/responses?api-version=v1");
  });

  it("calls Chat Completions with api: chat, and legacy deployment URLs when asked", async () => {
    const fetch = fakeFetch(chatCompletion("chat reply"));
    configureProviders({
      azure: { apiKey: "k", resourceName: "res", api: "chat", useDeploymentBasedUrls: true, fetch },
    });
    const { model } = resolveModel("azure:gpt-35");
    expect(model.provider).toBe("azure.chat");
    expect(await generateText(model)).toBe("chat reply");
    expect(fetch.last.url).toBe(
      "https://res.openai.azure.com/openai/deployments/gpt-35/chat/completions?api-version=v1",
    );
  });

  it("names AZURE_API_KEY when the key is missing", async () => {
    configureProviders({ azure: { resourceName: "res", fetch: fakeFetch(openaiResponse("x")) } });
    const error = await rejection(resolveModel("azure:dep").model.doGenerate(CALL));
    expect(MissingApiKeyError.isInstance(error)).toBe(true);
    expect(error.message).toContain("AZURE_API_KEY");
  });

  it("says how to name the resource when neither a resource name nor a base URL is set", async () => {
    vi.stubEnv("AZURE_API_KEY", "k");
    const fetch = fakeFetch(openaiResponse("x"));
    configureProviders({ azure: { fetch } });
    const error = await rejection(resolveModel("azure:dep").model.doGenerate(CALL));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/AZURE_RESOURCE_NAME is not set/);
    expect((error as InvalidArgumentError).hint).toMatch(/resourceName/);
    expect(fetch.requests).toHaveLength(0);
  });

  it("rejects an unknown api setting", async () => {
    configureProviders({ azure: { apiKey: "k", resourceName: "r", api: "completion" as "chat" } });
    await expect(resolveModel("azure:dep").model.doGenerate(CALL)).rejects.toThrow(
      /azure api setting: expected "responses" or "chat", got "completion"/,
    );
  });
});
