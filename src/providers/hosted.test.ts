import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MissingApiKeyError } from "../core/errors/missing-api-key-error.js";
import { resolveModel } from "../core/model-registry.js";
import { registerBuiltinProviders } from "./index.js";
import { configureProviders, type ProviderName, resetProviders } from "./settings.js";
import { CALL, clearProviderEnv, generateText, rejection } from "./test-utils/call.js";
import { fakeFetch } from "./test-utils/fake-fetch.js";
import { anthropicMessage, chatCompletion, geminiContent, openaiResponse } from "./test-utils/replies.js";

registerBuiltinProviders();

interface HostedCase {
  name: Extract<ProviderName, "openai" | "anthropic" | "google" | "mistral">;
  modelId: string;
  keyEnv: string;
  baseUrlEnv: string;
  defaultUrl: string;
  /** The request path after the base URL. */
  path: string;
  auth: (key: string) => [header: string, value: string];
  reply: (text: string) => Record<string, unknown>;
  /** Where the model id travels: the JSON body's `model`, or the URL. */
  modelInUrl: boolean;
  reports: string;
}

const cases: HostedCase[] = [
  {
    name: "openai",
    modelId: "gpt-4o-mini",
    keyEnv: "OPENAI_API_KEY",
    baseUrlEnv: "OPENAI_BASE_URL",
    defaultUrl: "https://api.openai.com/v1",
    path: "/responses",
    auth: (key) => ["authorization", `Bearer ${key}`],
    reply: (text) => openaiResponse(text),
    modelInUrl: false,
    reports: "openai.responses",
  },
  {
    name: "anthropic",
    modelId: "claude-sonnet-4-5",
    keyEnv: "ANTHROPIC_API_KEY",
    baseUrlEnv: "ANTHROPIC_BASE_URL",
    defaultUrl: "https://api.anthropic.com/v1",
    path: "/messages",
    auth: (key) => ["x-api-key", key],
    reply: (text) => anthropicMessage(text),
    modelInUrl: false,
    reports: "anthropic.messages",
  },
  {
    name: "google",
    modelId: "gemini-2.5-flash",
    keyEnv: "GOOGLE_GENERATIVE_AI_API_KEY",
    baseUrlEnv: "GOOGLE_GENERATIVE_AI_BASE_URL",
    defaultUrl: "https://generativelanguage.googleapis.com/v1beta",
    path: "/models/gemini-2.5-flash:generateContent",
    auth: (key) => ["x-goog-api-key", key],
    reply: (text) => geminiContent(text),
    modelInUrl: true,
    reports: "google.generative-ai",
  },
  {
    name: "mistral",
    modelId: "mistral-small-latest",
    keyEnv: "MISTRAL_API_KEY",
    baseUrlEnv: "MISTRAL_BASE_URL",
    defaultUrl: "https://api.mistral.ai/v1",
    path: "/chat/completions",
    auth: (key) => ["authorization", `Bearer ${key}`],
    reply: (text) => chatCompletion(text, "mistral-small-latest"),
    modelInUrl: false,
    reports: "mistral.chat",
  },
];

beforeEach(() => clearProviderEnv());
afterEach(() => {
  vi.unstubAllEnvs();
  resetProviders();
});

describe.each(cases)("$name:<model-id>", (c) => {
  const spec = `${c.name}:${c.modelId}`;

  it("resolves synchronously to a v4 model reporting the real provider and model id", () => {
    const { model, id } = resolveModel(spec);
    expect(id).toBe(spec);
    expect(model.specificationVersion).toBe("v4");
    expect(model.provider).toBe(c.reports);
    expect(model.modelId).toBe(c.modelId);
  });

  it("calls the default URL with the key from the settings and the model id", async () => {
    const fetch = fakeFetch(c.reply("Hi from settings"));
    configureProviders({ [c.name]: { apiKey: "sk-settings", fetch } });
    expect(await generateText(resolveModel(spec).model)).toBe("Hi from settings");
    expect(fetch.requests).toHaveLength(1);
    expect(fetch.last.method).toBe("POST");
    expect(fetch.last.url).toBe(`${c.defaultUrl}${c.path}`);
    const [header, value] = c.auth("sk-settings");
    expect(fetch.last.headers[header]).toBe(value);
    if (!c.modelInUrl) expect(fetch.last.body.model).toBe(c.modelId);
    expect(JSON.stringify(fetch.last.body)).toContain("Say hi");
  });

  it("takes the key and the base URL from the environment", async () => {
    vi.stubEnv(c.keyEnv, "sk-env");
    vi.stubEnv(c.baseUrlEnv, "http://127.0.0.1:4010/v9");
    const fetch = fakeFetch(c.reply("Hi from env"));
    configureProviders({ [c.name]: { fetch } });
    expect(await generateText(resolveModel(spec).model)).toBe("Hi from env");
    expect(fetch.last.url).toBe(`http://127.0.0.1:4010/v9${c.path}`);
    const [header, value] = c.auth("sk-env");
    expect(fetch.last.headers[header]).toBe(value);
  });

  it("prefers the settings' base URL and key over the environment, and sends extra headers", async () => {
    vi.stubEnv(c.keyEnv, "sk-env");
    vi.stubEnv(c.baseUrlEnv, "http://127.0.0.1:4010/env");
    const fetch = fakeFetch(c.reply("ok"));
    configureProviders({
      [c.name]: { apiKey: "sk-set", baseURL: "http://127.0.0.1:4011/set", headers: { "x-team": "a" }, fetch },
    });
    await generateText(resolveModel(spec).model);
    expect(fetch.last.url).toBe(`http://127.0.0.1:4011/set${c.path}`);
    expect(fetch.last.headers[c.auth("sk-set")[0]]).toBe(c.auth("sk-set")[1]);
    expect(fetch.last.headers["x-team"]).toBe("a");
  });

  it(`is a MissingApiKeyError naming ${c.keyEnv} when no key is set, before any request`, async () => {
    const fetch = fakeFetch(c.reply("never"));
    configureProviders({ [c.name]: { fetch } });
    const error = await rejection(resolveModel(spec).model.doGenerate(CALL));
    expect(MissingApiKeyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: c.name, envVar: c.keyEnv, code: "FP_MISSING_API_KEY" });
    expect(error.message).toBe(`No API key for provider "${c.name}": ${c.keyEnv} is not set.`);
    expect(fetch.requests).toHaveLength(0);
  });

  it("picks up a key set in the environment after the first failure", async () => {
    const fetch = fakeFetch(c.reply("later"));
    configureProviders({ [c.name]: { fetch } });
    const { model } = resolveModel(spec);
    await expect(model.doGenerate(CALL)).rejects.toThrow(c.keyEnv);
    vi.stubEnv(c.keyEnv, "sk-late");
    expect(await generateText(model)).toBe("later");
    expect(fetch.last.headers[c.auth("sk-late")[0]]).toBe(c.auth("sk-late")[1]);
  });
});
