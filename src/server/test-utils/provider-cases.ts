import { createAnthropic } from "@ai-sdk/anthropic";
import { createAzure } from "@ai-sdk/azure";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createMistral } from "@ai-sdk/mistral";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import type { Flavor, MockServer } from "../types.js";

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

/** One way of reaching the server through a provider's real AI SDK package. */
export interface ProviderCase {
  name: string;
  flavor: Flavor;
  /** The model through the package; `modelId` replaces the case's model, `apiKey` its key. */
  model: (server: MockServer, o?: { apiKey?: string; modelId?: string }) => LanguageModel;
  /** The path the package calls (non-streaming). */
  path: string | RegExp;
  /** The model id the server sees. */
  modelId: string;
  /** Usage details the package surfaces. */
  cached: boolean;
  reasoning: boolean;
  /** Status of a request without an API key (undefined: the dialect needs none). */
  missingKeyStatus: number | undefined;
  /**
   * Input tokens the server adds for test media in this dialect: the 1×1 PNG, the one-page PDF and
   * half a second of WAV (absent: the package sends no audio).
   */
  media: { png: number; pdf: number; wav?: number };
}

const KEY = "test-key";

export const PROVIDER_CASES: ProviderCase[] = [
  {
    name: "openai.chat (Chat Completions)",
    flavor: "openai",
    model: (s, o = {}) =>
      createOpenAI({ baseURL: s.baseURLs.openai, apiKey: o.apiKey ?? KEY }).chat(o.modelId ?? "gpt-4o-mini"),
    path: "/v1/chat/completions",
    modelId: "gpt-4o-mini",
    cached: true,
    reasoning: true,
    media: { png: 2833 + 5667, pdf: 2833 + 4 * 5667, wav: 5 },
    missingKeyStatus: 401,
  },
  {
    name: "openai (Responses API)",
    flavor: "openai",
    model: (s, o = {}) =>
      createOpenAI({ baseURL: s.baseURLs.openai, apiKey: o.apiKey ?? KEY })(o.modelId ?? "gpt-4o-mini"),
    path: "/v1/responses",
    modelId: "gpt-4o-mini",
    cached: true,
    reasoning: true,
    media: { png: 2833 + 5667, pdf: 2833 + 4 * 5667 },
    missingKeyStatus: 401,
  },
  {
    name: "anthropic (native output_config)",
    flavor: "anthropic",
    model: (s, o = {}) =>
      createAnthropic({ baseURL: s.baseURLs.anthropic, apiKey: o.apiKey ?? KEY })(
        o.modelId ?? "claude-sonnet-4-5",
      ),
    path: "/v1/messages",
    modelId: "claude-sonnet-4-5",
    cached: true,
    reasoning: false,
    media: { png: 1, pdf: 1500 },
    missingKeyStatus: 401,
  },
  {
    name: "anthropic (JSON tool)",
    flavor: "anthropic",
    model: (s, o = {}) =>
      createAnthropic({ baseURL: s.baseURLs.anthropic, apiKey: o.apiKey ?? KEY })(
        o.modelId ?? "claude-3-haiku-20240307",
      ),
    path: "/v1/messages",
    modelId: "claude-3-haiku-20240307",
    cached: true,
    reasoning: false,
    media: { png: 1, pdf: 1500 },
    missingKeyStatus: 401,
  },
  {
    name: "google (Gemini)",
    flavor: "google",
    model: (s, o = {}) =>
      createGoogleGenerativeAI({ baseURL: s.baseURLs.google, apiKey: o.apiKey ?? KEY })(
        o.modelId ?? "gemini-2.5-flash",
      ),
    path: "/v1beta/models/gemini-2.5-flash:generateContent",
    modelId: "gemini-2.5-flash",
    cached: true,
    reasoning: true,
    media: { png: 258, pdf: 258, wav: 16 },
    missingKeyStatus: 403,
  },
  {
    name: "mistral",
    flavor: "mistral",
    model: (s, o = {}) =>
      createMistral({ baseURL: s.baseURLs.mistral, apiKey: o.apiKey ?? KEY })(
        o.modelId ?? "mistral-small-latest",
      ),
    path: "/mistral/v1/chat/completions",
    modelId: "mistral-small-latest",
    cached: false,
    reasoning: false,
    media: { png: 1, pdf: 39 * 50 },
    missingKeyStatus: 401,
  },
  {
    name: "openai-compatible (vLLM, LM Studio, …)",
    flavor: "openai-compatible",
    model: (s, o = {}) =>
      createOpenAICompatible({
        name: "local",
        baseURL: s.baseURLs.openaiCompatible,
        apiKey: o.apiKey === "" ? undefined : (o.apiKey ?? KEY),
        supportsStructuredOutputs: true,
        includeUsage: true,
      })(o.modelId ?? "local-model"),
    path: "/compatible/v1/chat/completions",
    modelId: "local-model",
    cached: true,
    reasoning: true,
    media: { png: 85 + 170, pdf: 85 + 4 * 170, wav: 5 },
    missingKeyStatus: 401,
  },
  {
    name: "ollama (OpenAI-compatible, no key)",
    flavor: "ollama",
    model: (s, o = {}) =>
      createOpenAICompatible({
        name: "ollama",
        baseURL: s.baseURLs.ollama,
        supportsStructuredOutputs: true,
        includeUsage: true,
      })(o.modelId ?? "llama3.2"),
    path: "/ollama/v1/chat/completions",
    modelId: "llama3.2",
    cached: true,
    reasoning: true,
    media: { png: 85 + 170, pdf: 85 + 4 * 170, wav: 5 },
    missingKeyStatus: undefined,
  },
  {
    name: "azure (Responses API)",
    flavor: "azure",
    model: (s, o = {}) =>
      createAzure({ baseURL: s.baseURLs.azure, apiKey: o.apiKey ?? KEY })(o.modelId ?? "gpt-4o-mini"),
    path: "/openai/v1/responses",
    modelId: "gpt-4o-mini",
    cached: true,
    reasoning: true,
    media: { png: 2833 + 5667, pdf: 2833 + 4 * 5667 },
    missingKeyStatus: 401,
  },
  {
    name: "azure.chat (deployment URLs)",
    flavor: "azure",
    model: (s, o = {}) =>
      createAzure({
        baseURL: `${s.url}/openai`,
        apiKey: o.apiKey ?? KEY,
        useDeploymentBasedUrls: true,
        apiVersion: "2025-04-01-preview",
      }).chat(o.modelId ?? "my-deployment"),
    path: "/openai/deployments/my-deployment/chat/completions",
    modelId: "my-deployment",
    cached: true,
    reasoning: true,
    media: { png: 85 + 170, pdf: 85 + 4 * 170, wav: 5 },
    missingKeyStatus: 401,
  },
];
