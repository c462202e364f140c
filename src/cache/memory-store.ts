import { LRUCache } from "lru-cache";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { CacheStore } from "../core/ports.js";
import type { CachedRun } from "../core/types.js";
import { checkTtl } from "./ttl.js";

export interface MemoryCacheStoreOptions {
  /** Most entries kept; the least recently used go first (default 10 000). */
  maxEntries?: number;
  /** Most bytes kept, counting each entry as the length of its JSON (default 64 MiB). */
  maxBytes?: number;
  /** Default lifetime of an entry in ms (default: until evicted). */
  ttlMs?: number;
}

/**
 * An in-process LRU cache, the default store of `cache()`. Every method answers synchronously, so
 * a hit costs no extra tick. Entries are copied when stored, so changing a result afterwards does
 * not change what later hits return.
 */
export class MemoryCacheStore implements CacheStore {
  readonly portVersion = 1 as const;
  readonly kind = "memory";
  readonly #lru: LRUCache<string, CachedRun>;

  constructor(options: MemoryCacheStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 10_000;
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    checkPositiveInteger("maxEntries", maxEntries);
    checkPositiveInteger("maxBytes", maxBytes);
    const ttl = checkTtl(options.ttlMs, "MemoryCacheStore ttlMs");
    this.#lru = new LRUCache<string, CachedRun>({
      max: maxEntries,
      maxSize: maxBytes,
      ...(ttl === undefined ? {} : { ttl: lruTtl(ttl) }),
      // Read the clock on every lookup rather than caching it behind a timer per millisecond.
      ttlResolution: 0,
    });
  }

  get(key: string): CachedRun | undefined {
    return this.#lru.get(key);
  }

  set(key: string, value: CachedRun, options?: { ttlMs?: number }): void {
    const copy = copyOf(value);
    const size = Math.max(1, jsonLength(copy));
    const ttl = options?.ttlMs;
    this.#lru.set(key, copy, ttl === undefined ? { size } : { size, ttl: lruTtl(ttl) });
  }

  delete(key: string): boolean {
    return this.#lru.delete(key);
  }

  clear(namespace?: string): number {
    if (namespace === undefined) {
      const n = this.#lru.size;
      this.#lru.clear();
      return n;
    }
    const prefix = `${namespace}:`;
    const doomed: string[] = [];
    for (const key of this.#lru.keys()) if (key.startsWith(prefix)) doomed.push(key);
    for (const key of doomed) this.#lru.delete(key);
    return doomed.length;
  }

  size(): { entries: number; bytes: number } {
    this.#lru.purgeStale();
    return { entries: this.#lru.size, bytes: this.#lru.calculatedSize };
  }
}

/** lru-cache reads 0 as "no ttl" and wants integers. */
function lruTtl(ttlMs: number): number {
  return Number.isFinite(ttlMs) ? Math.max(1, Math.ceil(ttlMs)) : 0;
}

function copyOf(value: CachedRun): CachedRun {
  try {
    return structuredClone(value);
  } catch {
    // Something that cannot be cloned (a function in the output): keep it as given.
    return { ...value };
  }
}

function jsonLength(value: CachedRun): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    return value.text.length;
  }
}

function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(`MemoryCacheStore ${name}`, `expected a positive integer, got ${value}.`);
  }
}
