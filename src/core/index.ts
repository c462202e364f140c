/** The core's public API. Plug-ins (cache, models, files, …) are wired in src/index.ts. */
export { type CacheKeyInput, cacheKey } from "./cache-key.js";
export { canonicalJson, contentHash, sha256 } from "./canonical.js";
export { configure, type GlobalConfig, getConfig, resetConfig } from "./config.js";
export {
  costOf,
  type ModelPrice,
  type PriceTable,
  priceOf,
  priceTableVersion,
  registerPrices,
  setPrice,
} from "./cost.js";
export * from "./errors/index.js";
export { compose, type Middleware, type Next, type PromptInfo, type RunContext } from "./middleware.js";
export {
  knownProviders,
  modelIdOf,
  type ProviderFactory,
  type ResolvedModel,
  registerProvider,
  resolveModel,
} from "./model-registry.js";
export type {
  AskedTrial,
  CacheStats,
  CacheStore,
  DatasetRow,
  ExperimentEvent,
  ExperimentStore,
  FinishedTrial,
  ParamSpec,
  ParamValue,
  RateLimiter,
  RateLimitPermit,
  RateLimitRequest,
  Sampler,
  Scorer,
  ScoreValue,
  SearchSpace,
  StoredExperiment,
  TrialOutcome,
} from "./ports.js";
export {
  type BatchOptions,
  definePrompt,
  isPrompt,
  type OutputOf,
  type Prompt,
  type VarsOf,
} from "./prompt.js";
export type { MessageTemplate, PromptConfig, PromptSource, Role } from "./prompt-config.js";
export { DEFAULT_RETRY, type RetryPolicy } from "./retry-policy.js";
export type { CacheOption, RunOptions } from "./run-options.js";
export {
  type InferInput,
  type InferOutput,
  type JSONSchema,
  type StandardJSONSchemaV1,
  type StandardSchemaV1,
  toJsonSchema,
  validate,
} from "./schema.js";
export type { PromptStream } from "./stream.js";
export type { ConfigVars, TemplateValue, TemplateVars } from "./template/infer.js";
export {
  addUsage,
  type CachedRun,
  type ChatMessage,
  type DeepPartial,
  type FinishReason,
  type ModelCallRecord,
  type ModelLike,
  type ModelParams,
  type PromptRef,
  type RunResult,
  type SingleModel,
  type StreamEvent,
  type Usage,
  ZERO_USAGE,
  zeroUsage,
} from "./types.js";
export { recordUsage, trackUsage, type UsageSummary, type UsageTotals } from "./usage.js";
