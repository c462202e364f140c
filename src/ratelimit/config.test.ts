import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { rateLimits } from "./limiter.js";
import type { RateLimitsConfig, RateLimitsOptions } from "./types.js";

/** The error `rateLimits()` throws for this configuration. */
function refusal(config: unknown, options?: unknown): InvalidArgumentError {
  try {
    rateLimits(config as RateLimitsConfig, options as RateLimitsOptions);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("rateLimits() accepted the configuration");
}

describe("rateLimits: configuration", () => {
  it.each([
    [{ openai: { rpm: -1 } }, 'Invalid rateLimits["openai"].rpm: must be a positive number (got -1)'],
    [{ openai: { rpm: "500" } }, 'Invalid rateLimits["openai"].rpm: must be a positive number (got "500")'],
    [
      { openai: { tpm: Number.NaN } },
      'Invalid rateLimits["openai"].tpm: must be a positive number (got NaN)',
    ],
    [{ openai: { tpm: 0.5 } }, 'Invalid rateLimits["openai"].tpm: must be at least 1 (got 0.5)'],
    [
      { "openai:gpt-4o": { concurrency: 2.5 } },
      'Invalid rateLimits["openai:gpt-4o"].concurrency: must be a whole number (got 2.5)',
    ],
    [
      { openai: { burstSeconds: 61 } },
      'Invalid rateLimits["openai"].burstSeconds: must be at most 60 (got 61)',
    ],
    [{ openai: { rmp: 5 } }, 'Invalid rateLimits["openai"].rmp: is not a known limit'],
    [
      { openai: 500 },
      'Invalid rateLimits["openai"]: must be an object of limits, like { rpm: 500, tpm: 200_000 } (got 500)',
    ],
    [
      { openai: null },
      'Invalid rateLimits["openai"]: must be an object of limits, like { rpm: 500, tpm: 200_000 } (got null)',
    ],
    [{ "open ai": {} }, 'Invalid rateLimits["open ai"]: is not a key: use a provider ("openai"), a model'],
    [{ "openai:": {} }, 'Invalid rateLimits["openai:"]: is not a key'],
    [[], "Invalid rateLimits(config): must be an object of limits per provider or model (got an array)"],
    [
      undefined,
      "Invalid rateLimits(config): must be an object of limits per provider or model (got undefined)",
    ],
  ])("refuses %j with a message that names the path", (config, message) => {
    const error = refusal(config);
    expect(error.message.startsWith(message)).toBe(true);
    expect(error.code).toBe("FP_INVALID_ARGUMENT");
  });

  it("says which limits exist when a field is unknown", () => {
    expect(refusal({ openai: { requestsPerMinute: 5 } }).hint).toBe(
      "Use concurrency, rpm, tpm, burstSeconds.",
    );
    expect(refusal(5).hint).toContain("rateLimits({ openai: { rpm: 500");
  });

  it.each([
    ["x", 'Invalid rateLimits(config, options): must be an object (got "x")'],
    [
      { clock: { now: () => 0 } },
      "Invalid rateLimits options.clock: must have now(), setTimeout() and clearTimeout()",
    ],
    [{ adaptive: true }, "Invalid rateLimits options.adaptive: must be false or an object (got true)"],
    [
      { adaptive: { decrease: 2 } },
      "Invalid rateLimits options.adaptive.decrease: must be at most 1 (got 2)",
    ],
    [
      { adaptive: { increase: 0 } },
      "Invalid rateLimits options.adaptive.increase: must be a positive number (got 0)",
    ],
    [
      { adaptive: { cooldownMs: 5000, maxCooldownMs: 1000 } },
      "Invalid rateLimits options.adaptive.maxCooldownMs: must be at least cooldownMs (5000), got 1000",
    ],
  ])("refuses the options %j", (options, message) => {
    expect(refusal({}, options).message.startsWith(message)).toBe(true);
  });

  it("accepts providers, models, '*', empty limits and no limits at all", () => {
    const config = {
      "*": { concurrency: 16 },
      openai: { rpm: 500, tpm: 200_000, concurrency: 8 },
      "openai:gpt-4o": { tpm: 30_000, burstSeconds: 60 },
      "openai-compatible:org/model:v1.5": {},
    };
    expect(rateLimits(config).keys).toEqual(Object.keys(config));
    expect(rateLimits({}).stats()).toEqual({});
    expect(rateLimits({ openai: { rpm: 2.5 } }, { adaptive: false }).stats().openai).toEqual({
      inFlight: 0,
      queued: 0,
      started: 0,
      effectiveRpm: 2.5,
      effectiveTpm: null,
      tokensAvailable: null,
      pausedMs: 0,
      waitedMsTotal: 0,
      rateLimitedCount: 0,
    });
  });
});
