import { describe, expect, it } from "vitest";
import type { CacheStore } from "../core/ports.js";
import type { CachedRun } from "../core/types.js";

/** Makes a fresh, empty store; `ttlMs` is the store's default entry lifetime. */
export type MakeStore = (options: { ttlMs?: number }) => CacheStore | Promise<CacheStore>;

export function entry(overrides: Partial<CachedRun> = {}): CachedRun {
  return {
    text: '{"city":"Zürich","tags":["a","b"]}',
    output: { city: "Zürich", tags: ["a", "b"] },
    model: "mock:echo",
    finishReason: "stop",
    usage: {
      inputTokens: 12,
      outputTokens: 7,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: 19,
    },
    costUsd: 0.00042,
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every CacheStore must have. Run it from each store's test file:
 * `runCacheStoreSuite("MemoryCacheStore", (o) => new MemoryCacheStore(o))`.
 */
export function runCacheStoreSuite(name: string, makeStore: MakeStore): void {
  describe(`${name} (shared CacheStore suite)`, () => {
    it("declares port version 1 and a kind", async () => {
      const store = await makeStore({});
      expect(store.portVersion).toBe(1);
      expect(store.kind).toMatch(/^[a-z]+$/);
    });

    it("misses a key it never stored", async () => {
      const store = await makeStore({});
      expect(await store.get("fp:nothing")).toBeUndefined();
    });

    it("returns what was stored, field for field", async () => {
      const store = await makeStore({});
      const value = entry({ costUsd: null, finishReason: "length" });
      await store.set("fp:a", value);
      expect(await store.get("fp:a")).toEqual(value);
    });

    it("keeps an entry apart from the object it was given", async () => {
      const store = await makeStore({});
      const value = entry();
      await store.set("fp:a", value);
      (value.output as { city: string }).city = "changed";
      value.text = "changed";
      expect(await store.get("fp:a")).toEqual(entry());
    });

    it("overwrites an entry set twice", async () => {
      const store = await makeStore({});
      await store.set("fp:a", entry({ text: "first" }));
      await store.set("fp:a", entry({ text: "second" }));
      expect((await store.get("fp:a"))?.text).toBe("second");
      expect((await store.size()).entries).toBe(1);
    });

    it("deletes one entry and says whether it was there", async () => {
      const store = await makeStore({});
      await store.set("fp:a", entry());
      await store.set("fp:b", entry());
      expect(await store.delete("fp:a")).toBe(true);
      expect(await store.delete("fp:a")).toBe(false);
      expect(await store.get("fp:a")).toBeUndefined();
      expect(await store.get("fp:b")).toBeDefined();
    });

    it("clears everything and returns how many entries it removed", async () => {
      const store = await makeStore({});
      for (const key of ["fp:a", "fp:b", "other:c"]) await store.set(key, entry());
      expect(await store.clear()).toBe(3);
      expect(await store.get("fp:a")).toBeUndefined();
      expect(await store.get("other:c")).toBeUndefined();
      expect(await store.size()).toEqual({ entries: 0, bytes: 0 });
    });

    it("clears one namespace only, not namespaces that merely start with the same letters", async () => {
      const store = await makeStore({});
      for (const key of ["app:a", "app:b", "app2:c", "fp:d"]) await store.set(key, entry());
      expect(await store.clear("app")).toBe(2);
      expect(await store.get("app:a")).toBeUndefined();
      expect(await store.get("app:b")).toBeUndefined();
      expect(await store.get("app2:c")).toBeDefined();
      expect(await store.get("fp:d")).toBeDefined();
      expect((await store.size()).entries).toBe(2);
    });

    it("reports entries and bytes, bytes growing with bigger entries", async () => {
      const store = await makeStore({});
      expect(await store.size()).toEqual({ entries: 0, bytes: 0 });
      await store.set("fp:small", entry({ text: "x" }));
      const one = await store.size();
      expect(one.entries).toBe(1);
      expect(one.bytes).toBeGreaterThan(0);
      await store.set("fp:big", entry({ text: "x".repeat(10_000) }));
      const two = await store.size();
      expect(two.entries).toBe(2);
      expect(two.bytes).toBeGreaterThan(one.bytes + 10_000);
    });

    it("expires an entry after its own ttlMs", async () => {
      const store = await makeStore({});
      await store.set("fp:short", entry(), { ttlMs: 30 });
      await store.set("fp:long", entry(), { ttlMs: 60_000 });
      await store.set("fp:forever", entry());
      await sleep(80);
      expect(await store.get("fp:short")).toBeUndefined();
      expect(await store.get("fp:long")).toBeDefined();
      expect(await store.get("fp:forever")).toBeDefined();
    });

    it("expires entries after the store's default ttlMs, unless the entry sets its own", async () => {
      const store = await makeStore({ ttlMs: 30 });
      await store.set("fp:default", entry());
      await store.set("fp:own", entry(), { ttlMs: 60_000 });
      await sleep(80);
      expect(await store.get("fp:default")).toBeUndefined();
      expect(await store.get("fp:own")).toBeDefined();
    });
  });
}
