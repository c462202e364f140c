import { cacheKey } from "../core/cache-key.js";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { Middleware, Next, RunContext } from "../core/middleware.js";
import type { CacheStats, CacheStore } from "../core/ports.js";
import { type CachedRun, type MaybePromise, type RunResult, zeroUsage } from "../core/types.js";
import { MemoryCacheStore } from "./memory-store.js";
import { singleFlight } from "./single-flight.js";
import { checkTtl } from "./ttl.js";
import { emitCacheWarning, errorMessage } from "./warn.js";

export interface CacheOptions {
  /** Where entries live (default: a new MemoryCacheStore for this middleware). */
  store?: CacheStore;
  /** Entry lifetime in ms (default: the store's own). A call's `cache: { ttlMs }` overrides it. */
  ttlMs?: number;
  /** Key prefix (default "fp"). A call's `cache: { namespace }` overrides it. */
  namespace?: string;
}

/** The cache middleware, with its statistics and store at hand. */
export type CacheMiddleware = Middleware & {
  /** Hits and misses of this middleware since it was made, plus the store's current size. */
  stats(): Promise<CacheStats>;
  /** Removes every entry of the store, or only those of `namespace`. Returns how many. */
  clear(namespace?: string): Promise<number>;
  readonly store: CacheStore;
};

/** What checking a cached entry against the current call gives. */
type Check = { ok: true; output: unknown } | { ok: false; drop: boolean };

const SKIP: Check = { ok: false, drop: false };
const DROP: Check = { ok: false, drop: true };

/** The leader of a shared call failed because *its* caller aborted; the others should not inherit that. */
class LeaderAborted {
  readonly error: unknown;
  constructor(error: unknown) {
    this.error = error;
  }
}

/**
 * Serves repeated runs from a store. The key covers the prompt (name and content hash), the model,
 * the params, the variables, the history and `sampleId`. A hit returns before anything is rendered
 * or sent: `cached: true`, zero usage and cost, `attempts: 0`. Concurrent identical misses share one
 * model call. Failed calls are never stored. A hit whose output no longer passes the prompt's output
 * schema is dropped and run again.
 */
export function cache(options: CacheOptions = {}): CacheMiddleware {
  const store = options.store ?? new MemoryCacheStore();
  const defaultTtl = checkTtl(options.ttlMs, "cache() ttlMs");
  const defaultNamespace = options.namespace;
  if (defaultNamespace === "") {
    throw new InvalidArgumentError(
      "cache() namespace",
      "it is empty.",
      'Omit it (default "fp") or give a name.',
    );
  }
  const flights = singleFlight<CachedRun>();
  const warned = new Set<string>();
  let hits = 0;
  let misses = 0;

  function warnOnce(code: string, what: string, error: unknown): void {
    if (warned.has(code)) return;
    warned.add(code);
    emitCacheWarning(
      code,
      `FlowPrompt's cache could not ${what} its ${store.kind} store: ${errorMessage(error)}. ` +
        "Calls go on uncached meanwhile; this warning is shown once.",
      `Check the ${store.kind} store (connection, permissions, space).`,
    );
  }

  function read(key: string): MaybePromise<CachedRun | undefined> {
    try {
      const found = store.get(key);
      if (!isThenable(found)) return found;
      return found.then(undefined, (error: unknown) => {
        warnOnce("FP_CACHE_READ_FAILED", "read from", error);
        return undefined;
      });
    } catch (error) {
      warnOnce("FP_CACHE_READ_FAILED", "read from", error);
      return undefined;
    }
  }

  function writeFailed(error: unknown): void {
    warnOnce("FP_CACHE_WRITE_FAILED", "write to", error);
  }

  function write(key: string, entry: CachedRun, ttlMs: number | undefined): MaybePromise<void> {
    try {
      const done = store.set(key, entry, ttlMs === undefined ? undefined : { ttlMs });
      if (isThenable(done)) return done.then(undefined, (error: unknown) => writeFailed(error));
    } catch (error) {
      writeFailed(error);
    }
  }

  function drop(key: string): MaybePromise<unknown> {
    try {
      const done = store.delete(key);
      if (isThenable(done)) return done.then(undefined, () => false);
    } catch {
      // A failed delete only means the stale entry is overwritten by the next store.
    }
  }

  function cacheMiddleware(ctx: RunContext, next: Next): Promise<RunResult> {
    const perCall = ctx.options.cache;
    if (perCall === false) return next();
    let key: string;
    let ttlMs: number | undefined;
    try {
      key = cacheKey({
        promptName: ctx.prompt.name,
        promptHash: ctx.prompt.hash,
        vars: ctx.vars,
        modelId: ctx.modelId,
        params: ctx.params,
        history: ctx.history,
        sampleId: ctx.options.sampleId,
        namespace: perCall?.namespace ?? defaultNamespace,
        scope: ctx.prompt,
      });
      ttlMs = perCall?.ttlMs === undefined ? defaultTtl : checkTtl(perCall.ttlMs, "cache.ttlMs");
    } catch (error) {
      return Promise.reject(error);
    }
    const found = read(key);
    let checked: MaybePromise<Check> | undefined;
    if (found !== undefined && !isThenable(found)) {
      // The synchronous path (memory store, synchronous schema): no await between lookup and answer.
      checked = checkEntry(ctx, found);
      if (!isThenable(checked) && checked.ok) {
        hits++;
        return Promise.resolve(serve(ctx, found, checked.output));
      }
    }
    return lead(ctx, next, key, ttlMs, found, checked);
  }

  /** Looks up and, on a miss, calls the model, as the one caller of `key` or by joining the one running. */
  async function lead(
    ctx: RunContext,
    next: Next,
    key: string,
    ttlMs: number | undefined,
    found: MaybePromise<CachedRun | undefined>,
    checked: MaybePromise<Check> | undefined,
  ): Promise<RunResult> {
    let leading = false;
    let own: RunResult | undefined;
    let entry: CachedRun;
    try {
      entry = await flights.run(key, async () => {
        leading = true;
        const cached = await found;
        if (cached !== undefined) {
          const check = await (checked ?? checkEntry(ctx, cached));
          if (check.ok) {
            hits++;
            own = serve(ctx, cached, check.output);
            return cached;
          }
          if (check.drop) await drop(key);
        }
        misses++;
        let result: RunResult;
        try {
          result = await next();
        } catch (error) {
          throw ctx.signal?.aborted === true ? new LeaderAborted(error) : error;
        }
        own = result;
        const stored = toEntry(result);
        await write(key, stored, ttlMs);
        return stored;
      });
    } catch (error) {
      if (!(error instanceof LeaderAborted)) throw error;
      // The shared call was cancelled by its own caller: this caller, if still wanted, tries itself.
      if (leading || ctx.signal?.aborted === true) throw error.error;
      return cacheMiddleware(ctx, next);
    }
    if (own !== undefined) return own;
    hits++;
    return serve(ctx, entry, copyOf(entry.output));
  }

  return Object.assign(cacheMiddleware, {
    store,
    async stats(): Promise<CacheStats> {
      const { entries, bytes } = await store.size();
      const lookups = hits + misses;
      return { hits, misses, hitRate: lookups === 0 ? 0 : hits / lookups, entries, bytes };
    },
    async clear(namespace?: string): Promise<number> {
      return store.clear(namespace);
    },
  });
}

/** Whether `entry` may answer this call, and with which output (re-validated when there is a schema). */
function checkEntry(ctx: RunContext, entry: CachedRun): MaybePromise<Check> {
  // A reply cut off at the token limit only answers calls that accept one.
  if (entry.finishReason === "length" && !ctx.options.allowTruncated) return SKIP;
  const schema = ctx.prompt.output;
  if (schema === undefined) return { ok: true, output: entry.output };
  try {
    // The schema's own validate (Standard Schema): one call, no wrapper objects, on the hot path.
    const outcome = schema["~standard"].validate(entry.output);
    if (!isThenable(outcome)) return outcome.issues ? DROP : { ok: true, output: outcome.value };
    return outcome.then(
      (o): Check => (o.issues ? DROP : { ok: true, output: o.value }),
      (): Check => DROP,
    );
  } catch {
    return DROP;
  }
}

/** Answers a call from the cache; in stream mode the text is replayed as one delta. */
function serve(ctx: RunContext, entry: CachedRun, output: unknown): RunResult {
  if (ctx.mode === "stream") ctx.emit({ type: "text-delta", delta: entry.text });
  return resultFromCache(ctx, entry, output);
}

/**
 * The RunResult of a cache hit: the entry's output, text, model and finish reason; zero usage and
 * cost, `cached: true`, `attempts: 0`, latency since the run started, no warnings.
 */
export function resultFromCache(
  ctx: RunContext,
  entry: CachedRun,
  output: unknown = entry.output,
): RunResult {
  return {
    output,
    text: entry.text,
    usage: zeroUsage(),
    costUsd: 0,
    latencyMs: performance.now() - ctx.startedAt,
    cached: true,
    attempts: 0,
    model: entry.model,
    prompt: ctx.prompt.ref,
    finishReason: entry.finishReason,
    warnings: [],
    calls: [],
  };
}

function toEntry(result: RunResult): CachedRun {
  return {
    text: result.text,
    output: result.output,
    model: result.model,
    finishReason: result.finishReason,
    usage: { ...result.usage },
    costUsd: result.costUsd,
    createdAt: Date.now(),
  };
}

/** A private copy of an output shared between concurrent callers, so one caller's edits stay its own. */
function copyOf(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

function isThenable<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === "function";
}
