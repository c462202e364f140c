import { canonicalJson } from "../../core/canonical.js";
import { MissingExpectedError } from "../errors/missing-expected-error.js";

/** Options shared by the text scorers. */
export interface TextOptions {
  /** Compare case-sensitively (default true). */
  caseSensitive?: boolean;
  /** Ignore leading and trailing whitespace (default true). */
  trim?: boolean;
}

/** Any value as text: strings as they are, numbers and booleans printed, objects as canonical JSON. */
export function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return canonicalJson(value);
}

/** Text normalised for comparison: Unicode NFC, then trimmed and case-folded as the options say. */
export function normalizeText(value: unknown, options: TextOptions): string {
  let text = toText(value).normalize("NFC");
  if (options.trim !== false) text = text.trim();
  if (options.caseSensitive === false) text = text.toLowerCase();
  return text;
}

/** The expected value as a list of acceptable answers (an array is a list of alternatives). */
export function alternatives(scorer: string, expected: unknown): readonly unknown[] {
  if (expected === undefined) throw new MissingExpectedError(scorer);
  if (Array.isArray(expected)) {
    if (expected.length === 0) throw new MissingExpectedError(scorer);
    return expected;
  }
  return [expected];
}

/** The best score over alternatives, with the alternative that gave it. */
export function best<T>(
  options: readonly T[],
  scoreOf: (alt: T) => number,
): { score: number; match: T | undefined } {
  let top: { score: number; match: T | undefined } = { score: -1, match: undefined };
  for (const alt of options) {
    const score = scoreOf(alt);
    if (score > top.score) top = { score, match: alt };
    if (score >= 1) break;
  }
  return top;
}
