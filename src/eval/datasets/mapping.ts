import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { DatasetRow } from "../../core/ports.js";
import { DatasetRowError } from "../errors/dataset-row-error.js";
import { DuplicateIdError } from "../errors/duplicate-id-error.js";
import type { RowLocation } from "../errors/location.js";

/** One record as read from a file (or passed in), before mapping. */
export type RawRow = Record<string, unknown>;

/** How the fields of a record become a `DatasetRow`. Every option is optional. */
export interface DatasetMapping<I = unknown, E = unknown> {
  /**
   * The input: a field name (default "input"; dotted paths like "q.text" reach into objects), a list
   * of field names (the input is then an object of those fields, ready as prompt variables), or a
   * function of the record.
   */
  input?: string | readonly string[] | ((row: RawRow) => I);
  /** The expected value: a field name (default "expected") or a function. Empty cells and null mean none. */
  expected?: string | ((row: RawRow) => E | undefined);
  /** The id field (default "id"); rows without one are numbered from 1 (as strings). */
  id?: string;
  /** The category field, for stratified splits and analysis (default "category"). */
  category?: string;
  /** Every row must have an expected value (default false). */
  requireExpected?: boolean;
  /** Read at most this many rows. */
  limit?: number;
}

interface Found {
  found: boolean;
  value: unknown;
}

function lookup(row: RawRow, name: string): Found {
  if (Object.hasOwn(row, name)) return { found: true, value: row[name] };
  if (!name.includes(".")) return { found: false, value: undefined };
  let at: unknown = row;
  for (const part of name.split(".")) {
    if (typeof at !== "object" || at === null || !Object.hasOwn(at, part))
      return { found: false, value: undefined };
    at = (at as RawRow)[part];
  }
  return { found: true, value: at };
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === "";

function checkName(option: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "string" || value === "")) {
    throw new InvalidArgumentError(`dataset option "${option}"`, "expected a non-empty field name.");
  }
}

/** Validates the mapping options once, and returns the function that maps each record. */
export function rowMapper<I, E>(
  mapping: DatasetMapping<I, E>,
): (raw: unknown, loc: RowLocation) => DatasetRow<I, E> {
  const { input, expected, id, category } = mapping;
  if (Array.isArray(input)) {
    if (input.length === 0)
      throw new InvalidArgumentError('dataset option "input"', "the list of fields is empty.");
    for (const f of input) checkName("input", f);
  } else if (typeof input !== "function") checkName("input", input);
  if (typeof expected !== "function") checkName("expected", expected);
  checkName("id", id);
  checkName("category", category);
  const inputField = typeof input === "string" ? input : "input";
  const expectedField = typeof expected === "string" ? expected : "expected";
  const idField = id ?? "id";
  const categoryField = category ?? "category";

  return function mapRow(raw, loc) {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      const got = raw === null ? "null" : Array.isArray(raw) ? "an array" : typeof raw;
      throw new DatasetRowError(loc, `expected an object with an input field, got ${got}.`);
    }
    const row = raw as RawRow;
    const fields = Object.keys(row);
    const used = new Set<string>();
    const call = <T>(what: string, fn: (r: RawRow) => T): T => {
      try {
        return fn(row);
      } catch (cause) {
        const why = cause instanceof Error ? cause.message : String(cause);
        throw new DatasetRowError(loc, `the ${what} mapping function threw: ${why}`, { cause, fields });
      }
    };

    let value: unknown;
    if (typeof input === "function") {
      value = call("input", input);
      if (value === undefined)
        throw new DatasetRowError(loc, "the input mapping function returned undefined.", { fields });
    } else if (Array.isArray(input)) {
      const picked: RawRow = {};
      for (const f of input as readonly string[]) {
        const got = lookup(row, f);
        if (!got.found) throw missingInput(loc, f, fields);
        picked[f] = got.value;
        used.add(f);
      }
      value = picked;
    } else {
      const got = lookup(row, inputField);
      if (!got.found || got.value === undefined || got.value === null)
        throw missingInput(loc, inputField, fields);
      value = got.value;
      used.add(inputField);
    }

    let exp: unknown;
    if (typeof expected === "function") exp = call("expected", expected);
    else {
      const got = lookup(row, expectedField);
      if (!got.found && expected !== undefined && mapping.requireExpected) {
        throw new DatasetRowError(loc, `has no expected field "${expectedField}".`, {
          field: expectedField,
          fields,
        });
      }
      exp = got.value;
      used.add(expectedField);
    }
    if (isEmpty(exp)) {
      if (mapping.requireExpected) {
        throw new DatasetRowError(
          loc,
          `has no expected value (field "${expectedField}" is empty or missing).`,
          {
            field: expectedField,
            fields,
            hint: "Every row needs an expected value for this scorer: fill it in, or drop the row.",
          },
        );
      }
      exp = undefined;
    }

    const out: DatasetRow<I, E> = { id: String(loc.row), input: value as I };
    const idGot = lookup(row, idField);
    if (idGot.found) used.add(idField);
    if (!isEmpty(idGot.value)) out.id = String(idGot.value);
    else if (id !== undefined) {
      throw new DatasetRowError(loc, `has no id (field "${idField}" is empty or missing).`, {
        field: idField,
        fields,
      });
    }
    if (exp !== undefined) out.expected = exp as E;
    const cat = lookup(row, categoryField);
    if (cat.found) used.add(categoryField);
    if (!isEmpty(cat.value)) out.category = String(cat.value);

    const metadata: RawRow = {};
    for (const f of fields) {
      if (used.has(f)) continue;
      const v = row[f];
      if (f === "metadata" && typeof v === "object" && v !== null && !Array.isArray(v))
        Object.assign(metadata, v);
      else metadata[f] = v;
    }
    if (Object.keys(metadata).length > 0) out.metadata = metadata;
    return out;
  };
}

function missingInput(loc: RowLocation, field: string, fields: readonly string[]): DatasetRowError {
  return new DatasetRowError(loc, `has no input field "${field}".`, {
    field,
    fields,
    hint: `Map the input to one of the row's fields: loadDataset(path, { input: "${fields[0] ?? "question"}" }), a list of fields, or a function.`,
  });
}

/** Remembers ids seen so far and throws on the first duplicate. Memory grows with the number of ids only. */
export function idChecker(): (id: string, loc: RowLocation) => void {
  const seen = new Map<string, RowLocation>();
  return (id, loc) => {
    const first = seen.get(id);
    if (first !== undefined) throw new DuplicateIdError(id, first, loc);
    seen.set(id, loc);
  };
}

/** Checks `limit` (a positive integer, or undefined). */
export function checkLimit(limit: unknown): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1) {
    throw new InvalidArgumentError(
      'dataset option "limit"',
      `expected a positive integer, got ${String(limit)}.`,
    );
  }
  return limit;
}
