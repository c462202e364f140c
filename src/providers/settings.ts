import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";

/** A `fetch` implementation (a proxy, logging, or a fake in tests). */
export type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Settings every provider takes. */
export interface HttpSettings {
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Replaces the global `fetch` for this provider's requests. */
  fetch?: FetchFunction;
}

/** Settings of a hosted provider with an API key. Unset values come from the provider's environment variables. */
export interface KeyedProviderSettings extends HttpSettings {
  apiKey?: string;
  /** Replaces the provider's API URL, e.g. for a proxy or a local test server. */
  baseURL?: string;
}

export interface OpenAISettings extends KeyedProviderSettings {
  organization?: string;
  project?: string;
  /** Which OpenAI API `openai:<id>` calls: the Responses API (the default, as in `@ai-sdk/openai`) or Chat Completions. */
  api?: "responses" | "chat";
}

export interface AzureSettings extends HttpSettings {
  apiKey?: string;
  /** The Azure OpenAI resource: requests go to `https://<resourceName>.openai.azure.com/openai/v1`. */
  resourceName?: string;
  /** A full URL prefix instead of `resourceName` (a proxy, a Foundry project, a test server). */
  baseURL?: string;
  /** The `api-version` query parameter (default "v1"). */
  apiVersion?: string;
  /** Legacy URLs `{baseURL}/deployments/{deployment}{path}?api-version=…`. */
  useDeploymentBasedUrls?: boolean;
  /** The Responses API (the default, as in `@ai-sdk/azure`) or Chat Completions. */
  api?: "responses" | "chat";
}

export interface OllamaSettings extends HttpSettings {
  /** Ollama's OpenAI-compatible endpoint (default http://127.0.0.1:11434/v1). */
  baseURL?: string;
  /** Only for an Ollama behind an authenticating proxy; Ollama itself takes no key. */
  apiKey?: string;
}

export interface OpenAICompatibleSettings extends HttpSettings {
  /** The server's OpenAI-compatible URL prefix, e.g. http://127.0.0.1:8000/v1 for vLLM. Required. */
  baseURL?: string;
  /** Sent as `Authorization: Bearer <apiKey>`; local servers usually need none. */
  apiKey?: string;
  /** Provider name reported in results and traces (default "openai-compatible"). */
  name?: string;
  /** Extra URL query parameters for every request. */
  queryParams?: Record<string, string>;
  /** Whether the server takes `response_format: { type: "json_schema" }` (default true). */
  supportsStructuredOutputs?: boolean;
  /** Whether to ask for usage in streamed replies (`stream_options.include_usage`, default true). */
  includeUsage?: boolean;
}

/** The argument of `configureProviders()`: one entry per provider, each optional. */
export interface ProviderSettings {
  openai?: OpenAISettings;
  anthropic?: KeyedProviderSettings;
  google?: KeyedProviderSettings;
  mistral?: KeyedProviderSettings;
  azure?: AzureSettings;
  ollama?: OllamaSettings;
  "openai-compatible"?: OpenAICompatibleSettings;
}

export type ProviderName = keyof ProviderSettings;

export const PROVIDER_NAMES: readonly ProviderName[] = [
  "openai",
  "anthropic",
  "google",
  "mistral",
  "azure",
  "ollama",
  "openai-compatible",
];

let current: Readonly<ProviderSettings> = Object.freeze({});
let generation = 0;

/**
 * Sets the settings of the built-in providers, merged over the current ones one provider at a time
 * (`configureProviders({ openai: {...} })` replaces only the OpenAI entry). Whatever is not set comes
 * from the provider's environment variables. Models already resolved pick up the change on their next call.
 */
export function configureProviders(settings: ProviderSettings): Readonly<ProviderSettings> {
  if (typeof settings !== "object" || settings === null) {
    throw new InvalidArgumentError("provider settings", `expected an object, got ${typeof settings}.`);
  }
  for (const [name, value] of Object.entries(settings)) {
    if (!PROVIDER_NAMES.includes(name as ProviderName)) {
      throw new InvalidArgumentError(
        "provider settings",
        `unknown provider "${name}". Known providers: ${PROVIDER_NAMES.join(", ")}.`,
        "For another AI SDK provider, pass its model object as `model`, or register it with registerProvider().",
      );
    }
    if (value !== undefined && (typeof value !== "object" || value === null)) {
      throw new InvalidArgumentError(
        `provider settings "${name}"`,
        `expected an object, got ${typeof value}.`,
      );
    }
  }
  current = Object.freeze({ ...current, ...settings });
  generation++;
  return current;
}

/** Back to no settings: environment variables only (for tests). */
export function resetProviders(): void {
  current = Object.freeze({});
  generation++;
}

/** The settings given to `configureProviders()` so far. */
export function providerSettings(): Readonly<ProviderSettings> {
  return current;
}

/** Changes whenever the settings change, so lazily built models know to rebuild. */
export function settingsGeneration(): number {
  return generation;
}

/** An environment variable, or undefined when unset or empty (and where there is no `process`). */
export function env(name: string): string | undefined {
  if (typeof process === "undefined") return undefined;
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}
