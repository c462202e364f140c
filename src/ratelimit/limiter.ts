import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { RateLimitPermit, RateLimitRequest } from "../core/ports.js";
import {
  type NormalizedAdaptive,
  type NormalizedLimits,
  normalizeConfig,
  normalizeOptions,
} from "./config.js";
import { KeyState } from "./key-state.js";
import { type Waiter, WaitQueue } from "./queue.js";
import type {
  ClientRateLimiter,
  RateLimitClock,
  RateLimitStats,
  RateLimitsConfig,
  RateLimitsOptions,
} from "./types.js";
import type { WindowEntry } from "./window.js";

const NO_LIMITS: RateLimitPermit = { release() {} };
const MAX_CACHED_MODELS = 1000;

class Limiter implements ClientRateLimiter {
  readonly portVersion = 1 as const;
  readonly keys: readonly string[];
  private readonly states = new Map<string, KeyState>();
  private readonly keysByModel = new Map<string, readonly KeyState[]>();
  private readonly queue = new WaitQueue();
  private timer: unknown;
  private timerSet = false;
  /** Calls started so far: numbers the calls, so a 429 can tell which were sent before the last slow-down. */
  private startNo = 0;

  constructor(
    config: Map<string, NormalizedLimits>,
    private readonly clock: RateLimitClock,
    private readonly adaptive: NormalizedAdaptive,
  ) {
    const now = clock.now();
    for (const [key, limits] of config) this.states.set(key, new KeyState(key, limits, now));
    this.keys = [...config.keys()];
  }

  acquire(request: RateLimitRequest): Promise<RateLimitPermit> {
    const invalid = checkRequest(request);
    if (invalid) return Promise.reject(invalid);
    const { model, estimatedTokens: tokens, signal } = request;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const keys = this.keysFor(model);
    if (keys.length === 0) return Promise.resolve(NO_LIMITS);
    return new Promise<RateLimitPermit>((resolve, reject) => {
      const waiter: Waiter = {
        seq: this.queue.nextSeq(),
        keys,
        tokens,
        enqueuedAt: this.clock.now(),
        resolve,
        signal,
        onAbort: undefined,
        gone: false,
      };
      if (signal) {
        waiter.onAbort = () => {
          // Leave the line at once; the calls behind may now start.
          if (waiter.gone) return;
          waiter.gone = true;
          for (const key of keys) key.queued--;
          reject(signal.reason);
          this.pump();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      for (const key of keys) key.queued++;
      this.queue.push(model, waiter);
      this.pump();
    });
  }

  stats(): RateLimitStats {
    const now = this.clock.now();
    const out: RateLimitStats = {};
    for (const [name, state] of this.states) out[name] = state.stats(now);
    return out;
  }

  /** The configured keys a call to `model` must satisfy: "*", its provider, the model itself. */
  private keysFor(model: string): readonly KeyState[] {
    const cached = this.keysByModel.get(model);
    if (cached) return cached;
    const colon = model.indexOf(":");
    const names = new Set(["*", colon < 0 ? model : model.slice(0, colon), model]);
    const keys = [...names].flatMap((name) => this.states.get(name) ?? []);
    if (this.keysByModel.size < MAX_CACHED_MODELS) this.keysByModel.set(model, keys);
    return keys;
  }

  /**
   * Starts every call that may start, in arrival order. A call that cannot start on a key holds that
   * key's line: later calls needing the key wait behind it (first come, first served per key), while
   * calls for other keys go ahead. Then arms one timer for the earliest time-bound wait.
   */
  private pump(): void {
    const now = this.clock.now();
    const held = new Set<KeyState>();
    const everyCall = this.states.get("*");
    let wake = Number.POSITIVE_INFINITY;
    const tryStart = (waiter: Waiter): boolean => {
      let behind = false;
      let wait = 0;
      const failing: KeyState[] = [];
      for (const key of waiter.keys) {
        if (held.has(key)) {
          behind = true;
          continue;
        }
        const ms = key.waitMs(now, waiter.tokens);
        if (ms > 0) {
          failing.push(key);
          wait = Math.max(wait, ms);
        }
      }
      if (!behind && failing.length === 0) {
        this.start(waiter, now);
        return true;
      }
      for (const key of failing) held.add(key);
      if (failing.length > 0) wake = Math.min(wake, wait);
      return false;
    };
    this.queue.pass(
      tryStart,
      () => held.size === this.states.size || (everyCall !== undefined && held.has(everyCall)),
    );
    this.arm(wake);
  }

  private arm(wakeInMs: number): void {
    if (this.timerSet) this.clock.clearTimeout(this.timer);
    this.timerSet = Number.isFinite(wakeInMs);
    if (this.timerSet)
      this.timer = this.clock.setTimeout(() => this.onTimer(), Math.max(1, Math.ceil(wakeInMs)));
  }

  private onTimer(): void {
    this.timerSet = false;
    this.pump();
  }

  private start(waiter: Waiter, now: number): void {
    const { keys, tokens, signal, onAbort } = waiter;
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    const entries: (WindowEntry | undefined)[] = [];
    for (const key of keys) {
      key.queued--;
      entries.push(key.start(now, tokens, now - waiter.enqueuedAt));
    }
    const startNo = ++this.startNo;
    let released = false;
    waiter.resolve({
      release: (outcome) => {
        if (released) return;
        released = true;
        this.release(keys, entries, tokens, startNo, outcome);
      },
    });
  }

  private release(
    keys: readonly KeyState[],
    entries: readonly (WindowEntry | undefined)[],
    estimated: number,
    startNo: number,
    outcome: Parameters<RateLimitPermit["release"]>[0],
  ): void {
    const now = this.clock.now();
    const reported = outcome?.tokens;
    const actual =
      typeof reported === "number" && Number.isFinite(reported) && reported >= 0 ? reported : estimated;
    for (const [i, key] of keys.entries()) key.finish(entries[i], estimated, actual);
    if (outcome?.rateLimited) {
      const retry = outcome.retryAfterMs;
      const retryAfterMs =
        typeof retry === "number" && Number.isFinite(retry) && retry >= 0 ? retry : undefined;
      for (const key of keys) key.rateLimitedCount++;
      // The most specific key configured for this call (model, else provider, else "*") adapts.
      const call = { startNo, lastStartNo: this.startNo, retryAfterMs };
      keys[keys.length - 1]!.rateLimited(now, call, this.adaptive);
    } else {
      for (const key of keys) key.succeeded(now, startNo, this.adaptive);
    }
    this.pump();
  }
}

function checkRequest({ model, estimatedTokens }: RateLimitRequest): InvalidArgumentError | undefined {
  if (typeof model !== "string" || model === "") {
    return new InvalidArgumentError(
      "rate limit request model",
      `must be "provider:model-id" (got ${String(model)})`,
    );
  }
  if (typeof estimatedTokens !== "number" || !Number.isFinite(estimatedTokens) || estimatedTokens < 0) {
    const got = String(estimatedTokens);
    return new InvalidArgumentError(
      "rate limit request estimatedTokens",
      `must be 0 or more tokens (got ${got})`,
    );
  }
  return undefined;
}

/**
 * Client-side rate limits shared by every prompt in the process: concurrency, requests per minute
 * and tokens per minute, per provider, per model and (`"*"`) for every call, adapting to 429s.
 *
 * ```ts
 * configure({ rateLimiter: rateLimits({ openai: { rpm: 500, tpm: 200_000, concurrency: 8 } }) });
 * ```
 */
export function rateLimits(config: RateLimitsConfig, options?: RateLimitsOptions): ClientRateLimiter {
  const limits = normalizeConfig(config);
  const { adaptive, clock } = normalizeOptions(options);
  return new Limiter(limits, clock, adaptive);
}
