import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { AdaptiveOptions, KeyLimits, RateLimitClock, RateLimitsOptions } from "./types.js";

/** One key's limits after validation, with the burst resolved. */
export interface NormalizedLimits {
  concurrency: number | undefined;
  rpm: number | undefined;
  tpm: number | undefined;
  burstSeconds: number;
}

export type NormalizedAdaptive = Required<AdaptiveOptions> & { enabled: boolean };

const LIMIT_FIELDS = ["concurrency", "rpm", "tpm", "burstSeconds"] as const;
const KEY_SHAPE = /^(\*|[^\s:*]+(:\S+)?)$/;
const EXAMPLE =
  'rateLimits({ openai: { rpm: 500, tpm: 200_000, concurrency: 8 }, "openai:gpt-4o": { tpm: 30_000 } })';

export const DEFAULT_ADAPTIVE: NormalizedAdaptive = {
  enabled: true,
  decrease: 0.5,
  increase: 0.01,
  minFactor: 0.05,
  cooldownMs: 1000,
  maxCooldownMs: 60_000,
};

export const systemClock: RateLimitClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

function fail(path: string, problem: string, hint?: string): never {
  throw new InvalidArgumentError(path, problem, hint);
}

function positive(path: string, value: unknown, opts: { min?: number; max?: number; integer?: boolean }) {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    fail(path, `must be a positive number (got ${describe(value)})`);
  }
  if (opts.integer && !Number.isInteger(value)) fail(path, `must be a whole number (got ${value})`);
  if (opts.min !== undefined && value < opts.min) fail(path, `must be at least ${opts.min} (got ${value})`);
  if (opts.max !== undefined && value > opts.max) fail(path, `must be at most ${opts.max} (got ${value})`);
  return value;
}

function limitsOf(key: string, value: unknown): NormalizedLimits {
  const path = `rateLimits[${JSON.stringify(key)}]`;
  if (!isRecord(value)) {
    fail(path, `must be an object of limits, like { rpm: 500, tpm: 200_000 } (got ${describe(value)})`);
  }
  for (const field of Object.keys(value)) {
    if (!(LIMIT_FIELDS as readonly string[]).includes(field)) {
      fail(`${path}.${field}`, `is not a known limit`, `Use ${LIMIT_FIELDS.join(", ")}.`);
    }
  }
  const limits = value as KeyLimits;
  const optional = (field: "concurrency" | "rpm" | "tpm", integer: boolean) =>
    limits[field] === undefined
      ? undefined
      : positive(`${path}.${field}`, limits[field], { min: 1, integer });
  return {
    concurrency: optional("concurrency", true),
    rpm: optional("rpm", false),
    tpm: optional("tpm", false),
    burstSeconds:
      limits.burstSeconds === undefined
        ? 1
        : positive(`${path}.burstSeconds`, limits.burstSeconds, { max: 60 }),
  };
}

/** Checks a `rateLimits()` configuration and returns each key's limits, in configuration order. */
export function normalizeConfig(config: unknown): Map<string, NormalizedLimits> {
  if (!isRecord(config)) {
    fail(
      "rateLimits(config)",
      `must be an object of limits per provider or model (got ${describe(config)})`,
      EXAMPLE,
    );
  }
  const out = new Map<string, NormalizedLimits>();
  for (const [key, value] of Object.entries(config)) {
    if (!KEY_SHAPE.test(key)) {
      fail(
        `rateLimits[${JSON.stringify(key)}]`,
        'is not a key: use a provider ("openai"), a model ("openai:gpt-4o") or "*" for every call',
      );
    }
    out.set(key, limitsOf(key, value));
  }
  return out;
}

/** Checks the second argument of `rateLimits()`. */
export function normalizeOptions(options: unknown): { adaptive: NormalizedAdaptive; clock: RateLimitClock } {
  if (options === undefined) return { adaptive: DEFAULT_ADAPTIVE, clock: systemClock };
  if (!isRecord(options)) fail("rateLimits(config, options)", `must be an object (got ${describe(options)})`);
  const { adaptive, clock } = options as RateLimitsOptions;
  if (clock !== undefined) {
    const ok =
      isRecord(clock) && ["now", "setTimeout", "clearTimeout"].every((f) => typeof clock[f] === "function");
    if (!ok) fail("rateLimits options.clock", "must have now(), setTimeout() and clearTimeout() functions");
  }
  return { adaptive: adaptiveOf(adaptive), clock: clock ?? systemClock };
}

function adaptiveOf(adaptive: unknown): NormalizedAdaptive {
  if (adaptive === false) return { ...DEFAULT_ADAPTIVE, enabled: false };
  if (adaptive === undefined) return DEFAULT_ADAPTIVE;
  const path = "rateLimits options.adaptive";
  if (!isRecord(adaptive)) fail(path, `must be false or an object (got ${describe(adaptive)})`);
  const a = adaptive as AdaptiveOptions;
  const share = (field: keyof AdaptiveOptions, max: number) =>
    a[field] === undefined ? DEFAULT_ADAPTIVE[field] : positive(`${path}.${field}`, a[field], { max });
  const out: NormalizedAdaptive = {
    enabled: true,
    decrease: share("decrease", 1),
    increase: share("increase", 1),
    minFactor: share("minFactor", 1),
    cooldownMs: share("cooldownMs", Number.MAX_SAFE_INTEGER),
    maxCooldownMs: share("maxCooldownMs", Number.MAX_SAFE_INTEGER),
  };
  if (out.maxCooldownMs < out.cooldownMs) {
    fail(
      `${path}.maxCooldownMs`,
      `must be at least cooldownMs (${out.cooldownMs}), got ${out.maxCooldownMs}`,
    );
  }
  return out;
}
