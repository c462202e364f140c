import type { LanguageModelV4 } from "@ai-sdk/provider";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { registerProvider } from "../core/model-registry.js";
import {
  anthropicProvider,
  azureProvider,
  googleProvider,
  mistralProvider,
  ollamaProvider,
  openaiCompatibleProvider,
  openaiProvider,
} from "./builtins.js";
import type { BuiltinProvider, SettingsOf } from "./lazy-model.js";
import type { ProviderName } from "./settings.js";

/**
 * The built-in providers. Importing this module imports no provider package: each model loads its
 * `@ai-sdk/*` package on its first call.
 */
const builtins: { [K in ProviderName]: BuiltinProvider<K> } = {
  openai: openaiProvider,
  anthropic: anthropicProvider,
  google: googleProvider,
  mistral: mistralProvider,
  azure: azureProvider,
  ollama: ollamaProvider,
  "openai-compatible": openaiCompatibleProvider,
};

/** Makes `openai:`, `anthropic:`, `google:`, `mistral:`, `azure:`, `ollama:` and `openai-compatible:` model strings resolve. */
export function registerBuiltinProviders(): void {
  for (const provider of Object.values(builtins)) registerProvider(provider.name, provider.factory);
}

/**
 * A built-in provider's model with its own settings (merged over `configureProviders()` and the
 * environment), e.g. `providerModel("openai-compatible", "llama3", { baseURL: "http://gpu:8000/v1" })`.
 * Like the model strings, it loads the provider package on its first call.
 */
export function providerModel<K extends ProviderName>(
  provider: K,
  modelId: string,
  settings?: SettingsOf<K>,
): LanguageModelV4 {
  const builtin = (builtins as Record<string, unknown>)[provider] as BuiltinProvider<K> | undefined;
  if (!builtin) {
    throw new InvalidArgumentError(
      "provider",
      `"${provider}" is not a built-in provider. Built-in providers: ${Object.keys(builtins).join(", ")}.`,
    );
  }
  if (!modelId)
    throw new InvalidArgumentError("model id", `providerModel("${provider}", …) needs a model id.`);
  return builtin.model(modelId, settings);
}

export {
  type AzureSettings,
  configureProviders,
  type FetchFunction,
  type HttpSettings,
  type KeyedProviderSettings,
  type OllamaSettings,
  type OpenAICompatibleSettings,
  type OpenAISettings,
  type ProviderName,
  type ProviderSettings,
  providerSettings,
  resetProviders,
} from "./settings.js";
