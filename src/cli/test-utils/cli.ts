import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { main } from "../main.js";
import type { Io } from "../output.js";

export interface CliResult {
  code: number;
  /** Everything written to stdout, lines and streamed deltas alike, in order. */
  out: string;
  err: string;
  /** Only what went through `io.write` (streamed deltas), one entry per call. */
  writes: string[];
}

/** Runs `flowprompt …argv` in-process with an in-memory, colourless Io. */
export function cli(...argv: string[]): Promise<CliResult> {
  return cliWith({ color: false }, ...argv);
}

/** Runs `flowprompt …argv` in-process with an in-memory Io, coloured as asked. */
export async function cliWith(options: { color: boolean }, ...argv: string[]): Promise<CliResult> {
  let out = "";
  let err = "";
  const writes: string[] = [];
  const nl = (t: string) => (t.endsWith("\n") ? t : `${t}\n`);
  const io: Io = {
    out: (t) => {
      out += nl(t);
    },
    err: (t) => {
      err += nl(t);
    },
    write: (t) => {
      out += t;
      writes.push(t);
    },
    color: options.color,
  };
  const code = await main(argv, io);
  return { code, out, err, writes };
}

/** The repository's example prompts. */
export const EXAMPLES = fileURLToPath(new URL("../../../examples/prompts/", import.meta.url));
export const example = (name: string) => join(EXAMPLES, name);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder (removed after the test file), optionally holding `files`. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "flowprompt-cli-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** 1-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  return text.split("\n").findIndex((l) => l.includes(needle)) + 1;
}
