/**
 * flowprompt: typed, testable, measurable LLM prompts.
 *
 * This entry point is the core API plus the embedded defaults: the `mock` model string, the
 * built-in price table, the memory and file cache stores and the prompt-file loader.
 */
import { registerMockProvider } from "./models/mock-provider.js";
import { registerBuiltinPrices } from "./models/prices.js";

registerBuiltinPrices();
registerMockProvider();

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
export {
  jsonSchemaValidator,
  type LoadPromptOptions,
  type LoadPromptsOptions,
  loadPrompt,
  loadPrompts,
  type PromptListing,
  type PromptRegistry,
  parsePromptFile,
} from "./files/index.js";
export { BUILTIN_PRICES } from "./models/prices.js";
