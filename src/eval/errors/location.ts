/** Where a dataset row came from: a file (and its line), or a position in an array passed in. */
export interface RowLocation {
  /** The data file, when the rows came from one. */
  file?: string | undefined;
  /** 1-based line of the file (JSONL and CSV; for CSV, the line where the record ends). */
  line?: number | undefined;
  /** 1-based number of the row among the data rows (a CSV header is not a row). */
  row: number;
}

/** `data.jsonl:3 (row 2)`, `data.json, row 2`, or `row 2 (rows[1])`. */
export function formatRowLocation(loc: RowLocation): string {
  if (loc.file !== undefined && loc.line !== undefined) return `${loc.file}:${loc.line} (row ${loc.row})`;
  if (loc.file !== undefined) return `${loc.file}, row ${loc.row}`;
  return `row ${loc.row} (rows[${loc.row - 1}])`;
}
