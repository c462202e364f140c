/** One call in a sliding window: when it started and the tokens charged for it. */
export interface WindowEntry {
  readonly at: number;
  tokens: number;
  /** False once the entry has left the window (a later correction then changes nothing). */
  live: boolean;
}

export const WINDOW_MS = 60_000;

/**
 * The calls started in the last 60 s, oldest first: the exact budget check behind rpm and tpm.
 * A call may start at `now` when the calls started in (now - 60 s, now] plus itself stay within the
 * limits. A call estimated above the whole tpm may start only when the window holds no tokens.
 */
export class SlidingWindow {
  private entries: WindowEntry[] = [];
  private head = 0;
  private sum = 0;

  get count(): number {
    return this.entries.length - this.head;
  }

  get tokens(): number {
    return this.sum;
  }

  /** Drops the calls that started 60 s or more before `now`. */
  expire(now: number): void {
    const entries = this.entries;
    while (this.head < entries.length && entries[this.head]!.at <= now - WINDOW_MS) {
      const entry = entries[this.head++]!;
      entry.live = false;
      this.sum -= entry.tokens;
    }
    if (this.head === entries.length) {
      this.entries = [];
      this.head = 0;
      this.sum = 0;
    } else if (this.head > 1024 && this.head * 2 > entries.length) {
      this.entries = entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Milliseconds until a call of `tokens` fits (0 if it fits now). Call `expire(now)` first. */
  waitMs(now: number, rpm: number | undefined, tpm: number | undefined, tokens: number): number {
    let until = now;
    if (rpm !== undefined && this.count + 1 > rpm) {
      // The oldest calls that must leave the window before one more fits.
      const mustLeave = this.count + 1 - Math.floor(rpm);
      until = Math.max(until, this.entries[this.head + mustLeave - 1]!.at + WINDOW_MS);
    }
    if (tpm !== undefined && tokens > 0 && this.sum + tokens > tpm) {
      const target = tokens > tpm ? 0 : tpm - tokens;
      let left = this.sum;
      for (let i = this.head; i < this.entries.length && left > target; i++) {
        const entry = this.entries[i]!;
        left -= entry.tokens;
        until = Math.max(until, entry.at + WINDOW_MS);
      }
    }
    return until - now;
  }

  add(at: number, tokens: number): WindowEntry {
    const entry: WindowEntry = { at, tokens, live: true };
    this.entries.push(entry);
    this.sum += tokens;
    return entry;
  }

  /** Replaces an entry's estimate by the actual usage, if it is still in the window. */
  correct(entry: WindowEntry, tokens: number): void {
    if (!entry.live) return;
    this.sum += tokens - entry.tokens;
    entry.tokens = tokens;
  }
}
