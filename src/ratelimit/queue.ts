import type { RateLimitPermit } from "../core/ports.js";
import type { KeyState } from "./key-state.js";

/** A call waiting for its permit. */
export interface Waiter {
  /** Arrival number: smaller came first. */
  readonly seq: number;
  readonly keys: readonly KeyState[];
  readonly tokens: number;
  readonly enqueuedAt: number;
  readonly resolve: (permit: RateLimitPermit) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  /** Started or aborted: no longer waiting (left in its lane until it reaches the front). */
  gone: boolean;
}

/** The waiters for one model, in arrival order (they all need the same keys). */
class Lane {
  private items: Waiter[] = [];
  private head = 0;

  push(waiter: Waiter): void {
    this.items.push(waiter);
  }

  /** The first waiter still waiting, if any. */
  peek(): Waiter | undefined {
    while (this.head < this.items.length && this.items[this.head]!.gone) this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return this.items[this.head];
  }
}

/**
 * The waiting calls, one first-come-first-served lane per model. Calls of one model need the same
 * keys, so when a lane's first call cannot start, none behind it can: a pass looks only at the
 * lanes' first calls, which keeps it cheap however many calls wait.
 */
export class WaitQueue {
  private readonly lanes = new Map<string, Lane>();
  private seq = 0;

  nextSeq(): number {
    return this.seq++;
  }

  push(model: string, waiter: Waiter): void {
    const lane = this.lanes.get(model) ?? new Lane();
    this.lanes.set(model, lane);
    lane.push(waiter);
  }

  /**
   * Offers the lanes' first calls in arrival order to `tryStart`, which returns true if it started
   * the call (the lane then offers its next one) or false (the lane waits until the next pass).
   * Stops early when `allHeld()` says nothing more can start.
   */
  pass(tryStart: (waiter: Waiter) => boolean, allHeld: () => boolean): void {
    const waiting = new Set<Lane>();
    while (!allHeld()) {
      let first: { lane: Lane; waiter: Waiter } | undefined;
      for (const [model, lane] of this.lanes) {
        if (waiting.has(lane)) continue;
        const waiter = lane.peek();
        if (!waiter) this.lanes.delete(model);
        else if (!first || waiter.seq < first.waiter.seq) first = { lane, waiter };
      }
      if (!first) return;
      if (tryStart(first.waiter)) first.waiter.gone = true;
      else waiting.add(first.lane);
    }
  }
}
