import { canonicalJson } from "../../../core/canonical.js";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { DatasetRow } from "../../../core/ports.js";
import { checkSeed, DEFAULT_SEED } from "../../../stats/rng.js";

/** Options of one `select` call. */
export interface SelectOptions {
  /** Overrides the selector's seed for this call (selectors without randomness ignore it). */
  seed?: number;
  /** Cancels the call (embedding included); it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Picks few-shot demonstrations from a pool of labelled rows. Every selector returns
 * min(k, available) distinct rows, where available is the pool minus the query row (same id: a
 * demo must never hold the query's answer), and the same rows for the same query and seed.
 */
export interface DemoSelector {
  /** e.g. `knn(hashing(1024))`. */
  readonly name: string;
  /** True when the demos depend on the query (kNN, MMR); false when one set serves every query. */
  readonly dynamic: boolean;
  /**
   * The demos for `query` (may be undefined for a static selector), best or most representative
   * first for kNN, MMR and diverse, interleaved strata for stratified.
   *
   * @throws InvalidArgumentError when k is not a positive integer, or a dynamic selector gets no query.
   */
  select(query: DatasetRow | undefined, k: number, options?: SelectOptions): Promise<DatasetRow[]>;
}

/** Turns a row into the text an embedder sees. */
export type RowText = (row: DatasetRow) => string;

/**
 * The default text of a row: a string input as is; an object's string, number and boolean values
 * joined by newlines (template variables, in key order); otherwise the canonical JSON of the input.
 */
export function defaultRowText(row: DatasetRow): string {
  const input = row.input;
  if (typeof input === "string") return input;
  if (input !== null && typeof input === "object" && !Array.isArray(input)) {
    const parts = Object.values(input as Record<string, unknown>)
      .filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
      .map(String);
    if (parts.length > 0) return parts.join("\n");
  }
  return canonicalJson(input);
}

/**
 * Checks a pool once, when the selector is built: a non-empty array of rows with unique string
 * ids and an expected value each (a demo shows an input with its answer).
 */
export function checkPool(pool: readonly DatasetRow[], who: string): readonly DatasetRow[] {
  if (!Array.isArray(pool) || pool.length === 0) {
    throw new InvalidArgumentError(
      `${who} pool`,
      Array.isArray(pool) ? "it is empty" : `expected an array of rows, got ${typeof pool}`,
      "Pass the labelled training rows to draw demos from, e.g. (await loadDataset(…)).rows.",
    );
  }
  const seen = new Map<string, number>();
  pool.forEach((row, i) => {
    if (row === null || typeof row !== "object" || typeof row.id !== "string") {
      throw new InvalidArgumentError(`${who} pool`, `row ${i} is not a row with a string id`);
    }
    if (row.expected === undefined) {
      throw new InvalidArgumentError(
        `${who} pool`,
        `row "${row.id}" (index ${i}) has no expected value, and a demo needs its answer`,
        "Label the row, or filter the pool first: pool.filter((r) => r.expected !== undefined).",
      );
    }
    const first = seen.get(row.id);
    if (first !== undefined) {
      throw new InvalidArgumentError(
        `${who} pool`,
        `rows ${first} and ${i} have the same id "${row.id}"`,
        "Give every row a unique id: selectors key on it to keep a query's own row out of its demos.",
      );
    }
    seen.set(row.id, i);
  });
  return [...pool];
}

/** Checks k (a positive integer). */
export function checkK(k: number, who: string): void {
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1) {
    throw new InvalidArgumentError(
      `${who} k`,
      `expected a positive integer, got ${String(k)}`,
      "Pass e.g. 4.",
    );
  }
}

/** The seed of a call: the call's, else the selector's, else the default. */
export function callSeed(options: SelectOptions | undefined, own: number | undefined, who: string): number {
  return checkSeed(options?.seed ?? own ?? DEFAULT_SEED, `${who} seed`);
}

/** Checks a select call's arguments, stops if aborted, and returns the id to leave out. */
export function startSelect(
  who: string,
  query: DatasetRow | undefined,
  k: number,
  options: SelectOptions | undefined,
): string | undefined {
  checkK(k, who);
  options?.signal?.throwIfAborted();
  return query?.id;
}
