import type { RateLimiter } from "../core/ports.js";

/** The limits of one key: a provider (`"openai"`), a model (`"openai:gpt-4o"`) or `"*"` (every call). */
export interface KeyLimits {
  /** At most this many calls in flight at once (a positive integer). */
  concurrency?: number;
  /** Requests per minute: never more than this many starts in any 60 s window. */
  rpm?: number;
  /** Tokens per minute (estimated input + output, corrected by the actual usage when a call ends). */
  tpm?: number;
  /**
   * Seconds of budget that may be spent at once after an idle period (default 1; at most 60). Calls are
   * otherwise paced at the limit's rate, which keeps providers that enforce per-minute limits over
   * shorter windows from answering 429. 60 lets a whole minute's budget go out at once.
   */
  burstSeconds?: number;
}

/** `rateLimits()` configuration: limits per provider, per model and (`"*"`) for every call. */
export type RateLimitsConfig = Readonly<Record<string, KeyLimits>>;

/** The time source; inject a simulated one in tests. Defaults to `performance.now()` and the global timers. */
export interface RateLimitClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How the limiter reacts to 429 (rate limited) answers: AIMD, like TCP congestion control. */
export interface AdaptiveOptions {
  /** Multiplies a key's rates after a 429 (default 0.5). */
  decrease?: number;
  /** Added to the rate factor (as a share of the configured limits) per successful call (default 0.01). */
  increase?: number;
  /** The rates never drop below this share of the configured limits (default 0.05). */
  minFactor?: number;
  /** Pause after a 429 that has no retry-after, doubled on each further 429 (default 1000 ms). */
  cooldownMs?: number;
  /** The longest such pause (default 60 000 ms). */
  maxCooldownMs?: number;
}

export interface RateLimitsOptions {
  /** `false` turns adaptation off: 429s are counted but change nothing. */
  adaptive?: AdaptiveOptions | false;
  clock?: RateLimitClock;
}

/** The state of one configured key, as returned by `stats()`. */
export interface RateLimitKeyStats {
  /** Calls started and not yet released. */
  inFlight: number;
  /** Calls waiting for this key (or for another key of the same call) to let them start. */
  queued: number;
  /** Calls started through this key so far. */
  started: number;
  /** The requests-per-minute pace now in force (lowered after 429s), or null without an rpm limit. */
  effectiveRpm: number | null;
  /** The tokens-per-minute pace now in force, or null without a tpm limit. */
  effectiveTpm: number | null;
  /** Tokens a call could use right now without waiting, or null without a tpm limit. */
  tokensAvailable: number | null;
  /** Milliseconds of pause left after a 429 (0 when not paused). */
  pausedMs: number;
  /** Total time calls spent waiting for this key, in milliseconds. */
  waitedMsTotal: number;
  /** Releases that reported a 429 on a call through this key. */
  rateLimitedCount: number;
}

export type RateLimitStats = Record<string, RateLimitKeyStats>;

/** The limiter returned by `rateLimits()`: a `RateLimiter` (port version 1) with statistics. */
export interface ClientRateLimiter extends RateLimiter {
  /** The configured keys, in the order of the configuration. */
  readonly keys: readonly string[];
  stats(): RateLimitStats;
}
