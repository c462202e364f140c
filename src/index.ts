/**
 * flowprompt: typed, testable, measurable LLM prompts.
 *
 * This entry point is the core API plus the embedded defaults: the `mock` model string, the
 * built-in price table, the memory and file cache stores and the prompt-file loader.
 */
import { registerMockProvider } from "./models/mock-provider.js";
import { registerBuiltinPrices } from "./models/prices.js";
import { registerSimProvider } from "./models/sim/register.js";
import { registerBuiltinProviders } from "./providers/index.js";

registerBuiltinPrices();
registerMockProvider();
registerSimProvider();
registerBuiltinProviders();

type Eval = typeof import("./eval/index.js");
let evaluation: Promise<Eval> | undefined;
const loadEval = () => {
  evaluation ??= import("./eval/index.js");
  return evaluation;
};

/**
 * Which prompt works better: runs the variants on the dataset and tests the differences (the input
 * is the unit of analysis). Everything of evaluation (datasets, scorers, the runner) is in
 * `flowprompt/eval`, loaded on first use.
 */
export const compare: Eval["compare"] = async (variants, dataset, options) =>
  (await loadEval()).compare(variants, dataset, options);

/** What `compare()` would call and cost, before anything is spent. */
export const estimateCompare: Eval["estimateCompare"] = async (variants, dataset, options) =>
  (await loadEval()).estimateCompare(variants, dataset, options);

type Files = typeof import("./files/index.js");
let files: Promise<Files> | undefined;
/** The file loader (and its YAML and JSON Schema packages) is loaded on first use. */
const loadFiles = () => {
  files ??= import("./files/index.js");
  return files;
};

/**
 * Loads one prompt file (`.prompt` Dotprompt, or `.yaml`/`.yml` in the Python FlowPrompt format).
 * Parsing without the file system: `parsePromptFile` from `flowprompt/files`.
 */
export const loadPrompt: Files["loadPrompt"] = async (path, options) =>
  (await loadFiles()).loadPrompt(path, options);

/** Loads every prompt file under a folder into a registry keyed by name, with versions. */
export const loadPrompts: Files["loadPrompts"] = async (dir, options) =>
  (await loadFiles()).loadPrompts(dir, options);

export {
  type CacheMiddleware,
  type CacheOptions,
  cache,
  FileCacheStore,
  type FileCacheStoreOptions,
  MemoryCacheStore,
  type MemoryCacheStoreOptions,
} from "./cache/index.js";
export * from "./core/index.js";
export type { CompareOptions, CompareResult } from "./eval/index.js";
export type {
  LoadPromptOptions,
  LoadPromptsOptions,
  PromptListing,
  PromptRegistry,
} from "./files/index.js";
export { BUILTIN_PRICES } from "./models/prices.js";
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
  providerModel,
  providerSettings,
  resetProviders,
} from "./providers/index.js";
export * from "./ratelimit/index.js";
