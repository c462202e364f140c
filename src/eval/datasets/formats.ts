import { type FileHandle, open, readFile } from "node:fs/promises";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { parse as parseCsv } from "csv-parse";
import { DatasetFileError } from "../errors/dataset-file-error.js";

export type DatasetFormat = "jsonl" | "csv" | "tsv" | "json";

/** One record of a file, with the line it ends on (JSONL, CSV). */
export interface FileRecord {
  value: unknown;
  line?: number;
}

const EXTENSIONS: Record<string, DatasetFormat> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".csv": "csv",
  ".tsv": "tsv",
  ".json": "json",
};

/** The format of a data file, from `format` or the file's extension. */
export function formatOf(file: string, format: DatasetFormat | undefined): DatasetFormat {
  if (format !== undefined) {
    if (!Object.values(EXTENSIONS).includes(format)) {
      throw new DatasetFileError(file, `unknown format "${String(format)}".`, {
        hint: 'Use format: "jsonl", "csv", "tsv" or "json".',
      });
    }
    return format;
  }
  const ext = extname(file).toLowerCase();
  const found = EXTENSIONS[ext];
  if (found === undefined) {
    throw new DatasetFileError(file, `unknown extension "${ext || "(none)"}".`, {
      hint: `Use one of ${Object.keys(EXTENSIONS).join(", ")}, or pass { format: "jsonl" | "csv" | "tsv" | "json" }.`,
    });
  }
  return found;
}

function unreadable(file: string, cause: unknown): DatasetFileError {
  const code = (cause as { code?: string }).code;
  const why =
    code === "ENOENT"
      ? "no such file"
      : code === "EISDIR"
        ? "it is a directory"
        : code === "EACCES"
          ? "permission denied"
          : cause instanceof Error
            ? cause.message
            : String(cause);
  return new DatasetFileError(file, `cannot be read: ${why}.`, {
    hint: `Check the path (relative paths start from ${process.cwd()}).`,
    cause,
  });
}

async function openFile(file: string): Promise<FileHandle> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, "r");
    if ((await handle.stat()).isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    return handle;
  } catch (cause) {
    await handle?.close();
    throw unreadable(file, cause);
  }
}

/** JSONL: one JSON value per line, blank lines skipped; read line by line in constant memory. */
export async function* readJsonl(file: string): AsyncGenerator<FileRecord> {
  const handle = await openFile(file);
  const stream = handle.createReadStream({ encoding: "utf8" });
  let failure: unknown;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  stream.on("error", (error) => {
    failure = error;
    lines.close();
  });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      const body = line === 1 ? text.replace(/^\uFEFF/, "") : text;
      if (body.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch (cause) {
        throw new DatasetFileError(file, `malformed JSON: ${(cause as Error).message}`, {
          line,
          hint: 'Each line of a JSONL file must be one complete JSON value, such as {"input": "…", "expected": "…"}.',
          cause,
        });
      }
      yield { value, line };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
  if (failure !== undefined) throw unreadable(file, failure);
}

/**
 * CSV or TSV with a header line (RFC 4180 quoting, via csv-parse), streamed record by record.
 * Values stay strings; every record must have as many columns as the header.
 */
export async function* readCsv(file: string, delimiter: "," | "\t"): AsyncGenerator<FileRecord> {
  const handle = await openFile(file);
  const source = handle.createReadStream();
  const parser = parseCsv({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  source.on("error", (error) => parser.destroy(unreadable(file, error)));
  source.pipe(parser);
  let header: string[] | undefined;
  try {
    for await (const chunk of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = chunk;
      if (header === undefined) {
        header = record.map((h) => h.trim());
        checkHeader(file, header, info.lines);
        continue;
      }
      if (record.length !== header.length) {
        throw new DatasetFileError(
          file,
          `ragged CSV: expected ${plural(header.length, "column")} (as in the header), got ${record.length}.`,
          {
            line: info.lines,
            hint: 'Quote values that contain the delimiter or line breaks ("a, b"), and give every record the header\'s columns.',
          },
        );
      }
      const value: Record<string, string> = {};
      for (const [i, name] of header.entries()) value[name] = record[i]!;
      yield { value, line: info.lines };
    }
  } catch (cause) {
    if (DatasetFileError.isInstance(cause)) throw cause;
    const line = (cause as { lines?: number }).lines;
    throw new DatasetFileError(file, `malformed CSV: ${(cause as Error).message}`, {
      ...(line === undefined ? {} : { line }),
      cause,
    });
  } finally {
    source.destroy();
    parser.destroy();
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function checkHeader(file: string, header: readonly string[], line: number): void {
  const seen = new Set<string>();
  for (const [i, name] of header.entries()) {
    if (name === "") {
      throw new DatasetFileError(file, `the header's column ${i + 1} has no name.`, { line });
    }
    if (seen.has(name))
      throw new DatasetFileError(file, `the header names column "${name}" twice.`, { line });
    seen.add(name);
  }
}

/** JSON: an array of rows, or `{ rows: [...] }`. Read whole (JSON cannot be streamed line by line). */
export async function readJson(file: string): Promise<FileRecord[]> {
  let text: string;
  const handle = await openFile(file);
  try {
    text = await readFile(handle, "utf8");
  } catch (cause) {
    throw unreadable(file, cause);
  } finally {
    await handle.close();
  }
  text = text.replace(/^\uFEFF/, "");
  if (text.trim() === "") return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const message = (cause as Error).message;
    const at = /position (\d+)/.exec(message);
    const line = at ? text.slice(0, Number(at[1])).split("\n").length : undefined;
    throw new DatasetFileError(file, `malformed JSON: ${message}`, { ...(line ? { line } : {}), cause });
  }
  const rows = Array.isArray(data)
    ? data
    : typeof data === "object" && data !== null && Array.isArray((data as { rows?: unknown }).rows)
      ? (data as { rows: unknown[] }).rows
      : undefined;
  if (rows === undefined) {
    throw new DatasetFileError(file, "expected an array of rows or an object { rows: [...] }.", {
      hint: 'Write [{"input": "…", "expected": "…"}, …] or {"rows": [...]}.',
    });
  }
  return rows.map((value) => ({ value }));
}
