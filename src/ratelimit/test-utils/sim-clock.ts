import type { RateLimitPermit } from "../../core/ports.js";
import type { ClientRateLimiter, RateLimitClock } from "../types.js";

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/** Lets every pending promise callback run (a macrotask comes after all queued microtasks). */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A simulated clock: time moves only when the test says so, and timers fire in time order. */
export class SimClock implements RateLimitClock {
  time = 0;
  private timers: Timer[] = [];
  private seq = 0;

  now = (): number => this.time;

  setTimeout = (callback: () => void, ms: number): unknown => {
    const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return timer;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t !== handle);
  };

  get pending(): number {
    return this.timers.length;
  }

  /** Runs the timers due up to `time + ms`, in order, letting promises settle after each. */
  async advance(ms: number): Promise<void> {
    await this.runUntil(this.time + ms);
  }

  async runUntil(end: number): Promise<void> {
    await flush();
    for (;;) {
      const next = this.next();
      if (!next || next.at > end) break;
      this.fire(next);
      await flush();
    }
    this.time = Math.max(this.time, end);
    await flush();
  }

  /** Runs timers until none is left (or `maxSteps` fired, which fails the test). */
  async runAll(maxSteps = 100_000): Promise<void> {
    await flush();
    for (let steps = 0; ; steps++) {
      const next = this.next();
      if (!next) return;
      if (steps >= maxSteps) throw new Error(`SimClock.runAll: still busy after ${maxSteps} timers`);
      this.fire(next);
      await flush();
    }
  }

  private next(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers)
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }

  private fire(timer: Timer): void {
    this.timers = this.timers.filter((t) => t !== timer);
    this.time = Math.max(this.time, timer.at);
    timer.callback();
  }
}

export interface SimCall {
  model: string;
  /** When the call asks the limiter (simulated ms). */
  arriveAt?: number;
  estimatedTokens?: number;
  /** Tokens reported at release (default: the estimate). */
  actualTokens?: number;
  durationMs?: number;
  rateLimited?: boolean;
  retryAfterMs?: number;
  signal?: AbortSignal;
}

export interface SimRecord {
  index: number;
  model: string;
  startedAt: number;
  endedAt: number;
  tokens: number;
}

/**
 * Runs `calls` through `limiter` on `clock`: each arrives, waits for its permit, "runs" for its
 * duration, then releases. Returns one record per call in start order (aborted calls are left out).
 */
export async function simulate(clock: SimClock, limiter: ClientRateLimiter, calls: readonly SimCall[]) {
  const records: SimRecord[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const done = calls.map(
    (call, index) =>
      new Promise<void>((finish) => {
        clock.setTimeout(async () => {
          const estimatedTokens = call.estimatedTokens ?? 0;
          let permit: RateLimitPermit;
          try {
            permit = await limiter.acquire({ model: call.model, estimatedTokens, signal: call.signal });
          } catch {
            return finish();
          }
          maxInFlight = Math.max(maxInFlight, ++inFlight);
          const tokens = call.actualTokens ?? estimatedTokens;
          const record = { index, model: call.model, startedAt: clock.now(), endedAt: Number.NaN, tokens };
          records.push(record);
          clock.setTimeout(() => {
            inFlight--;
            record.endedAt = clock.now();
            permit.release({ tokens, rateLimited: call.rateLimited, retryAfterMs: call.retryAfterMs });
            finish();
          }, call.durationMs ?? 0);
        }, call.arriveAt ?? 0);
      }),
  );
  await clock.runAll();
  await Promise.all(done);
  return { records, maxInFlight };
}
