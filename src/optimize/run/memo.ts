import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { ResumeMismatchError } from "../errors/resume-mismatch-error.js";

/** One line of a history file. */
export type HistoryLine =
  | { type: "header"; fingerprint: string; startedAt: number; options: Record<string, unknown> }
  | { type: "memo"; key: string; value: unknown }
  | { type: "trial"; trial: Record<string, unknown> };

/**
 * Everything an optimization run has paid for, by key: row evaluations, proposals, teacher traces.
 * A repeated candidate costs nothing, and with a file (one JSON line per entry, appended as each
 * finishes) an interrupted run resumes: rerun with the same options and every call already made is
 * read back instead of made again. A torn last line (a crash mid-write) is skipped.
 */
export class Memo {
  readonly #values = new Map<string, unknown>();
  readonly #file: string | undefined;
  /** Entries read back from the file when the run started. */
  readonly resumed: number;
  hits = 0;

  constructor(file: string | undefined, fingerprint: string, options: Record<string, unknown>) {
    this.#file = file;
    let resumed = 0;
    if (file !== undefined) {
      const lines = readLines(file);
      const header = lines[0];
      if (header !== undefined) {
        if (header.type !== "header" || header.fingerprint !== fingerprint) {
          throw new ResumeMismatchError(file, header.type === "header" ? header.options : undefined, options);
        }
        for (const line of lines.slice(1)) {
          if (line.type === "memo") {
            this.#values.set(line.key, line.value);
            resumed++;
          }
        }
      } else {
        mkdirSync(dirname(file), { recursive: true });
        this.#append({ type: "header", fingerprint, startedAt: Date.now(), options });
      }
    }
    this.resumed = resumed;
  }

  has(key: string): boolean {
    return this.#values.has(key);
  }

  get<T>(key: string): T | undefined {
    const value = this.#values.get(key) as T | undefined;
    if (value !== undefined) this.hits++;
    return value;
  }

  /** Like get, without counting a hit. */
  peek<T>(key: string): T | undefined {
    return this.#values.get(key) as T | undefined;
  }

  set(key: string, value: unknown): void {
    this.#values.set(key, value);
    this.#append({ type: "memo", key, value });
  }

  /** Records a finished trial in the file (the in-memory history is the optimizer's). */
  trial(trial: Record<string, unknown>): void {
    this.#append({ type: "trial", trial });
  }

  #append(line: HistoryLine): void {
    if (this.#file !== undefined) appendFileSync(this.#file, `${JSON.stringify(line)}\n`);
  }
}

function readLines(file: string): HistoryLine[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const out: HistoryLine[] = [];
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    try {
      out.push(JSON.parse(line) as HistoryLine);
    } catch (error) {
      // Only the last line can be torn by a crash; anything else is a damaged file.
      if (i >= lines.length - 2) continue;
      throw new ResumeMismatchError(
        file,
        undefined,
        undefined,
        `line ${i + 1} is not JSON (${String(error)}).`,
      );
    }
  }
  return out;
}
