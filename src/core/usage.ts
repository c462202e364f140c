import { AsyncLocalStorage } from "node:async_hooks";
import { BUILT_IN, type Middleware } from "./middleware.js";
import { addUsage, type RunResult, type Usage, ZERO_USAGE } from "./types.js";

/** Totals for a group of calls. `costUsd` sums the known costs; `unpricedCalls` counts the unknown. */
export interface UsageTotals extends Usage {
  calls: number;
  cachedCalls: number;
  /** Model calls made: retries, fallbacks and repairs included (cache hits make none). */
  attempts: number;
  /** Model calls that failed (and were retried or fallen back from). */
  failedAttempts: number;
  costUsd: number;
  /** Calls whose model has no known price, so `costUsd` leaves them out. */
  unpricedCalls: number;
  latencyMs: number;
}

export interface UsageSummary extends UsageTotals {
  byModel: Record<string, UsageTotals>;
  byPrompt: Record<string, UsageTotals>;
}

function emptyTotals(): UsageTotals {
  return {
    ...ZERO_USAGE,
    calls: 0,
    cachedCalls: 0,
    attempts: 0,
    failedAttempts: 0,
    costUsd: 0,
    unpricedCalls: 0,
    latencyMs: 0,
  };
}

function add(t: UsageTotals, r: RunResult): void {
  Object.assign(t, addUsage(t, r.usage));
  t.calls += 1;
  t.attempts += r.attempts;
  for (const call of r.calls) if (!call.ok) t.failedAttempts += 1;
  t.latencyMs += r.latencyMs;
  if (r.cached) t.cachedCalls += 1;
  if (r.costUsd === null) t.unpricedCalls += 1;
  else t.costUsd += r.costUsd;
}

class Collector {
  readonly summary: UsageSummary = { ...emptyTotals(), byModel: {}, byPrompt: {} };
  constructor(readonly parent: Collector | undefined) {}

  record(r: RunResult): void {
    const s = this.summary;
    add(s, r);
    s.byModel[r.model] ??= emptyTotals();
    s.byPrompt[r.prompt.name] ??= emptyTotals();
    add(s.byModel[r.model]!, r);
    add(s.byPrompt[r.prompt.name]!, r);
  }
}

const storage = new AsyncLocalStorage<Collector>();

/**
 * Runs `fn` and collects the usage and cost of every prompt call made inside it, however deep
 * (AsyncLocalStorage). Nested `trackUsage` calls each see their own calls, and the outer one
 * sees them too; concurrent tasks never see each other's.
 */
export async function trackUsage<T>(fn: () => T | Promise<T>): Promise<{ value: T; usage: UsageSummary }> {
  const collector = new Collector(storage.getStore());
  const value = await storage.run(collector, fn);
  return { value, usage: collector.summary };
}

/** Records a finished run into every enclosing `trackUsage`. Called by the run pipeline. */
export function recordUsage(result: RunResult): void {
  for (let c = storage.getStore(); c; c = c.parent) c.record(result);
}

function recorded(result: RunResult): RunResult {
  recordUsage(result);
  return result;
}

/**
 * The built-in middleware that feeds `trackUsage()`: always first in the chain, so it sees every
 * result, cache hits included.
 */
export const usageMiddleware: Middleware = Object.assign(
  function usage(_ctx: Parameters<Middleware>[0], next: Parameters<Middleware>[1]) {
    return next().then(recorded);
  },
  { [BUILT_IN]: true as const },
);
