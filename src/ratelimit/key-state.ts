import { TokenBucket } from "./bucket.js";
import type { NormalizedAdaptive, NormalizedLimits } from "./config.js";
import type { RateLimitKeyStats } from "./types.js";
import { SlidingWindow, type WindowEntry } from "./window.js";

const PER_MINUTE = 60_000;

/**
 * The live state of one configured key: calls in flight, the sliding window of the last minute,
 * the pacing buckets, and the adaptation after 429s (a rate factor and a pause).
 */
export class KeyState {
  inFlight = 0;
  queued = 0;
  started = 0;
  waitedMsTotal = 0;
  rateLimitedCount = 0;
  /** Share of the configured rates now in force (AIMD): lowered by 429s, raised by successes. */
  private factor = 1;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  /** 429s in a row (each after the previous reaction), for the exponential cool-down. */
  private strikes = 0;
  /** The start number (see `Limiter`) of the latest call started when we last slowed down. */
  private reactedAfter = -1;
  private readonly window: SlidingWindow | undefined;
  private readonly requests: TokenBucket | undefined;
  private readonly tokens: TokenBucket | undefined;

  constructor(
    readonly name: string,
    private readonly limits: NormalizedLimits,
    now: number,
  ) {
    const { rpm, tpm, burstSeconds } = limits;
    const burst = burstSeconds / 60;
    if (rpm !== undefined || tpm !== undefined) this.window = new SlidingWindow();
    if (rpm !== undefined) this.requests = new TokenBucket(rpm * burst, rpm / PER_MINUTE, now);
    if (tpm !== undefined) this.tokens = new TokenBucket(tpm * burst, tpm / PER_MINUTE, now);
  }

  /** Milliseconds until a call of `tokens` may start here: 0 now, Infinity until a call is released. */
  waitMs(now: number, tokens: number): number {
    const { concurrency, rpm, tpm } = this.limits;
    if (concurrency !== undefined && this.inFlight >= concurrency) return Number.POSITIVE_INFINITY;
    let wait = Math.max(0, this.pausedUntil - now);
    if (this.window) {
      this.window.expire(now);
      wait = Math.max(wait, this.window.waitMs(now, rpm, tpm, tokens));
    }
    if (this.requests) wait = Math.max(wait, this.requests.waitMs(now, 1));
    if (this.tokens) wait = Math.max(wait, this.tokens.waitMs(now, tokens));
    return wait;
  }

  start(now: number, tokens: number, waitedMs: number): WindowEntry | undefined {
    this.inFlight++;
    this.started++;
    this.waitedMsTotal += waitedMs;
    this.requests?.take(1);
    this.tokens?.take(tokens);
    return this.window?.add(now, tokens);
  }

  /** Frees the slot and replaces the estimate by the actual tokens (refund or extra charge). */
  finish(entry: WindowEntry | undefined, estimated: number, actual: number): void {
    this.inFlight--;
    if (actual === estimated) return;
    if (entry) this.window?.correct(entry, actual);
    this.tokens?.adjust(actual - estimated);
  }

  /**
   * Call number `startNo` (calls are numbered as they start) was answered 429: pause and slow down,
   * once per episode: a call started before the last slow-down (`lastStartNo` then) does not slow down again.
   */
  rateLimited(
    now: number,
    call: { startNo: number; lastStartNo: number; retryAfterMs: number | undefined },
    adaptive: NormalizedAdaptive,
  ): void {
    const { startNo, lastStartNo, retryAfterMs } = call;
    if (!adaptive.enabled) return;
    if (startNo <= this.reactedAfter) {
      // It was sent before we reacted to the last 429: no second decrease, but honour its retry-after.
      if (retryAfterMs !== undefined) this.pauseUntil(now + retryAfterMs);
      return;
    }
    this.strikes++;
    this.reactedAfter = lastStartNo;
    const cooldown = Math.min(adaptive.maxCooldownMs, adaptive.cooldownMs * 2 ** (this.strikes - 1));
    this.pauseUntil(now + (retryAfterMs ?? cooldown));
    // A retry-after says exactly when to come back: pause, and slow down only a little. Without
    // one, the limit is a guess: halve the pace (multiplicative decrease).
    const decrease = retryAfterMs === undefined ? adaptive.decrease : Math.max(adaptive.decrease, 0.9);
    this.setFactor(now, Math.max(adaptive.minFactor, this.factor * decrease));
  }

  /** Call number `startNo` succeeded: recover additively (calls started before the last slow-down do not count). */
  succeeded(now: number, startNo: number, adaptive: NormalizedAdaptive): void {
    if (!adaptive.enabled || startNo <= this.reactedAfter) return;
    this.strikes = 0;
    if (this.factor < 1) this.setFactor(now, Math.min(1, this.factor + adaptive.increase));
  }

  stats(now: number): RateLimitKeyStats {
    const { rpm, tpm } = this.limits;
    this.window?.expire(now);
    const windowLeft = tpm === undefined ? 0 : tpm - (this.window?.tokens ?? 0);
    return {
      inFlight: this.inFlight,
      queued: this.queued,
      started: this.started,
      effectiveRpm: rpm === undefined ? null : rpm * this.factor,
      effectiveTpm: tpm === undefined ? null : tpm * this.factor,
      tokensAvailable: this.tokens
        ? Math.max(0, Math.floor(Math.min(windowLeft, this.tokens.available(now))))
        : null,
      pausedMs: Math.max(0, this.pausedUntil - now),
      waitedMsTotal: this.waitedMsTotal,
      rateLimitedCount: this.rateLimitedCount,
    };
  }

  private pauseUntil(until: number): void {
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.requests?.drainUntil(until);
    this.tokens?.drainUntil(until);
  }

  private setFactor(now: number, factor: number): void {
    this.factor = factor;
    const { rpm, tpm } = this.limits;
    if (rpm !== undefined) this.requests?.setRate(now, (rpm * factor) / PER_MINUTE);
    if (tpm !== undefined) this.tokens?.setRate(now, (tpm * factor) / PER_MINUTE);
  }
}
