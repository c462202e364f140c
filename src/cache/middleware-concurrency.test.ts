import { describe, expect, it } from "vitest";
import type { CacheStore } from "../core/ports.js";
import { fakeModel, fakeRun } from "./fake-run.case.js";
import { FileCacheStore } from "./file-store.js";
import { MemoryCacheStore } from "./memory-store.js";
import { cache } from "./middleware.js";

describe("cache() middleware", () => {
  describe("concurrent identical misses", () => {
    it("make exactly one model call; the others share its answer as hits", async () => {
      const mw = cache();
      const model = fakeModel(() => ({ summary: "shared" }), 20);
      const runs = Array.from({ length: 50 }, () => fakeRun());
      const results = await Promise.all(runs.map(({ ctx }) => mw(ctx, model.next(ctx))));
      expect(model.calls).toBe(1);
      expect(results.every((r) => (r.output as { summary: string }).summary === "shared")).toBe(true);
      expect(results.filter((r) => !r.cached)).toHaveLength(1);
      expect(results.filter((r) => r.cached && r.usage.totalTokens === 0)).toHaveLength(49);
      expect(await mw.stats()).toMatchObject({ hits: 49, misses: 1, entries: 1 });
      // Each caller owns its output: editing one leaves the others alone.
      (results[0]!.output as { summary: string }).summary = "edited";
      expect(results.slice(1).every((r) => (r.output as { summary: string }).summary === "shared")).toBe(
        true,
      );
    });

    it("make one call even when a slow store answers after the model did", async () => {
      const inner = new MemoryCacheStore();
      const readDelays = [0, 40, 40];
      const slowReads: CacheStore = {
        portVersion: 1,
        kind: "slow",
        get(key) {
          const found = inner.get(key);
          return new Promise((resolve) => setTimeout(() => resolve(found), readDelays.shift() ?? 0));
        },
        set: async (key, value, options) => inner.set(key, value, options),
        delete: async (key) => inner.delete(key),
        clear: async (ns) => inner.clear(ns),
        size: async () => inner.size(),
      };
      const mw = cache({ store: slowReads });
      const model = fakeModel(() => "shared", 5);
      const runs = Array.from({ length: 3 }, () => fakeRun());
      const results = await Promise.all(runs.map(({ ctx }) => mw(ctx, model.next(ctx))));
      expect(model.calls).toBe(1);
      expect(results.map((r) => r.output)).toEqual(["shared", "shared", "shared"]);
    });

    it("make one call over a file store", async () => {
      const { mkdtempSync, rmSync } = await import("node:fs");
      const { tmpdir } = await import("node:os");
      const { join } = await import("node:path");
      const dir = mkdtempSync(join(tmpdir(), "fp-cache-mw-"));
      try {
        const mw = cache({ store: new FileCacheStore({ dir }) });
        const model = fakeModel(() => "shared", 5);
        const burst = () =>
          Array.from({ length: 20 }, () => fakeRun()).map(({ ctx }) => mw(ctx, model.next(ctx)));
        const results = [...(await Promise.all(burst())), ...(await Promise.all(burst()))];
        expect(model.calls).toBe(1);
        expect(results.every((r) => r.output === "shared")).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("all get the same error, and the error is not remembered", async () => {
      const mw = cache();
      const failure = new Error("provider down");
      const model = fakeModel((_ctx, call) => (call === 1 ? failure : "recovered"), 10);
      const runs = Array.from({ length: 10 }, () => fakeRun());
      const settled = await Promise.allSettled(runs.map(({ ctx }) => mw(ctx, model.next(ctx))));
      expect(model.calls).toBe(1);
      expect(settled.every((s) => s.status === "rejected" && s.reason === failure)).toBe(true);
      const again = fakeRun();
      expect((await mw(again.ctx, model.next(again.ctx))).output).toBe("recovered");
      expect(model.calls).toBe(2);
    });

    it("do not inherit the cancellation of the caller whose call they joined", async () => {
      const mw = cache();
      const leaderAbort = new AbortController();
      const model = fakeModel((ctx) => (ctx.signal?.aborted ? new Error("aborted") : "fine"), 20);
      const leader = fakeRun({ signal: leaderAbort.signal });
      const follower = fakeRun({ signal: new AbortController().signal });
      const led = mw(leader.ctx, model.next(leader.ctx));
      const followed = mw(follower.ctx, model.next(follower.ctx));
      leaderAbort.abort();
      await expect(led).rejects.toThrow("aborted");
      expect((await followed).output).toBe("fine");
      expect(model.calls).toBe(2);
    });
  });
});
