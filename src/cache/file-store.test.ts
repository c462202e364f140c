import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { FileCacheStore } from "./file-store.js";
import { entry, runCacheStoreSuite } from "./store.case.js";

const root = mkdtempSync(join(tmpdir(), "fp-file-store-"));
let dirs = 0;
const freshDir = () => join(root, `store-${++dirs}`);

afterAll(() => rmSync(root, { recursive: true, force: true }));

runCacheStoreSuite("FileCacheStore", (options) => new FileCacheStore({ dir: freshDir(), ...options }));

/** Every file under `dir`, relative, sorted. */
function filesIn(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

describe("FileCacheStore", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON file per entry, in a subdirectory named by the first two hex digits", async () => {
    const dir = freshDir();
    const store = new FileCacheStore({ dir });
    await store.set("fp:a", entry());
    const files = filesIn(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^([0-9a-f]{2})\/\1[0-9a-f]{62}\.json$/);
    const record = JSON.parse(readFileSync(join(dir, files[0]!), "utf8"));
    expect(record).toMatchObject({ key: "fp:a", expiresAt: null, entry: entry() });
  });

  it("is read by another store on the same directory (survives a restart)", async () => {
    const dir = freshDir();
    await new FileCacheStore({ dir }).set("fp:a", entry());
    expect(await new FileCacheStore({ dir }).get("fp:a")).toEqual(entry());
  });

  it("ignores, removes and counts a corrupt entry", async () => {
    const dir = freshDir();
    const store = new FileCacheStore({ dir });
    await store.set("fp:json", entry());
    await store.set("fp:shape", entry());
    const [jsonFile, shapeFile] = filesIn(dir).map((f) => join(dir, f));
    const keyOfFile = (file: string) => JSON.parse(readFileSync(file, "utf8")).key as string;
    const [jsonKey, shapeKey] = [keyOfFile(jsonFile!), keyOfFile(shapeFile!)];
    writeFileSync(jsonFile!, '{"v":1,"key":"fp:js');
    writeFileSync(shapeFile!, JSON.stringify({ v: 1, key: shapeKey, expiresAt: null, entry: { text: 42 } }));

    expect(await store.get(jsonKey)).toBeUndefined();
    expect(await store.get(shapeKey)).toBeUndefined();
    expect(store.corruptEntries).toBe(2);
    expect(filesIn(dir)).toEqual([]);
    await store.set(jsonKey, entry());
    expect(await store.get(jsonKey)).toEqual(entry());
  });

  it("removes an expired entry when it is read", async () => {
    const dir = freshDir();
    const store = new FileCacheStore({ dir });
    await store.set("fp:a", entry(), { ttlMs: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.get("fp:a")).toBeUndefined();
    expect(filesIn(dir)).toEqual([]);
    expect(store.corruptEntries).toBe(0);
  });

  it("writes atomically: concurrent readers never see a partial file, and no temp file stays", async () => {
    const dir = freshDir();
    const store = new FileCacheStore({ dir });
    const size = 1_000_000;
    const big = (i: number) => entry({ text: String.fromCharCode(97 + (i % 26)).repeat(size) });
    await store.set("fp:same", big(0));
    let writing = true;
    const writes = (async () => {
      for (let round = 0; round < 10; round++) {
        await Promise.all([1, 2, 3].map((i) => store.set("fp:same", big(round * 3 + i))));
      }
      writing = false;
    })();
    const seen: number[] = [];
    while (writing) {
      const reads = await Promise.all([1, 2, 3].map(() => store.get("fp:same")));
      for (const read of reads) seen.push(read?.text.length ?? -1);
    }
    await writes;
    expect(seen.length).toBeGreaterThan(10);
    expect(new Set(seen)).toEqual(new Set([size]));
    expect(store.corruptEntries).toBe(0);
    expect(filesIn(dir)).toHaveLength(1);
    expect(filesIn(dir)[0]).toMatch(/[0-9a-f]{64}\.json$/);
  });

  it("warns once and goes on as a no-op when the directory cannot be written", async () => {
    const parent = freshDir();
    mkdirSync(parent);
    writeFileSync(join(parent, "afile"), "not a directory");
    const dir = join(parent, "afile", "cache");
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const store = new FileCacheStore({ dir });

    await expect(store.set("fp:a", entry())).resolves.toBeUndefined();
    await expect(store.set("fp:b", entry())).resolves.toBeUndefined();
    await expect(store.get("fp:a")).resolves.toBeUndefined();
    await expect(store.delete("fp:a")).resolves.toBe(false);
    await expect(store.clear()).resolves.toBe(0);
    await expect(store.size()).resolves.toEqual({ entries: 0, bytes: 0 });

    expect(store.writable).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    const [message, options] = warn.mock.calls[0] as [string, { code: string; detail: string }];
    expect(message).toContain(dir);
    expect(message).toContain("ENOTDIR");
    expect(options.code).toBe("FP_CACHE_UNWRITABLE");
    expect(options.detail).toMatch(/writable directory.*new FileCacheStore\(\{ dir/);
  });

  it("warns once when the first thing it does is read from an unusable directory", async () => {
    const parent = freshDir();
    mkdirSync(parent);
    writeFileSync(join(parent, "afile"), "");
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const store = new FileCacheStore({ dir: join(parent, "afile", "cache") });
    expect(await store.get("fp:a")).toBeUndefined();
    await store.set("fp:a", entry());
    expect(await store.get("fp:a")).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("counts only entry files in size(), not stray files", async () => {
    const dir = freshDir();
    const store = new FileCacheStore({ dir });
    await store.set("fp:a", entry());
    writeFileSync(join(dir, "README"), "hello");
    const [file] = filesIn(dir).filter((f) => f.endsWith(".json"));
    writeFileSync(join(dir, `${file}.123.1.tmp`), "partial");
    expect((await store.size()).entries).toBe(1);
  });

  it("defaults to .flowprompt/cache under the working directory", () => {
    expect(new FileCacheStore().dir).toBe(join(process.cwd(), ".flowprompt", "cache"));
  });
});
