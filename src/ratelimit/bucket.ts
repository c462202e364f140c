/**
 * A token bucket that paces calls: it holds up to `capacity` units, refills continuously at
 * `perMs` units per millisecond, and may go into debt. A call costing more than the capacity may
 * start when the bucket is full (so it never waits forever); its debt then delays the next call.
 */
export class TokenBucket {
  private level: number;
  private last: number;

  constructor(
    readonly capacity: number,
    private perMs: number,
    now: number,
  ) {
    this.level = capacity;
    this.last = now;
  }

  /** The units available at `now` (negative while in debt). */
  available(now: number): number {
    this.refill(now);
    return this.level;
  }

  /** Milliseconds until a call costing `cost` may start (0 if now). */
  waitMs(now: number, cost: number): number {
    this.refill(now);
    const need = Math.min(cost, this.capacity);
    // A hair of slack so floating-point refills do not add a 1 ms wait; the sliding window is exact.
    const missing = need - this.level - 1e-9 * Math.max(1, need);
    return missing <= 0 ? 0 : Math.max(0, this.last - now) + missing / this.perMs;
  }

  take(cost: number): void {
    this.level -= cost;
  }

  /** Charges `delta` more (positive) or refunds it (negative); a refund never overfills the bucket. */
  adjust(delta: number): void {
    this.level = Math.min(this.capacity, this.level - delta);
  }

  /** Changes the refill rate from `now` on. */
  setRate(now: number, perMs: number): void {
    this.refill(now);
    this.perMs = perMs;
  }

  /** Empties the bucket and keeps it empty until `until` (after a 429). */
  drainUntil(until: number): void {
    this.level = Math.min(this.level, 0);
    this.last = Math.max(this.last, until);
  }

  private refill(now: number): void {
    if (now <= this.last) return;
    this.level = Math.min(this.capacity, this.level + (now - this.last) * this.perMs);
    this.last = now;
  }
}
