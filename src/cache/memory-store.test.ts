import { describe, expect, it } from "vitest";
import { MemoryCacheStore } from "./memory-store.js";
import { entry, runCacheStoreSuite } from "./store.case.js";

runCacheStoreSuite("MemoryCacheStore", (options) => new MemoryCacheStore(options));

describe("MemoryCacheStore", () => {
  it("answers synchronously, so a hit costs no extra tick", () => {
    const store = new MemoryCacheStore();
    expect(store.set("fp:a", entry())).toBeUndefined();
    expect(store.get("fp:a")).toEqual(entry());
    expect(store.size()).toEqual({ entries: 1, bytes: JSON.stringify(entry()).length });
    expect(store.delete("fp:a")).toBe(true);
    expect(store.clear()).toBe(0);
  });

  it("evicts the least recently used entry beyond maxEntries", () => {
    const store = new MemoryCacheStore({ maxEntries: 2 });
    store.set("fp:a", entry());
    store.set("fp:b", entry());
    store.get("fp:a");
    store.set("fp:c", entry());
    expect(store.get("fp:a")).toBeDefined();
    expect(store.get("fp:b")).toBeUndefined();
    expect(store.get("fp:c")).toBeDefined();
  });

  it("evicts to stay within maxBytes, counting each entry as its JSON length", () => {
    const one = JSON.stringify(entry()).length;
    const store = new MemoryCacheStore({ maxBytes: one * 2 + 10 });
    store.set("fp:a", entry());
    store.set("fp:b", entry());
    store.set("fp:c", entry());
    expect(store.size()).toEqual({ entries: 2, bytes: one * 2 });
    expect(store.get("fp:a")).toBeUndefined();
  });

  it("does not keep an entry larger than maxBytes", () => {
    const store = new MemoryCacheStore({ maxBytes: 100 });
    store.set("fp:big", entry({ text: "x".repeat(500) }));
    expect(store.get("fp:big")).toBeUndefined();
    expect(store.size().entries).toBe(0);
  });

  it("stores an entry whose output cannot be cloned or turned into JSON", () => {
    const store = new MemoryCacheStore();
    const output = { n: 1n, format: () => "x" };
    store.set("fp:odd", entry({ output }));
    expect(store.get("fp:odd")?.output).toEqual(output);
  });

  it("refuses options it cannot use, naming them", () => {
    expect(() => new MemoryCacheStore({ maxEntries: 0 })).toThrow(
      /maxEntries: expected a positive integer, got 0/,
    );
    expect(() => new MemoryCacheStore({ maxBytes: 1.5 })).toThrow(/maxBytes/);
    expect(() => new MemoryCacheStore({ ttlMs: -1 })).toThrow(/ttlMs: expected a positive number/);
  });
});
