import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { compose } from "../core/middleware.js";
import { fakeModel, fakeRun, keyOf, modelResult } from "./fake-run.case.js";
import { MemoryCacheStore } from "./memory-store.js";
import { cache } from "./middleware.js";
import { entry } from "./store.case.js";

afterEach(() => vi.restoreAllMocks());

describe("cache() middleware", () => {
  it("answers a repeated run from the cache without calling the model", async () => {
    const mw = cache();
    const model = fakeModel();
    const first = fakeRun();
    const miss = await mw(first.ctx, model.next(first.ctx));
    expect(miss.cached).toBe(false);
    expect(miss.usage.totalTokens).toBe(120);

    const second = fakeRun();
    const hit = await mw(second.ctx, model.next(second.ctx));
    expect(model.calls).toBe(1);
    expect(hit).toMatchObject({
      output: "A summary.",
      text: "A summary.",
      model: "mock:echo",
      finishReason: "stop",
      cached: true,
      attempts: 0,
      costUsd: 0,
      prompt: { name: "summarize", version: "2", hash: "hash-1" },
      warnings: [],
    });
    expect(hit.usage).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: 0,
    });
    expect(hit.latencyMs).toBeGreaterThanOrEqual(0);
    expect(hit.latencyMs).toBeLessThan(50);
  });

  it("stores what the model returned, with its usage and cost", async () => {
    const store = new MemoryCacheStore();
    const run = fakeRun();
    await cache({ store })(run.ctx, fakeModel().next(run.ctx));
    const stored = store.get(keyOf(run.ctx));
    expect(stored).toMatchObject({
      text: "A summary.",
      output: "A summary.",
      model: "mock:echo",
      costUsd: 0.0021,
    });
    expect(stored?.usage.totalTokens).toBe(120);
    expect(Math.abs((stored?.createdAt ?? 0) - Date.now())).toBeLessThan(5_000);
  });

  it("misses when the vars, params, model or sampleId differ, and hits on the same sampleId", async () => {
    const mw = cache();
    const model = fakeModel();
    const runs = [
      fakeRun(),
      fakeRun({ vars: { text: "Another article." } }),
      fakeRun({ params: { temperature: 0.9 } }),
      fakeRun({ options: { sampleId: 1 } }),
      fakeRun({ options: { sampleId: 2 } }),
      fakeRun({ options: { sampleId: 2 } }),
    ];
    runs[2]!.ctx.modelId = "mock:other";
    for (const { ctx } of runs) await mw(ctx, model.next(ctx));
    expect(model.calls).toBe(5);
  });

  it("never stores a failed call: the next run calls the model again", async () => {
    const mw = cache();
    const model = fakeModel((_ctx, call) => (call === 1 ? new Error("rate limited") : "ok"));
    const a = fakeRun();
    await expect(mw(a.ctx, model.next(a.ctx))).rejects.toThrow("rate limited");
    expect((await mw.stats()).entries).toBe(0);
    const b = fakeRun();
    expect((await mw(b.ctx, model.next(b.ctx))).output).toBe("ok");
    expect(model.calls).toBe(2);
  });

  it("is skipped entirely with { cache: false }: no lookup, nothing stored", async () => {
    const mw = cache();
    const model = fakeModel();
    const warm = fakeRun();
    await mw(warm.ctx, model.next(warm.ctx));
    for (let i = 0; i < 2; i++) {
      const run = fakeRun({ options: { cache: false } });
      expect((await mw(run.ctx, model.next(run.ctx))).cached).toBe(false);
    }
    expect(model.calls).toBe(3);
    expect(await mw.stats()).toMatchObject({ hits: 0, misses: 1, entries: 1 });
  });

  it("keeps namespaces apart; a call's namespace overrides the middleware's; clear(namespace) drops one", async () => {
    const store = new MemoryCacheStore();
    const mw = cache({ store, namespace: "app" });
    const model = fakeModel();
    const inApp = () => fakeRun();
    const inTenant = () => fakeRun({ options: { cache: { namespace: "tenant-1" } } });
    for (const make of [inApp, inTenant, inApp, inTenant]) {
      const { ctx } = make();
      await mw(ctx, model.next(ctx));
    }
    expect(model.calls).toBe(2);
    expect(store.get(keyOf(inApp().ctx, "app"))).toBeDefined();
    expect(store.get(keyOf(inApp().ctx, "tenant-1"))).toBeDefined();
    expect(store.get(keyOf(inApp().ctx))).toBeUndefined();

    expect(await mw.clear("tenant-1")).toBe(1);
    for (const make of [inApp, inTenant]) {
      const { ctx } = make();
      await mw(ctx, model.next(ctx));
    }
    expect(model.calls).toBe(3);
  });

  it("passes the ttl to the store, a call's ttlMs overriding the middleware's", async () => {
    const store = new MemoryCacheStore();
    const set = vi.spyOn(store, "set");
    const mw = cache({ store, ttlMs: 60_000 });
    const model = fakeModel();
    const a = fakeRun();
    await mw(a.ctx, model.next(a.ctx));
    const b = fakeRun({ vars: { text: "b" }, options: { cache: { ttlMs: 5_000 } } });
    await mw(b.ctx, model.next(b.ctx));
    expect(set.mock.calls.map((call) => call[2])).toEqual([{ ttlMs: 60_000 }, { ttlMs: 5_000 }]);
  });

  it("misses once an entry's ttl has passed", async () => {
    const mw = cache({ ttlMs: 20 });
    const model = fakeModel();
    for (const wait of [0, 0, 60]) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      const { ctx } = fakeRun();
      await mw(ctx, model.next(ctx));
    }
    expect(model.calls).toBe(2);
  });

  it("refuses a bad ttl or an empty namespace, naming the option", async () => {
    expect(() => cache({ ttlMs: 0 })).toThrow(/cache\(\) ttlMs: expected a positive number/);
    expect(() => cache({ namespace: "" })).toThrow(/cache\(\) namespace: it is empty/);
    const run = fakeRun({ options: { cache: { ttlMs: -5 } } });
    await expect(cache()(run.ctx, fakeModel().next(run.ctx))).rejects.toThrow(/cache\.ttlMs/);
  });

  describe("with an output schema", () => {
    const Summary = z.object({ title: z.string(), words: z.number() });

    it("re-validates a hit and returns the schema's value", async () => {
      const mw = cache();
      const model = fakeModel(() => ({ title: "T", words: 3 }));
      for (let i = 0; i < 2; i++) {
        const { ctx } = fakeRun({ output: Summary });
        expect((await mw(ctx, model.next(ctx))).output).toEqual({ title: "T", words: 3 });
      }
      expect(model.calls).toBe(1);
    });

    it("drops an entry that no longer validates and calls the model instead", async () => {
      const store = new MemoryCacheStore();
      const mw = cache({ store });
      const { ctx } = fakeRun({ output: Summary });
      store.set(keyOf(ctx), entry({ output: { title: "T", words: "three" } }));
      const model = fakeModel(() => ({ title: "T", words: 3 }));
      const result = await mw(ctx, model.next(ctx));
      expect(model.calls).toBe(1);
      expect(result).toMatchObject({ cached: false, output: { title: "T", words: 3 } });
      expect(store.get(keyOf(ctx))?.output).toEqual({ title: "T", words: 3 });
      expect(await mw.stats()).toMatchObject({ hits: 0, misses: 1 });
    });

    it("works with a schema that validates asynchronously", async () => {
      const Async = z.object({ title: z.string() }).refine(async () => true);
      const mw = cache();
      const model = fakeModel(() => ({ title: "T" }));
      for (let i = 0; i < 2; i++) {
        const { ctx } = fakeRun({ output: Async });
        expect((await mw(ctx, model.next(ctx))).output).toEqual({ title: "T" });
      }
      expect(model.calls).toBe(1);
    });

    it("gives each hit its own output: changing one result does not change the next", async () => {
      const mw = cache();
      const model = fakeModel(() => ({ title: "T", words: 3 }));
      for (let i = 0; i < 3; i++) {
        const { ctx } = fakeRun({ output: Summary });
        const result = await mw(ctx, model.next(ctx));
        expect(result.output).toEqual({ title: "T", words: 3 });
        (result.output as { title: string }).title = "edited by the caller";
      }
    });
  });

  it("serves a reply cut off at the token limit only to calls that accept one", async () => {
    const store = new MemoryCacheStore();
    const mw = cache({ store });
    const { ctx } = fakeRun();
    store.set(keyOf(ctx), entry({ finishReason: "length", output: "cut", text: "cut" }));
    const model = fakeModel();
    const strict = fakeRun();
    expect((await mw(strict.ctx, model.next(strict.ctx))).output).toBe("A summary.");
    store.set(keyOf(ctx), entry({ finishReason: "length", output: "cut", text: "cut" }));
    const lenient = fakeRun({ options: { allowTruncated: true } });
    expect((await mw(lenient.ctx, model.next(lenient.ctx))).output).toBe("cut");
    expect(model.calls).toBe(1);
  });

  it("replays a hit as one text-delta in stream mode", async () => {
    const mw = cache();
    const model = fakeModel();
    const miss = fakeRun({ mode: "stream" });
    await mw(miss.ctx, model.next(miss.ctx));
    expect(miss.events).toEqual([]);
    const hit = fakeRun({ mode: "stream" });
    const result = await mw(hit.ctx, model.next(hit.ctx));
    expect(hit.events).toEqual([{ type: "text-delta", delta: "A summary." }]);
    expect(result.cached).toBe(true);
    const generate = fakeRun();
    await mw(generate.ctx, model.next(generate.ctx));
    expect(generate.events).toEqual([]);
  });

  it("reports hits, misses, hit rate, entries and bytes", async () => {
    const mw = cache();
    expect(await mw.stats()).toEqual({ hits: 0, misses: 0, hitRate: 0, entries: 0, bytes: 0 });
    const model = fakeModel();
    for (let i = 0; i < 4; i++) {
      const { ctx } = fakeRun();
      await mw(ctx, model.next(ctx));
    }
    const stats = await mw.stats();
    expect(stats).toMatchObject({ hits: 3, misses: 1, hitRate: 0.75, entries: 1 });
    expect(stats.bytes).toBe(JSON.stringify(mw.store.get(keyOf(fakeRun().ctx))).length);
    expect(mw.store.kind).toBe("memory");
  });

  it("runs in a middleware chain under its own name", async () => {
    const mw = cache();
    expect(mw.name).toBe("cacheMiddleware");
    let calls = 0;
    const run = compose([mw], async (ctx) => {
      calls++;
      return modelResult(ctx);
    });
    await run(fakeRun().ctx);
    const hit = await run(fakeRun().ctx);
    expect(calls).toBe(1);
    expect(hit.cached).toBe(true);
  });
});
