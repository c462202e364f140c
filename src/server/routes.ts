import type { IncomingMessage } from "node:http";
import { anthropicMessages } from "./anthropic.js";
import { geminiGenerateContent } from "./gemini.js";
import { header } from "./http.js";
import { openaiChat } from "./openai-chat.js";
import { openaiResponses } from "./openai-responses.js";
import type { Flavor, Route, WireFormat } from "./types.js";

/** Path prefixes of the OpenAI-style dialects (each then speaks `/v1/...`). */
export const PREFIXES: Record<string, Flavor> = {
  "": "openai",
  "/mistral": "mistral",
  "/ollama": "ollama",
  "/compatible": "openai-compatible",
};

const GEMINI =
  /^\/v1(?:beta|alpha)?\/((?:models|tunedModels)\/[^:/]+):(generateContent|streamGenerateContent)$/;
const AZURE =
  /^\/openai(?:\/v1)?(?:\/deployments\/([^/]+))?\/(chat\/completions|responses|models|audio\/transcriptions|audio\/speech)$/;
const OPENAI =
  /^(\/[a-z]+)?\/v1\/(chat\/completions|responses|models|messages|audio\/transcriptions|audio\/speech)$/;

/** Where a request goes: which dialect and endpoint (undefined: no such route). */
export function route(req: IncomingMessage, path: string): Route | undefined {
  const method = req.method ?? "GET";
  const g = GEMINI.exec(path);
  if (g && method === "POST") {
    return {
      flavor: "google",
      api: "generate-content",
      model: g[1]!.replace(/^models\//, ""),
      stream: g[2] === "streamGenerateContent",
    };
  }
  if (path === "/v1beta/models" && method === "GET") return { flavor: "google", api: "models" };
  const a = AZURE.exec(path);
  if (a) return endpoint("azure", a[2]!, method, a[1]);
  const o = OPENAI.exec(path);
  if (!o) return undefined;
  const flavor = PREFIXES[o[1] ?? ""];
  if (!flavor) return undefined;
  if (o[2] === "messages")
    return flavor === "openai" && method === "POST" ? { flavor: "anthropic", api: "messages" } : undefined;
  if (o[2] === "models" && flavor === "openai" && header(req, "anthropic-version")) {
    return method === "GET" ? { flavor: "anthropic", api: "models" } : undefined;
  }
  return endpoint(flavor, o[2]!, method);
}

function endpoint(flavor: Flavor, name: string, method: string, model?: string): Route | undefined {
  if (name === "models") return method === "GET" ? { flavor, api: "models" } : undefined;
  if (method !== "POST") return undefined;
  const openai = flavor === "openai" || flavor === "azure";
  if (name === "responses") return openai ? { flavor, api: "responses", model } : undefined;
  if (name === "audio/transcriptions" || name === "audio/speech") {
    const api = name === "audio/speech" ? "speech" : "transcriptions";
    return openai || flavor === "openai-compatible" ? { flavor, api, model } : undefined;
  }
  return { flavor, api: "chat", model };
}

export function wireFormat(route: Route): WireFormat {
  if (route.api === "responses") return openaiResponses;
  if (route.api === "messages") return anthropicMessages;
  if (route.api === "generate-content") return geminiGenerateContent;
  return openaiChat;
}

/** The API key as each provider reads it: undefined when absent or empty. */
export function apiKeyOf(flavor: Flavor, req: IncomingMessage, query: URLSearchParams): string | undefined {
  const auth = header(req, "authorization")?.trim();
  const bearer = auth === undefined ? undefined : (/^Bearer(?:\s+(.*))?$/i.exec(auth)?.[1] ?? "").trim();
  let key: string | undefined;
  if (flavor === "anthropic") key = header(req, "x-api-key") ?? bearer;
  else if (flavor === "google") key = header(req, "x-goog-api-key") ?? query.get("key") ?? undefined;
  else if (flavor === "azure") key = header(req, "api-key") ?? bearer;
  else key = bearer;
  return key === undefined || key.trim() === "" ? undefined : key;
}

/** Whether the dialect needs a key at all (Ollama does not). */
export function needsKey(flavor: Flavor): boolean {
  return flavor !== "ollama";
}

const DEFAULT_MODELS: Record<Flavor, string[]> = {
  openai: ["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-5-mini"],
  azure: ["gpt-4o-mini", "gpt-4o"],
  mistral: ["mistral-small-latest", "mistral-large-latest"],
  ollama: ["llama3.2", "qwen2.5"],
  "openai-compatible": ["local-model"],
  anthropic: ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"],
  google: ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.0-flash"],
};

/** The model list in the dialect's own shape. */
export function modelList(flavor: Flavor, models: readonly string[] | undefined): unknown {
  const ids = models ?? DEFAULT_MODELS[flavor];
  if (flavor === "anthropic") {
    const data = ids.map((id) => ({
      type: "model",
      id,
      display_name: id,
      created_at: "2025-01-01T00:00:00Z",
    }));
    return { data, has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null };
  }
  if (flavor === "google") {
    return {
      models: ids.map((id) => ({
        name: `models/${id}`,
        version: "001",
        displayName: id,
        inputTokenLimit: 1_048_576,
        outputTokenLimit: 65_536,
        supportedGenerationMethods: ["generateContent", "streamGenerateContent", "countTokens"],
      })),
    };
  }
  return {
    object: "list",
    data: ids.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "flowprompt-mock" })),
  };
}
