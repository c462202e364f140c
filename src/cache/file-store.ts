import { hash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { CacheStore } from "../core/ports.js";
import type { CachedRun } from "../core/types.js";
import { isCachedRun } from "./entry-shape.js";
import { checkTtl } from "./ttl.js";
import { emitCacheWarning, errorCode, errorMessage } from "./warn.js";

export interface FileCacheStoreOptions {
  /** Where entries live (default ".flowprompt/cache", resolved against the working directory). */
  dir?: string;
  /** Default lifetime of an entry in ms (default: until cleared). */
  ttlMs?: number;
}

/** What one file holds. The key is kept so that `clear(namespace)` can match it. */
interface FileRecord {
  v: 1;
  key: string;
  /** Epoch ms after which the entry is a miss; null = never. */
  expiresAt: number | null;
  entry: CachedRun;
}

/** Errors that mean the directory cannot be used: no retry will help until someone fixes it. */
const UNUSABLE = new Set(["EACCES", "EPERM", "EROFS", "ENOTDIR", "ENOSPC", "EDQUOT", "EISDIR", "ELOOP"]);
const SHARD = /^[0-9a-f]{2}$/;

/**
 * A cache on disk: one JSON file per entry, in subdirectories named by the first two hex digits of
 * the key's SHA-256, written atomically (temp file, then rename), so it survives restarts and can be
 * shared by processes on one machine. It never throws over the file system: a corrupt entry is a
 * miss (removed and counted in `corruptEntries`), and a directory it cannot write makes it warn once
 * (`FP_CACHE_UNWRITABLE`) and stop writing, so calls go on uncached.
 */
export class FileCacheStore implements CacheStore {
  readonly portVersion = 1 as const;
  readonly kind = "file";
  /** The absolute directory. */
  readonly dir: string;
  readonly #ttlMs: number | undefined;
  #canRead = true;
  #canWrite = true;
  #warned = false;
  #corrupt = 0;
  #writes = 0;

  constructor(options: FileCacheStoreOptions = {}) {
    this.dir = resolve(options.dir ?? ".flowprompt/cache");
    this.#ttlMs = checkTtl(options.ttlMs, "FileCacheStore ttlMs");
  }

  /** Entries found corrupt (bad JSON, wrong shape) and removed since this store was made. */
  get corruptEntries(): number {
    return this.#corrupt;
  }

  /** False once the directory turned out to be unwritable; the store then stores nothing. */
  get writable(): boolean {
    return this.#canWrite;
  }

  async get(key: string): Promise<CachedRun | undefined> {
    if (!this.#canRead) return undefined;
    const file = this.#fileOf(key);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if (errorCode(error) !== "ENOENT" && UNUSABLE.has(errorCode(error) ?? "")) this.#giveUp(error, true);
      return undefined;
    }
    const record = parseRecord(text, key);
    if (record === undefined) {
      this.#corrupt++;
      await removeFile(file);
      return undefined;
    }
    if (record.expiresAt !== null && Date.now() >= record.expiresAt) {
      await removeFile(file);
      return undefined;
    }
    return record.entry;
  }

  async set(key: string, value: CachedRun, options?: { ttlMs?: number }): Promise<void> {
    if (!this.#canWrite) return;
    const ttl = options?.ttlMs ?? this.#ttlMs;
    const expiresAt = ttl === undefined || !Number.isFinite(ttl) ? null : Date.now() + ttl;
    const record: FileRecord = { v: 1, key, expiresAt, entry: value };
    const json = JSON.stringify(record);
    const file = this.#fileOf(key);
    const temp = `${file}.${process.pid}.${++this.#writes}.tmp`;
    try {
      try {
        await writeFile(temp, json);
      } catch (error) {
        if (errorCode(error) !== "ENOENT") throw error;
        await mkdir(dirname(file), { recursive: true });
        await writeFile(temp, json);
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      if (!UNUSABLE.has(errorCode(error) ?? "")) throw error;
      this.#giveUp(error, false);
    }
  }

  async delete(key: string): Promise<boolean> {
    if (!this.#canRead) return false;
    return removeFile(this.#fileOf(key));
  }

  async clear(namespace?: string): Promise<number> {
    if (!this.#canRead) return 0;
    const prefix = namespace === undefined ? undefined : `${namespace}:`;
    const removed = await Promise.all(
      (await this.#files()).map(async (file) => {
        if (prefix !== undefined && !(await keyOf(file))?.startsWith(prefix)) return false;
        return removeFile(file);
      }),
    );
    return removed.filter(Boolean).length;
  }

  async size(): Promise<{ entries: number; bytes: number }> {
    const sizes = await Promise.all(
      (await this.#files()).map((file) =>
        stat(file).then(
          (s) => s.size,
          () => -1,
        ),
      ),
    );
    let entries = 0;
    let bytes = 0;
    for (const size of sizes) {
      if (size < 0) continue;
      entries++;
      bytes += size;
    }
    return { entries, bytes };
  }

  #fileOf(key: string): string {
    const name = hash("sha256", key, "hex");
    return join(this.dir, name.slice(0, 2), `${name}.json`);
  }

  async #files(): Promise<string[]> {
    let shards: string[];
    try {
      shards = (await readdir(this.dir, { withFileTypes: true }))
        .filter((d) => d.isDirectory() && SHARD.test(d.name))
        .map((d) => d.name);
    } catch {
      return [];
    }
    const lists = await Promise.all(
      shards.map(async (shard) => {
        const names = await readdir(join(this.dir, shard)).catch((): string[] => []);
        return names.filter((n) => n.endsWith(".json")).map((n) => join(this.dir, shard, n));
      }),
    );
    return lists.flat();
  }

  #giveUp(error: unknown, reading: boolean): void {
    this.#canWrite = false;
    if (reading) this.#canRead = false;
    if (this.#warned) return;
    this.#warned = true;
    emitCacheWarning(
      "FP_CACHE_UNWRITABLE",
      `FlowPrompt cannot use the cache directory "${this.dir}" (${errorCode(error)}: ${errorMessage(error)}). ` +
        "The file cache is off for this process; calls go on uncached.",
      `Fix: make "${this.dir}" a writable directory (check that no file is in the way, its permissions and ` +
        'free space), or pass another one: new FileCacheStore({ dir: "…" }).',
    );
  }
}

function parseRecord(text: string, key: string): FileRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Partial<FileRecord>;
  const { expiresAt } = record;
  if (record.v !== 1 || record.key !== key) return undefined;
  if (expiresAt !== null && typeof expiresAt !== "number") return undefined;
  return isCachedRun(record.entry) ? (record as FileRecord) : undefined;
}

/** The key stored in an entry file, or undefined when it cannot be read. */
async function keyOf(file: string): Promise<string | undefined> {
  try {
    const key = (JSON.parse(await readFile(file, "utf8")) as { key?: unknown }).key;
    return typeof key === "string" ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Removes a file; false if it was not there or could not be removed. */
async function removeFile(file: string): Promise<boolean> {
  try {
    await unlink(file);
    return true;
  } catch {
    return false;
  }
}
