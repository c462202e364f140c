import type { Flavor } from "./types.js";

/** A token bucket refilled continuously at `perMinute / 60` per second, holding `burstSeconds` worth. */
class Bucket {
  private level: number;
  private last: number;
  readonly capacity: number;
  private readonly perMs: number;

  constructor(
    readonly perMinute: number,
    burstSeconds: number,
    now: number,
  ) {
    this.perMs = perMinute / 60_000;
    this.capacity = Math.max(1, (perMinute * burstSeconds) / 60);
    this.level = this.capacity;
    this.last = now;
  }

  private refill(now: number): void {
    this.level = Math.min(this.capacity, this.level + (now - this.last) * this.perMs);
    this.last = now;
  }

  /** Milliseconds until `cost` can be taken (0: now); a cost above the capacity waits for a full bucket. */
  wait(cost: number, now: number): number {
    this.refill(now);
    const need = Math.min(cost, this.capacity);
    return this.level >= need ? 0 : (need - this.level) / this.perMs;
  }

  take(cost: number, now: number): void {
    this.refill(now);
    this.level -= cost;
  }

  remaining(now: number): number {
    this.refill(now);
    return Math.max(0, Math.floor(this.level));
  }

  /** Milliseconds until the bucket is full again. */
  resetMs(now: number): number {
    this.refill(now);
    return Math.max(0, (this.capacity - this.level) / this.perMs);
  }
}

export type Admission =
  | { ok: true }
  | { ok: false; limit: "requests" | "tokens"; retryAfterMs: number; perMinute: number };

/** Requests-per-minute and tokens-per-minute limits, enforced like the providers do (429 + retry-after). */
export class RateLimiter {
  private readonly requests?: Bucket;
  private readonly tokens?: Bucket;

  constructor(limits: { rpm?: number; tpm?: number; burstSeconds?: number } | undefined, now = Date.now()) {
    const burst = limits?.burstSeconds ?? 1;
    if (!(burst > 0)) throw new RangeError(`rateLimits.burstSeconds must be > 0, got ${burst}.`);
    for (const key of ["rpm", "tpm"] as const) {
      const v = limits?.[key];
      if (v !== undefined && !(v > 0)) throw new RangeError(`rateLimits.${key} must be > 0, got ${v}.`);
    }
    if (limits?.rpm) this.requests = new Bucket(limits.rpm, burst, now);
    if (limits?.tpm) this.tokens = new Bucket(limits.tpm, burst, now);
  }

  get active(): boolean {
    return this.requests !== undefined || this.tokens !== undefined;
  }

  /** Admits a request of about `inputTokens` tokens, or says how long to wait. */
  admit(inputTokens: number, now = Date.now()): Admission {
    const r = this.requests?.wait(1, now) ?? 0;
    if (r > 0) return { ok: false, limit: "requests", retryAfterMs: r, perMinute: this.requests!.perMinute };
    const t = this.tokens?.wait(inputTokens, now) ?? 0;
    if (t > 0) return { ok: false, limit: "tokens", retryAfterMs: t, perMinute: this.tokens!.perMinute };
    this.requests?.take(1, now);
    this.tokens?.take(inputTokens, now);
    return { ok: true };
  }

  /** Charges the output tokens once they are known. */
  charge(outputTokens: number, now = Date.now()): void {
    this.tokens?.take(outputTokens, now);
  }

  /** The provider's rate-limit headers (OpenAI-style `x-ratelimit-*`, Anthropic's `anthropic-ratelimit-*`). */
  headers(flavor: Flavor, now = Date.now()): Record<string, string> {
    const out: Record<string, string> = {};
    const set = (name: "requests" | "tokens", b: Bucket | undefined) => {
      if (!b) return;
      if (flavor === "anthropic") {
        out[`anthropic-ratelimit-${name}-limit`] = String(b.perMinute);
        out[`anthropic-ratelimit-${name}-remaining`] = String(b.remaining(now));
        out[`anthropic-ratelimit-${name}-reset`] = new Date(now + b.resetMs(now))
          .toISOString()
          .replace(/\.\d+Z$/, "Z");
      } else if (flavor !== "google") {
        out[`x-ratelimit-limit-${name}`] = String(b.perMinute);
        out[`x-ratelimit-remaining-${name}`] = String(b.remaining(now));
        out[`x-ratelimit-reset-${name}`] = goDuration(b.resetMs(now));
      }
    };
    set("requests", this.requests);
    set("tokens", this.tokens);
    return out;
  }
}

/** A duration the way OpenAI writes it: "120ms", "1.5s", "6m0s". */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.ceil(ms)}ms`;
  const s = Math.round(ms / 100) / 10;
  if (s < 60) return `${s}s`;
  return `${Math.floor(s / 60)}m${Math.floor(s % 60)}s`;
}
