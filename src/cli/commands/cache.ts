import type { Command } from "commander";
import { FileCacheStore } from "../../cache/index.js";
import { EXIT, type Io } from "../output.js";

export function cacheCommand(program: Command, io: Io, done: (code: number) => void): void {
  const cmd = program
    .command("cache")
    .description("inspect or clear the file cache used by `flowprompt run`");
  cmd
    .command("stats")
    .description("entries and bytes in the cache")
    .option("--cache-dir <dir>", "cache directory", ".flowprompt/cache")
    .option("--json", "print JSON")
    .action(async (opts) => {
      const store = new FileCacheStore({ dir: opts.cacheDir });
      const { entries, bytes } = await store.size();
      if (opts.json) io.out(JSON.stringify({ dir: opts.cacheDir, entries, bytes }));
      else io.out(`${opts.cacheDir}: ${entries} entr${entries === 1 ? "y" : "ies"}, ${formatBytes(bytes)}`);
      done(EXIT.ok);
    });
  cmd
    .command("clear")
    .description("remove cached entries")
    .option("--cache-dir <dir>", "cache directory", ".flowprompt/cache")
    .option("--namespace <ns>", "only entries of this namespace")
    .action(async (opts) => {
      const store = new FileCacheStore({ dir: opts.cacheDir });
      const removed = await store.clear(opts.namespace);
      io.out(`Removed ${removed} entr${removed === 1 ? "y" : "ies"} from ${opts.cacheDir}.`);
      done(EXIT.ok);
    });
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
