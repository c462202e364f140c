import { type PriceTable, registerPrices } from "../core/cost.js";

/**
 * The built-in price table: USD per 1M tokens as the providers publish them for their standard
 * (pay-as-you-go, shortest-context) tier, keyed "provider:model-id" exactly as `run()` reports the
 * model. `cacheRead` is the prompt-cache hit price; `cacheWrite` is Anthropic's 5-minute cache write
 * (OpenAI and Google do not charge per token for cache writes). Batch discounts, long-context
 * surcharges (Gemini 2.5 Pro and Claude Sonnet above 200K input tokens) and cache storage are not modelled.
 *
 * Prices change: override one with `setPrice`, or load your own table with `registerPrices`.
 */
export const BUILTIN_PRICES: PriceTable = {
  version: "2026-11-01",
  models: {
    // OpenAI — platform.openai.com/docs/pricing
    "openai:gpt-4o": { input: 2.5, output: 10, cacheRead: 1.25 },
    "openai:gpt-4o-mini": { input: 0.15, output: 0.6, cacheRead: 0.075 },
    "openai:gpt-4.1": { input: 2, output: 8, cacheRead: 0.5 },
    "openai:gpt-4.1-mini": { input: 0.4, output: 1.6, cacheRead: 0.1 },
    "openai:gpt-4.1-nano": { input: 0.1, output: 0.4, cacheRead: 0.025 },
    "openai:o3": { input: 2, output: 8, cacheRead: 0.5 },
    "openai:o3-mini": { input: 1.1, output: 4.4, cacheRead: 0.55 },
    "openai:o4-mini": { input: 1.1, output: 4.4, cacheRead: 0.275 },
    "openai:gpt-5": { input: 1.25, output: 10, cacheRead: 0.125 },
    "openai:gpt-5-mini": { input: 0.25, output: 2, cacheRead: 0.025 },
    "openai:gpt-5-nano": { input: 0.05, output: 0.4, cacheRead: 0.005 },

    // Anthropic — docs.anthropic.com/en/docs/about-claude/pricing (cache write: 5-minute TTL)
    "anthropic:claude-opus-4-1": { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
    "anthropic:claude-opus-4": { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
    "anthropic:claude-sonnet-4-5": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    "anthropic:claude-sonnet-4": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    "anthropic:claude-3-7-sonnet": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    "anthropic:claude-3-5-haiku": { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
    "anthropic:claude-haiku-4-5": { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 },

    // Google Gemini API — ai.google.dev/gemini-api/docs/pricing (text/image/video input, prompts <= 200K)
    "google:gemini-2.5-pro": { input: 1.25, output: 10, cacheRead: 0.125 },
    "google:gemini-2.5-flash": { input: 0.3, output: 2.5, cacheRead: 0.03 },
    "google:gemini-2.5-flash-lite": { input: 0.1, output: 0.4, cacheRead: 0.01 },
    "google:gemini-2.0-flash": { input: 0.1, output: 0.4, cacheRead: 0.025 },

    // Mistral — mistral.ai/pricing ("-latest" follows Mistral's current Large 3 / Small 3.2)
    "mistral:mistral-large-latest": { input: 0.5, output: 1.5 },
    "mistral:mistral-small-latest": { input: 0.1, output: 0.3 },

    // FlowPrompt's mock model: free, so demos and tests show a cost of 0 rather than "unknown".
    "mock:mock": { input: 0, output: 0 },
  },
  aliases: {
    "openai:gpt-4o-2024-08-06": "openai:gpt-4o",
    "openai:gpt-4o-2024-11-20": "openai:gpt-4o",
    "openai:gpt-4o-mini-2024-07-18": "openai:gpt-4o-mini",
    "openai:gpt-4.1-2025-04-14": "openai:gpt-4.1",
    "openai:gpt-4.1-mini-2025-04-14": "openai:gpt-4.1-mini",
    "openai:gpt-4.1-nano-2025-04-14": "openai:gpt-4.1-nano",
    "openai:o3-2025-04-16": "openai:o3",
    "openai:o3-mini-2025-01-31": "openai:o3-mini",
    "openai:o4-mini-2025-04-16": "openai:o4-mini",
    "openai:gpt-5-2025-08-07": "openai:gpt-5",
    "openai:gpt-5-mini-2025-08-07": "openai:gpt-5-mini",
    "openai:gpt-5-nano-2025-08-07": "openai:gpt-5-nano",

    "anthropic:claude-opus-4-1-20250805": "anthropic:claude-opus-4-1",
    "anthropic:claude-opus-4-20250514": "anthropic:claude-opus-4",
    "anthropic:claude-opus-4-0": "anthropic:claude-opus-4",
    "anthropic:claude-sonnet-4-5-20250929": "anthropic:claude-sonnet-4-5",
    "anthropic:claude-sonnet-4-20250514": "anthropic:claude-sonnet-4",
    "anthropic:claude-sonnet-4-0": "anthropic:claude-sonnet-4",
    "anthropic:claude-3-7-sonnet-20250219": "anthropic:claude-3-7-sonnet",
    "anthropic:claude-3-7-sonnet-latest": "anthropic:claude-3-7-sonnet",
    "anthropic:claude-3-5-haiku-20241022": "anthropic:claude-3-5-haiku",
    "anthropic:claude-3-5-haiku-latest": "anthropic:claude-3-5-haiku",
    "anthropic:claude-haiku-4-5-20251001": "anthropic:claude-haiku-4-5",

    "google:gemini-2.0-flash-001": "google:gemini-2.0-flash",
  },
};

/** Loads the built-in price table (later `registerPrices`/`setPrice` calls override it). */
export function registerBuiltinPrices(): void {
  registerPrices(BUILTIN_PRICES);
}
