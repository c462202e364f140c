import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { EvalRecord } from "./types.js";

export const recordKey = (variant: string, inputId: string, run: number) =>
  `${variant}\u0000${inputId}\u0000${run}`;

/**
 * Reads a records file. A torn last line (the process died while writing it) is skipped; a bad line
 * elsewhere is an error naming the file and line, since that is not what a crash leaves behind.
 */
export async function readRecords(file: string): Promise<EvalRecord[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new InvalidArgumentError("records file", `${file} cannot be read: ${(error as Error).message}`);
  }
  const lines = text.split("\n");
  const out: EvalRecord[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    try {
      const record = JSON.parse(line) as EvalRecord;
      if (
        typeof record.variant !== "string" ||
        typeof record.inputId !== "string" ||
        typeof record.run !== "number"
      ) {
        throw new Error("not a record");
      }
      out.push(record);
    } catch (error) {
      const isLast = lines.slice(i + 1).every((l) => l.trim() === "");
      if (isLast) break;
      throw new InvalidArgumentError(
        "records file",
        `${file}:${i + 1} is not a record (${(error as Error).message}).`,
        "Records files are written by FlowPrompt one JSON object per line; remove the damaged line or start afresh.",
      );
    }
  }
  return out;
}

/** Appends records one line at a time, in order, so an interrupted run keeps everything it finished. */
export class RecordWriter {
  #chain: Promise<void>;

  constructor(private readonly file: string) {
    this.#chain = mkdir(dirname(file), { recursive: true }).then(() => undefined);
  }

  /** Queues one record; `flush()` waits for every queued line to be on disk. */
  write(record: EvalRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    this.#chain = this.#chain.then(() => appendFile(this.file, line, "utf8"));
  }

  flush(): Promise<void> {
    return this.#chain;
  }
}
