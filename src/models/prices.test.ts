import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { costOf, priceOf, priceTableVersion, setPrice } from "../core/cost.js";
import type { Usage } from "../core/types.js";
import { BUILTIN_PRICES, registerBuiltinPrices } from "./prices.js";

function usage(u: Partial<Usage>): Usage {
  const full = {
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    ...u,
  };
  return { ...full, totalTokens: full.inputTokens + full.outputTokens };
}

const MILLION_IN = usage({ inputTokens: 1_000_000 });
const MILLION_OUT = usage({ outputTokens: 1_000_000 });

beforeAll(() => {
  registerBuiltinPrices();
});

describe("built-in price table", () => {
  it("is loaded with its version", () => {
    expect(priceTableVersion()).toBe(BUILTIN_PRICES.version);
    expect(BUILTIN_PRICES.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("prices by exact id: gpt-4o-mini gets its own price, not gpt-4o's", () => {
    expect(costOf("openai:gpt-4o-mini", MILLION_IN)).toBeCloseTo(0.15, 10);
    expect(costOf("openai:gpt-4o-mini", MILLION_OUT)).toBeCloseTo(0.6, 10);
    expect(costOf("openai:gpt-4o", MILLION_IN)).toBeCloseTo(2.5, 10);
    expect(costOf("anthropic:claude-sonnet-4-5", MILLION_OUT)).toBeCloseTo(15, 10);
    expect(costOf("google:gemini-2.5-flash-lite", MILLION_IN)).toBeCloseTo(0.1, 10);
  });

  it("answers null for unknown ids instead of guessing by prefix", () => {
    for (const id of [
      "openai:gpt-4o-mini-foo",
      "openai:gpt-4",
      "gpt-4o",
      "OpenAI:gpt-4o",
      "azure:gpt-4o",
      "mock:other",
    ]) {
      expect(costOf(id, MILLION_IN), id).toBeNull();
    }
  });

  it("prices dated snapshots and -latest names through aliases", () => {
    expect(costOf("openai:gpt-4o-2024-08-06", MILLION_IN)).toBe(costOf("openai:gpt-4o", MILLION_IN));
    expect(priceOf("anthropic:claude-sonnet-4-5-20250929")).toEqual(priceOf("anthropic:claude-sonnet-4-5"));
    expect(priceOf("anthropic:claude-3-5-haiku-latest")).toEqual({
      input: 0.8,
      output: 4,
      cacheRead: 0.08,
      cacheWrite: 1,
    });
    for (const [alias, target] of Object.entries(BUILTIN_PRICES.aliases ?? {})) {
      expect(BUILTIN_PRICES.models[target], `${alias} -> ${target}`).toBeDefined();
      expect(BUILTIN_PRICES.models[alias], `${alias} is also a model key`).toBeUndefined();
    }
  });

  it("prices the mock model at 0, so demos show a cost", () => {
    expect(costOf("mock:mock", usage({ inputTokens: 500, outputTokens: 500 }))).toBe(0);
  });

  it("lets setPrice override a built-in price", () => {
    const original = priceOf("openai:gpt-4o")!;
    try {
      setPrice("openai:gpt-4o", { input: 1, output: 2 });
      expect(costOf("openai:gpt-4o", MILLION_IN)).toBe(1);
      expect(costOf("openai:gpt-4o-2024-08-06", MILLION_OUT)).toBe(2);
    } finally {
      setPrice("openai:gpt-4o", original);
    }
    expect(costOf("openai:gpt-4o", MILLION_IN)).toBeCloseTo(2.5, 10);
  });

  it("prices cache reads at cacheRead and Anthropic cache writes at cacheWrite", () => {
    const cached = usage({ inputTokens: 1_000_000, cachedInputTokens: 800_000 });
    expect(costOf("openai:gpt-4o-mini", cached)).toBeCloseTo(0.2 * 0.15 + 0.8 * 0.075, 10);
    const written = usage({ inputTokens: 1_000_000, cachedInputTokens: 500_000, cacheWriteTokens: 500_000 });
    expect(costOf("anthropic:claude-sonnet-4-5", written)).toBeCloseTo(0.5 * 0.3 + 0.5 * 3.75, 10);
  });

  it("has well-formed entries: provider:model keys, cache reads cheaper than input", () => {
    for (const [id, p] of Object.entries(BUILTIN_PRICES.models)) {
      expect(id).toMatch(/^[a-z][a-z0-9-]*:[a-z0-9][a-z0-9.-]*$/);
      expect(p.cacheRead ?? p.input, id).toBeLessThanOrEqual(p.input);
      expect(p.output, id).toBeGreaterThanOrEqual(p.input);
    }
  });

  it("never charges less for more tokens of any kind, and never charges a negative amount (property)", () => {
    const ids = Object.keys(BUILTIN_PRICES.models);
    const count = fc.nat(5_000_000);
    const buckets = fc.record({
      plain: count,
      cacheRead: count,
      cacheWrite: count,
      output: count,
      reasoning: count,
    });
    type Buckets = {
      plain: number;
      cacheRead: number;
      cacheWrite: number;
      output: number;
      reasoning: number;
    };
    const toUsage = (b: Buckets) =>
      usage({
        inputTokens: b.plain + b.cacheRead + b.cacheWrite,
        cachedInputTokens: b.cacheRead,
        cacheWriteTokens: b.cacheWrite,
        outputTokens: b.output + b.reasoning,
        reasoningTokens: b.reasoning,
      });
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        buckets,
        fc.constantFrom<keyof Buckets>("plain", "cacheRead", "cacheWrite", "output", "reasoning"),
        fc.integer({ min: 1, max: 1_000_000 }),
        (id, b, bucket, more) => {
          const before = costOf(id, toUsage(b))!;
          const after = costOf(id, toUsage({ ...b, [bucket]: b[bucket] + more }))!;
          expect(before).toBeGreaterThanOrEqual(0);
          expect(after).toBeGreaterThanOrEqual(before);
          // adding raw input or output tokens (the fields a provider reports) never lowers the cost either
          const u = toUsage(b);
          expect(costOf(id, { ...u, inputTokens: u.inputTokens + more })!).toBeGreaterThanOrEqual(before);
          expect(costOf(id, { ...u, outputTokens: u.outputTokens + more })!).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });
});
