import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sharedMockModel } from "../models/mock-provider.js";
import { cli, example, tempDir } from "./test-utils/cli.js";

const summarize = (...extra: string[]) =>
  cli("run", example("summarize.prompt"), "--var", "text=The sky is blue.", "--model", "mock", ...extra);

beforeEach(() => sharedMockModel().reset());

/** Fills a cache dir by running the summarize example once per text (in `namespace` if given). */
async function fill(dir: string, texts: string[], namespace?: string): Promise<void> {
  for (const text of texts) {
    const ns = namespace ? ["--namespace", namespace] : [];
    const r = await cli(
      "run",
      example("summarize.prompt"),
      "--var",
      `text=${text}`,
      "--model",
      "mock",
      "--cache-dir",
      dir,
      ...ns,
    );
    expect(r.code).toBe(0);
  }
}

describe("flowprompt cache", () => {
  it("stats counts the entries and their size", async () => {
    const dir = join(tempDir(), "cache");
    await fill(dir, ["a", "b", "c"]);
    const r = await cli("cache", "stats", "--cache-dir", dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^${dir}: 3 entries, \\d+(\\.\\d)? (B|KiB)\\n$`));
    const json = JSON.parse((await cli("cache", "stats", "--cache-dir", dir, "--json")).out);
    expect(json).toEqual({ dir, entries: 3, bytes: expect.any(Number) });
    expect(json.bytes).toBeGreaterThan(100);
  });

  it("stats on a folder that does not exist is empty, and does not create it", async () => {
    const dir = join(tempDir(), "nothing-here");
    const r = await cli("cache", "stats", "--cache-dir", dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${dir}: 0 entries, 0 B\n`);
    expect(existsSync(dir)).toBe(false);
  });

  it("says 1 entry, and counts KiB and MiB", async () => {
    const dir = join(tempDir(), "cache");
    await fill(dir, ["a"]);
    expect((await cli("cache", "stats", "--cache-dir", dir)).out).toMatch(/: 1 entry, \d+ B\n$/);
    // Only the shard layout matters to stats: <2 hex digits>/<anything>.json
    mkdirSync(join(dir, "ab"), { recursive: true });
    writeFileSync(join(dir, "ab", "big.json"), "x".repeat(2 * 1024 * 1024));
    expect((await cli("cache", "stats", "--cache-dir", dir)).out).toMatch(/: 2 entries, 2\.0 MiB\n$/);
    writeFileSync(join(dir, "ab", "big.json"), "x".repeat(4096));
    expect((await cli("cache", "stats", "--cache-dir", dir)).out).toMatch(/: 2 entries, 4\.\d KiB\n$/);
  });

  it("clear empties the cache, and the next run is a miss", async () => {
    const dir = join(tempDir(), "cache");
    await fill(dir, ["a", "b"]);
    const r = await cli("cache", "clear", "--cache-dir", dir);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Removed 2 entries from ${dir}.\n`);
    expect((await cli("cache", "stats", "--cache-dir", dir)).out).toContain(": 0 entries");
    const again = await cli(
      "run",
      example("summarize.prompt"),
      "--var",
      "text=a",
      "--model",
      "mock",
      "--cache-dir",
      dir,
    );
    expect(again.err).not.toContain("cached");
  });

  it("clear --namespace removes only that namespace", async () => {
    const dir = join(tempDir(), "cache");
    await fill(dir, ["a", "b"], "team-a");
    await fill(dir, ["a"]); // default namespace "fp"
    const r = await cli("cache", "clear", "--cache-dir", dir, "--namespace", "team-a");
    expect(r.out).toBe(`Removed 2 entries from ${dir}.\n`);
    expect((await cli("cache", "stats", "--cache-dir", dir)).out).toContain(": 1 entry");
    expect((await cli("cache", "clear", "--cache-dir", dir, "--namespace", "team")).out).toBe(
      `Removed 0 entries from ${dir}.\n`,
    );
    expect((await cli("cache", "clear", "--cache-dir", dir, "--namespace", "fp")).out).toBe(
      `Removed 1 entry from ${dir}.\n`,
    );
  });

  it("defaults to .flowprompt/cache, as --help says", async () => {
    const r = await cli("cache", "stats", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain('--cache-dir <dir>  cache directory (default: ".flowprompt/cache")');
  });

  it("cache without a subcommand prints its help on stderr and exits 2; an unknown one exits 2", async () => {
    const bare = await cli("cache");
    expect(bare.code).toBe(2);
    expect(bare.err).toContain("Usage: flowprompt cache [options] [command]");
    const unknown = await cli("cache", "purge");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("error: unknown command 'purge'");
  });
});

describe("flowprompt run with the file cache", () => {
  it("a second identical run is served from --cache-dir and says 'cached'", async () => {
    const dir = join(tempDir(), "cache");
    const first = await summarize("--cache-dir", dir);
    expect(first.err).not.toContain("cached");
    const second = await summarize("--cache-dir", dir);
    expect(second.code).toBe(0);
    expect(second.out).toBe(first.out);
    expect(second.err).toMatch(/^mock:mock · 0 in \/ 0 out tokens · \$0 · \d+ ms · cached\n$/);
    expect(sharedMockModel().calls).toHaveLength(1);
    const streamed = await summarize("--cache-dir", dir, "--stream");
    expect(streamed.err).toContain("· cached");
    expect(JSON.parse(streamed.out)).toEqual(JSON.parse(first.out));
  });

  it("a different variable, model setting or namespace is a miss", async () => {
    const dir = join(tempDir(), "cache");
    await summarize("--cache-dir", dir);
    expect((await summarize("--cache-dir", dir, "--temperature", "1")).err).not.toContain("cached");
    expect((await summarize("--cache-dir", dir, "--namespace", "other")).err).not.toContain("cached");
    expect((await summarize("--cache-dir", dir, "--namespace", "other")).err).toContain("cached");
  });

  it("--no-cache neither reads nor writes the cache directory", async () => {
    const dir = join(tempDir(), "cache");
    await summarize("--no-cache", "--cache-dir", dir);
    expect(existsSync(dir)).toBe(false);
    await summarize("--cache-dir", dir);
    const before = readdirSync(dir, { recursive: true }).length;
    const r = await summarize("--no-cache", "--cache-dir", dir);
    expect(r.err).not.toContain("cached");
    expect(readdirSync(dir, { recursive: true }).length).toBe(before);
    expect(sharedMockModel().calls).toHaveLength(3);
  });

  it("an unusable cache directory does not stop the run (Node prints one warning)", async () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      const blocker = join(tempDir(), "file");
      writeFileSync(blocker, "not a folder");
      const r = await summarize("--cache-dir", blocker);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toHaveProperty("summary");
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining("cannot use the cache directory"),
        expect.objectContaining({ code: "FP_CACHE_UNWRITABLE" }),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it("an empty --namespace exits 2", async () => {
    const r = await summarize("--cache-dir", join(tempDir(), "c"), "--namespace", "");
    expect(r.code).toBe(2);
    expect(r.err).toContain("namespace");
  });
});
