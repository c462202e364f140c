import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { defineProvider, requireKey } from "./lazy-model.js";
import { env } from "./settings.js";

// The built-in providers, in one module because each extra module costs `import "flowprompt"` ~0.5 ms.

/**
 * `openai:<model-id>` through `@ai-sdk/openai`: the Responses API by default (as `openai(id)`),
 * Chat Completions with `configureProviders({ openai: { api: "chat" } })`.
 * Environment: OPENAI_API_KEY, OPENAI_BASE_URL (both read by the package itself).
 */
export const openaiProvider = defineProvider({
  name: "openai",
  packageName: "@ai-sdk/openai",
  importer: () => import("@ai-sdk/openai"),
  envVars: ["OPENAI_API_KEY", "OPENAI_BASE_URL"],
  keyEnvVar: "OPENAI_API_KEY",
  reports: (s) => `openai.${s.api ?? "responses"}`,
  check: (s) => {
    checkApi("openai", s.api);
    requireKey("openai", s.apiKey, "OPENAI_API_KEY");
  },
  create: ({ createOpenAI }, s) => {
    const provider = createOpenAI({
      apiKey: s.apiKey,
      baseURL: s.baseURL,
      organization: s.organization,
      project: s.project,
      headers: s.headers,
      fetch: s.fetch,
    });
    return (modelId) => (s.api === "chat" ? provider.chat(modelId) : provider.responses(modelId));
  },
});

/** `api` must be "responses" or "chat" (checked at run time for JavaScript callers). */
function checkApi(provider: string, api: unknown): void {
  if (api !== undefined && api !== "responses" && api !== "chat") {
    throw new InvalidArgumentError(
      `${provider} api setting`,
      `expected "responses" or "chat", got ${JSON.stringify(api)}.`,
    );
  }
}

/**
 * `anthropic:<model-id>` through `@ai-sdk/anthropic` (the Messages API).
 * Environment: ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL (both read by the package itself).
 */
export const anthropicProvider = defineProvider({
  name: "anthropic",
  packageName: "@ai-sdk/anthropic",
  importer: () => import("@ai-sdk/anthropic"),
  envVars: ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"],
  keyEnvVar: "ANTHROPIC_API_KEY",
  reports: () => "anthropic.messages",
  check: (s) => requireKey("anthropic", s.apiKey, "ANTHROPIC_API_KEY"),
  create: ({ createAnthropic }, s) => {
    const provider = createAnthropic({
      apiKey: s.apiKey,
      baseURL: s.baseURL,
      headers: s.headers,
      fetch: s.fetch,
    });
    return (modelId) => provider.languageModel(modelId);
  },
});

/**
 * `google:<model-id>` (Gemini) through `@ai-sdk/google` (the Gemini API, `generateContent`).
 * Environment: GOOGLE_GENERATIVE_AI_API_KEY (read by the package), GOOGLE_GENERATIVE_AI_BASE_URL
 * (read by FlowPrompt; the package has no base-URL variable).
 */
export const googleProvider = defineProvider({
  name: "google",
  packageName: "@ai-sdk/google",
  importer: () => import("@ai-sdk/google"),
  envVars: ["GOOGLE_GENERATIVE_AI_API_KEY", "GOOGLE_GENERATIVE_AI_BASE_URL"],
  keyEnvVar: "GOOGLE_GENERATIVE_AI_API_KEY",
  reports: () => "google.generative-ai",
  check: (s) => requireKey("google", s.apiKey, "GOOGLE_GENERATIVE_AI_API_KEY"),
  create: ({ createGoogle }, s) => {
    const provider = createGoogle({
      apiKey: s.apiKey,
      baseURL: s.baseURL ?? env("GOOGLE_GENERATIVE_AI_BASE_URL"),
      headers: s.headers,
      fetch: s.fetch,
    });
    return (modelId) => provider.languageModel(modelId);
  },
});

/**
 * `mistral:<model-id>` through `@ai-sdk/mistral` (chat completions).
 * Environment: MISTRAL_API_KEY (read by the package), MISTRAL_BASE_URL (read by FlowPrompt).
 */
export const mistralProvider = defineProvider({
  name: "mistral",
  packageName: "@ai-sdk/mistral",
  importer: () => import("@ai-sdk/mistral"),
  envVars: ["MISTRAL_API_KEY", "MISTRAL_BASE_URL"],
  keyEnvVar: "MISTRAL_API_KEY",
  reports: () => "mistral.chat",
  check: (s) => requireKey("mistral", s.apiKey, "MISTRAL_API_KEY"),
  create: ({ createMistral }, s) => {
    const provider = createMistral({
      apiKey: s.apiKey,
      baseURL: s.baseURL ?? env("MISTRAL_BASE_URL"),
      headers: s.headers,
      fetch: s.fetch,
    });
    return (modelId) => provider.languageModel(modelId);
  },
});

/**
 * `azure:<deployment>` (Azure OpenAI) through `@ai-sdk/azure`: the Responses API by default (as
 * `azure(deployment)`), Chat Completions with `api: "chat"`.
 * Environment: AZURE_API_KEY and AZURE_RESOURCE_NAME (read by the package), AZURE_BASE_URL (read by
 * FlowPrompt). Settings beat the environment; within each, a base URL beats a resource name.
 */
export const azureProvider = defineProvider({
  name: "azure",
  packageName: "@ai-sdk/azure",
  importer: () => import("@ai-sdk/azure"),
  envVars: ["AZURE_API_KEY", "AZURE_RESOURCE_NAME", "AZURE_BASE_URL"],
  keyEnvVar: "AZURE_API_KEY",
  reports: (s) => `azure.${s.api ?? "responses"}`,
  check: (s) => {
    checkApi("azure", s.api);
    requireKey("azure", s.apiKey, "AZURE_API_KEY");
    if (!s.baseURL && !s.resourceName && !env("AZURE_BASE_URL") && !env("AZURE_RESOURCE_NAME")) {
      throw new InvalidArgumentError(
        "azure settings",
        "no Azure OpenAI resource: AZURE_RESOURCE_NAME is not set and no resource name or base URL was given.",
        'Set AZURE_RESOURCE_NAME (requests go to https://<name>.openai.azure.com/openai/v1), or configureProviders({ azure: { resourceName: "…" } }) or { azure: { baseURL: "…" } }.',
      );
    }
  },
  create: ({ createAzure }, s) => {
    const baseURL = s.baseURL ?? (s.resourceName ? undefined : env("AZURE_BASE_URL"));
    const provider = createAzure({
      apiKey: s.apiKey,
      resourceName: s.resourceName,
      baseURL,
      apiVersion: s.apiVersion,
      useDeploymentBasedUrls: s.useDeploymentBasedUrls,
      headers: s.headers,
      fetch: s.fetch,
    });
    return (deployment) => (s.api === "chat" ? provider.chat(deployment) : provider.responses(deployment));
  },
});

export const OLLAMA_DEFAULT_BASE_URL = "http://127.0.0.1:11434/v1";

/**
 * `ollama:<model>` through `@ai-sdk/openai-compatible`, at Ollama's OpenAI-compatible endpoint.
 * No key. Environment: OLLAMA_BASE_URL (default http://127.0.0.1:11434/v1), read by FlowPrompt.
 */
export const ollamaProvider = defineProvider({
  name: "ollama",
  packageName: "@ai-sdk/openai-compatible",
  importer: () => import("@ai-sdk/openai-compatible"),
  envVars: ["OLLAMA_BASE_URL"],
  reports: () => "ollama.chat",
  check: () => {},
  create: ({ createOpenAICompatible }, s) => {
    const provider = createOpenAICompatible({
      name: "ollama",
      baseURL: s.baseURL ?? env("OLLAMA_BASE_URL") ?? OLLAMA_DEFAULT_BASE_URL,
      apiKey: s.apiKey,
      headers: s.headers,
      fetch: s.fetch,
      // Ollama takes response_format json_schema (0.5+) and stream_options.include_usage.
      supportsStructuredOutputs: true,
      includeUsage: true,
    });
    return (modelId) => provider.languageModel(modelId);
  },
});

/**
 * `openai-compatible:<model>` through `@ai-sdk/openai-compatible`: vLLM, llama.cpp's server, LM Studio
 * and hosted OpenAI-compatible APIs. The base URL is required; the key is optional.
 * Environment: OPENAI_COMPATIBLE_BASE_URL, OPENAI_COMPATIBLE_API_KEY (read by FlowPrompt).
 */
export const openaiCompatibleProvider = defineProvider({
  name: "openai-compatible",
  packageName: "@ai-sdk/openai-compatible",
  importer: () => import("@ai-sdk/openai-compatible"),
  envVars: ["OPENAI_COMPATIBLE_BASE_URL", "OPENAI_COMPATIBLE_API_KEY"],
  reports: (s) => `${s.name ?? "openai-compatible"}.chat`,
  check: (s) => {
    if (!s.baseURL && !env("OPENAI_COMPATIBLE_BASE_URL")) {
      throw new InvalidArgumentError(
        "openai-compatible settings",
        "no base URL: OPENAI_COMPATIBLE_BASE_URL is not set and no baseURL was given.",
        'Set OPENAI_COMPATIBLE_BASE_URL (e.g. http://127.0.0.1:8000/v1 for vLLM, http://127.0.0.1:8080/v1 for llama.cpp, http://127.0.0.1:1234/v1 for LM Studio), or configureProviders({ "openai-compatible": { baseURL: "…" } }).',
      );
    }
  },
  create: ({ createOpenAICompatible }, s) => {
    const provider = createOpenAICompatible({
      name: s.name ?? "openai-compatible",
      baseURL: s.baseURL ?? env("OPENAI_COMPATIBLE_BASE_URL") ?? "",
      apiKey: s.apiKey ?? env("OPENAI_COMPATIBLE_API_KEY"),
      headers: s.headers,
      fetch: s.fetch,
      queryParams: s.queryParams,
      supportsStructuredOutputs: s.supportsStructuredOutputs ?? true,
      includeUsage: s.includeUsage ?? true,
    });
    return (modelId) => provider.languageModel(modelId);
  },
});
