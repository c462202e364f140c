import { afterEach, describe, expect, it, vi } from "vitest";
import type { CacheStore } from "../core/ports.js";
import type { CachedRun } from "../core/types.js";
import { fakeModel, fakeRun } from "./fake-run.case.js";
import { FileCacheStore } from "./file-store.js";
import { MemoryCacheStore } from "./memory-store.js";
import { cache } from "./middleware.js";

afterEach(() => vi.restoreAllMocks());

describe("cache() middleware", () => {
  describe("when the store fails", () => {
    function failingStore(failOn: "get" | "set", sync: boolean): CacheStore {
      const inner = new MemoryCacheStore();
      const fail = () => {
        const error = new Error(`store ${failOn} failed`);
        if (sync) throw error;
        return Promise.reject(error);
      };
      return {
        portVersion: 1,
        kind: "flaky",
        get: (key) => (failOn === "get" ? (fail() as never) : inner.get(key)),
        set: (key, value: CachedRun) => (failOn === "set" ? (fail() as never) : inner.set(key, value)),
        delete: (key) => inner.delete(key),
        clear: (ns) => inner.clear(ns),
        size: () => inner.size(),
      };
    }

    for (const failOn of ["get", "set"] as const) {
      for (const sync of [true, false]) {
        it(`still answers, and warns once, when ${failOn} ${sync ? "throws" : "rejects"}`, async () => {
          const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
          const mw = cache({ store: failingStore(failOn, sync) });
          const model = fakeModel();
          for (let i = 0; i < 3; i++) {
            const { ctx } = fakeRun();
            expect((await mw(ctx, model.next(ctx))).output).toBe("A summary.");
          }
          expect(model.calls).toBe(3);
          expect(warn).toHaveBeenCalledTimes(1);
          expect(warn.mock.calls[0]?.[0]).toContain(`store ${failOn} failed`);
          expect(warn.mock.calls[0]?.[1]).toMatchObject({
            code: failOn === "get" ? "FP_CACHE_READ_FAILED" : "FP_CACHE_WRITE_FAILED",
          });
        });
      }
    }

    it("goes on uncached over a file store whose directory cannot be written", async () => {
      const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
      const { tmpdir } = await import("node:os");
      const { join } = await import("node:path");
      const dir = mkdtempSync(join(tmpdir(), "fp-cache-mw-"));
      writeFileSync(join(dir, "afile"), "");
      const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
      try {
        const mw = cache({ store: new FileCacheStore({ dir: join(dir, "afile", "cache") }) });
        const model = fakeModel();
        for (let i = 0; i < 2; i++) {
          const { ctx } = fakeRun();
          expect((await mw(ctx, model.next(ctx))).output).toBe("A summary.");
        }
        expect(model.calls).toBe(2);
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn.mock.calls[0]?.[1]).toMatchObject({ code: "FP_CACHE_UNWRITABLE" });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
