import { InvalidArgumentError } from "./errors/invalid-argument-error.js";
import type { Usage } from "./types.js";

/** USD per 1M tokens. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Price of input tokens read from the provider's prompt cache (default: `input`). */
  cacheRead?: number;
  /** Price of input tokens written to the provider's prompt cache (default: `input`). */
  cacheWrite?: number;
}

/** A versioned price table: `models` keyed by "provider:model-id"; `aliases` map other ids to those keys. */
export interface PriceTable {
  version: string;
  models: Record<string, ModelPrice>;
  aliases?: Record<string, string>;
}

const prices = new Map<string, ModelPrice>();
const aliases = new Map<string, string>();
let tableVersion = "none";

/** Loads a price table (the built-in one is loaded by `flowprompt`); later entries override earlier ones. */
export function registerPrices(table: PriceTable): void {
  for (const [id, price] of Object.entries(table.models)) setPrice(id, price);
  for (const [alias, target] of Object.entries(table.aliases ?? {})) aliases.set(alias, target);
  tableVersion = table.version;
}

/** Adds or overrides one model's price. `id` is "provider:model-id". */
export function setPrice(id: string, price: ModelPrice): void {
  for (const [k, v] of Object.entries(price)) {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new InvalidArgumentError(
        `price of "${id}"`,
        `${k} must be a non-negative number of USD per 1M tokens.`,
      );
    }
  }
  prices.set(id, { ...price });
}

export function priceTableVersion(): string {
  return tableVersion;
}

/**
 * The price of a model, by exact id or a known alias; never by substring or prefix
 * (`gpt-4o-mini` must not get `gpt-4o`'s price). `undefined` when unknown.
 */
export function priceOf(id: string): ModelPrice | undefined {
  return prices.get(id) ?? prices.get(aliases.get(id) ?? "");
}

/** Cost in USD of `usage` on model `id`, or `null` when the model's price is unknown. */
export function costOf(id: string, usage: Usage): number | null {
  const p = priceOf(id);
  if (!p) return null;
  const cacheRead = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const cacheWrite = Math.min(usage.cacheWriteTokens, usage.inputTokens - cacheRead);
  const plainInput = usage.inputTokens - cacheRead - cacheWrite;
  const usd =
    plainInput * p.input +
    cacheRead * (p.cacheRead ?? p.input) +
    cacheWrite * (p.cacheWrite ?? p.input) +
    usage.outputTokens * p.output;
  return usd / 1_000_000;
}
