import { afterEach, describe, expect, it, vi } from "vitest";
import { ProviderNotInstalledError } from "../core/errors/provider-not-installed-error.js";
import { resolveModel } from "../core/model-registry.js";
import { registerBuiltinProviders } from "./index.js";
import { setPackageImporter } from "./lazy-model.js";
import { configureProviders, resetProviders } from "./settings.js";
import { CALL, generateText, rejection } from "./test-utils/call.js";
import { fakeFetch } from "./test-utils/fake-fetch.js";
import { anthropicMessage, chatCompletion, openaiResponse } from "./test-utils/replies.js";

/** How many times each provider package was imported in this file (vi.mock factories run on first import). */
const { imports, counted } = vi.hoisted(() => {
  const imports = new Map<string, number>();
  const counted = (name: string) => async (original: () => Promise<unknown>) => {
    imports.set(name, (imports.get(name) ?? 0) + 1);
    return original();
  };
  return { imports, counted };
});
vi.mock("@ai-sdk/openai", counted("@ai-sdk/openai"));
vi.mock("@ai-sdk/anthropic", counted("@ai-sdk/anthropic"));
vi.mock("@ai-sdk/google", counted("@ai-sdk/google"));
vi.mock("@ai-sdk/mistral", counted("@ai-sdk/mistral"));
vi.mock("@ai-sdk/azure", counted("@ai-sdk/azure"));
vi.mock("@ai-sdk/openai-compatible", counted("@ai-sdk/openai-compatible"));

registerBuiltinProviders();

afterEach(() => {
  setPackageImporter(undefined);
  resetProviders();
});

const notFound = (name: string) =>
  Object.assign(new Error(`Cannot find package '${name}' imported from /app/node_modules/flowprompt`), {
    code: "ERR_MODULE_NOT_FOUND",
  });

describe("lazy loading", () => {
  it("imports no provider package to resolve a model, and each one on its first call only", async () => {
    const specs = [
      "openai:a",
      "anthropic:b",
      "google:c",
      "mistral:d",
      "azure:e",
      "ollama:f",
      "openai-compatible:g",
    ];
    for (const spec of specs) {
      const { model } = resolveModel(spec);
      expect([model.specificationVersion, model.provider, model.modelId]).toEqual([
        "v4",
        expect.any(String),
        spec.slice(spec.indexOf(":") + 1),
      ]);
    }
    expect(imports.size).toBe(0);

    const fetch = fakeFetch(openaiResponse("one"));
    configureProviders({ openai: { apiKey: "k", fetch } });
    expect(await generateText(resolveModel("openai:a").model)).toBe("one");
    expect([...imports]).toEqual([["@ai-sdk/openai", 1]]);
    await generateText(resolveModel("openai:a").model);
    await generateText(resolveModel("openai:other").model);
    expect([...imports]).toEqual([["@ai-sdk/openai", 1]]);
  });

  it("builds the real model once and reuses it until the settings change", async () => {
    const importer = vi.fn((name: string) =>
      name === "@ai-sdk/anthropic" ? import("@ai-sdk/anthropic") : Promise.reject(notFound(name)),
    );
    setPackageImporter(importer);
    const first = fakeFetch(anthropicMessage("first"));
    configureProviders({ anthropic: { apiKey: "k", fetch: first } });
    const { model } = resolveModel("anthropic:claude-haiku-4-5");
    await generateText(model);
    await generateText(model);
    expect(importer).toHaveBeenCalledTimes(1);
    expect(first.requests).toHaveLength(2);

    const second = fakeFetch(anthropicMessage("second"));
    configureProviders({ anthropic: { apiKey: "k2", fetch: second } });
    expect(await generateText(model)).toBe("second");
    expect(second.last.headers["x-api-key"]).toBe("k2");
    expect(importer).toHaveBeenCalledTimes(1);
  });

  it("gives supportedUrls from the real model as a promise", async () => {
    const urls = await resolveModel("anthropic:claude-sonnet-4-5").model.supportedUrls;
    expect(Object.keys(urls)).toContain("image/*");
  });
});

describe("a provider package that is not installed", () => {
  it("is a ProviderNotInstalledError with the install command", async () => {
    setPackageImporter(async (name) => {
      throw notFound(name);
    });
    configureProviders({ openai: { apiKey: "k" } });
    const error = await rejection(resolveModel("openai:gpt-4o").model.doGenerate(CALL));
    expect(ProviderNotInstalledError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      provider: "openai",
      packageName: "@ai-sdk/openai",
      hint: "Install it: npm install @ai-sdk/openai",
      code: "FP_PROVIDER_NOT_INSTALLED",
    });
    expect(error.message).toBe(
      'Provider "openai" needs the package @ai-sdk/openai, which is not installed: npm install @ai-sdk/openai',
    );
    expect(error.cause).toMatchObject({ code: "ERR_MODULE_NOT_FOUND" });
  });

  it("names the shared package for ollama and openai-compatible, also from supportedUrls", async () => {
    setPackageImporter(async (name) => {
      throw new Error(`Failed to load url ${name} (resolved id: ${name})`);
    });
    for (const spec of ["ollama:llama3.2", "openai-compatible:x"]) {
      const error = await rejection(Promise.resolve(resolveModel(spec).model.supportedUrls));
      expect(error).toMatchObject({ packageName: "@ai-sdk/openai-compatible", provider: spec.split(":")[0] });
    }
  });

  it("is tried again on the next call (the failure is not cached)", async () => {
    let installed = false;
    setPackageImporter((name) =>
      installed ? import("@ai-sdk/openai-compatible") : Promise.reject(notFound(name)),
    );
    const fetch = fakeFetch(chatCompletion("now installed"));
    configureProviders({ ollama: { fetch } });
    const { model } = resolveModel("ollama:llama3.2");
    await expect(model.doGenerate(CALL)).rejects.toThrow("needs the package @ai-sdk/openai-compatible");
    installed = true;
    expect(await generateText(model)).toBe("now installed");
  });

  it("passes other import failures through unchanged", async () => {
    const broken = new SyntaxError("Unexpected token in @ai-sdk/mistral");
    setPackageImporter(() => Promise.reject(broken));
    configureProviders({ mistral: { apiKey: "k" } });
    expect(await rejection(resolveModel("mistral:m").model.doGenerate(CALL))).toBe(broken);
  });
});
