import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { DatasetRow } from "../../core/ports.js";
import { EmptyDatasetError } from "../errors/empty-dataset-error.js";
import { type DatasetFormat, type FileRecord, formatOf, readCsv, readJson, readJsonl } from "./formats.js";
import { checkLimit, type DatasetMapping, idChecker, rowMapper } from "./mapping.js";

/** Options of `loadDataset` and `streamDataset`: the field mapping, plus the file format. */
export interface LoadDatasetOptions<I = unknown, E = unknown> extends DatasetMapping<I, E> {
  /** The file format; by default from the extension (.jsonl/.ndjson, .csv, .tsv, .json). */
  format?: DatasetFormat;
}

async function* records(file: string, format: DatasetFormat): AsyncGenerator<FileRecord> {
  if (format === "jsonl") yield* readJsonl(file);
  else if (format === "csv") yield* readCsv(file, ",");
  else if (format === "tsv") yield* readCsv(file, "\t");
  else yield* await readJson(file);
}

/**
 * Streams the rows of a data file, mapped and validated, one at a time: JSONL and CSV are read line
 * by line in constant memory (only the ids seen are kept, to refuse duplicates). Throws (from the
 * iteration) a `DatasetFileError`, `DatasetRowError`, `DuplicateIdError` or `EmptyDatasetError`.
 *
 * ```ts
 * for await (const row of streamDataset("big.jsonl", { input: "question", expected: "answer" })) …
 * ```
 */
export async function* streamDataset<I = unknown, E = unknown>(
  file: string,
  options: LoadDatasetOptions<I, E> = {},
): AsyncGenerator<DatasetRow<I, E>> {
  if (typeof file !== "string" || file === "") {
    throw new InvalidArgumentError("dataset path", "expected a file path (a non-empty string).");
  }
  const format = formatOf(file, options.format);
  const limit = checkLimit(options.limit);
  const map = rowMapper(options);
  const checkId = idChecker();
  let row = 0;
  for await (const record of records(file, format)) {
    row++;
    const loc = { file, line: record.line, row };
    const mapped = map(record.value, loc);
    checkId(mapped.id, loc);
    yield mapped;
    if (row >= limit) break;
  }
  if (row === 0) throw new EmptyDatasetError(file);
}

/**
 * Loads a dataset: a file path (JSONL, CSV/TSV or JSON, by extension) or an array of rows
 * (`{ input, expected?, id?, category? }`, validated the same way). Ids come from the id field,
 * else the row number ("1", "2", …).
 *
 * ```ts
 * const rows = await loadDataset("qa.csv", { input: "question", expected: "answer", requireExpected: true });
 * ```
 */
export async function loadDataset<I = unknown, E = unknown>(
  source: string | readonly unknown[],
  options: LoadDatasetOptions<I, E> = {},
): Promise<DatasetRow<I, E>[]> {
  if (typeof source !== "string") return datasetFromRows(source, options);
  const rows: DatasetRow<I, E>[] = [];
  for await (const row of streamDataset(source, options)) rows.push(row);
  return rows;
}

/** Validates and maps rows passed in directly (what `loadDataset(array)` does, synchronously). */
export function datasetFromRows<I = unknown, E = unknown>(
  source: readonly unknown[],
  options: DatasetMapping<I, E> = {},
): DatasetRow<I, E>[] {
  if (!Array.isArray(source)) {
    throw new InvalidArgumentError(
      "dataset",
      `expected a file path or an array of rows, got ${source === null ? "null" : typeof source}.`,
      'Pass "data.jsonl" or [{ input, expected? }, …].',
    );
  }
  const limit = checkLimit(options.limit);
  const map = rowMapper(options);
  const checkId = idChecker();
  const rows: DatasetRow<I, E>[] = [];
  for (const [i, value] of source.entries()) {
    if (i >= limit) break;
    const loc = { row: i + 1 };
    const mapped = map(value, loc);
    checkId(mapped.id, loc);
    rows.push(mapped);
  }
  if (rows.length === 0) throw new EmptyDatasetError(undefined);
  return rows;
}
