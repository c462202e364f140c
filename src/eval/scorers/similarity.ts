import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { alternatives, best, normalizeText, type TextOptions } from "./text.js";
import { type BuiltinScorer, makeScorer } from "./types.js";

export type SimilarityMethod = "levenshtein" | "jaro-winkler" | "token-f1";
export const SIMILARITY_METHODS: readonly SimilarityMethod[] = ["levenshtein", "jaro-winkler", "token-f1"];

/** 1 - edit distance / length of the longer string, over code points. 1 for two empty strings. */
export function levenshteinSimilarity(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0 && y.length === 0) return 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}

/** Jaro similarity over code points. */
export function jaroSimilarity(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(x.length, y.length) / 2) - 1);
  const xMatched = new Array<boolean>(x.length).fill(false);
  const yMatched = new Array<boolean>(y.length).fill(false);
  let matches = 0;
  for (let i = 0; i < x.length; i++) {
    const end = Math.min(i + window + 1, y.length);
    for (let j = Math.max(0, i - window); j < end; j++) {
      if (yMatched[j] || x[i] !== y[j]) continue;
      xMatched[i] = yMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let halfTranspositions = 0;
  for (let i = 0; i < x.length; i++) {
    if (!xMatched[i]) continue;
    while (!yMatched[k]) k++;
    if (x[i] !== y[k]) halfTranspositions++;
    k++;
  }
  const m = matches;
  return (m / x.length + m / y.length + (m - halfTranspositions / 2) / m) / 3;
}

/** Jaro–Winkler: Jaro boosted by a common prefix of up to 4 characters (scaling factor 0.1). */
export function jaroWinklerSimilarity(a: string, b: string): number {
  const jaro = jaroSimilarity(a, b);
  const x = Array.from(a);
  const y = Array.from(b);
  let prefix = 0;
  while (prefix < 4 && prefix < x.length && prefix < y.length && x[prefix] === y[prefix]) prefix++;
  return Math.min(1, jaro + prefix * 0.1 * (1 - jaro));
}

/** Words of a text for token F1: punctuation removed, split on whitespace. */
export function tokens(text: string): string[] {
  return text
    .replace(/[\p{P}\p{S}]/gu, " ")
    .split(/\s+/)
    .filter((t) => t !== "");
}

/** SQuAD-style token F1: the harmonic mean of token precision and recall (bag of words). */
export function tokenF1(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const t of y) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of x) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / x.length;
  const recall = common / y.length;
  return (2 * precision * recall) / (precision + recall);
}

const METHODS: Record<SimilarityMethod, (a: string, b: string) => number> = {
  levenshtein: levenshteinSimilarity,
  "jaro-winkler": jaroWinklerSimilarity,
  "token-f1": tokenF1,
};

export interface SimilarityOptions extends TextOptions {
  /** Default "levenshtein". token-f1 is case-insensitive unless `caseSensitive: true` (as in SQuAD). */
  method?: SimilarityMethod;
  /** Turn the similarity into pass/fail: 1 when it is at least this, else 0 (for McNemar-style analysis). */
  threshold?: number;
}

/**
 * String similarity in [0, 1] between the output and the expected text (the best over alternatives
 * when expected is an array). Named `similarity:<method>`.
 */
export function similarity(options: SimilarityOptions = {}): BuiltinScorer {
  const method = options.method ?? "levenshtein";
  const measure = METHODS[method];
  if (measure === undefined || !Object.hasOwn(METHODS, method)) {
    throw new InvalidArgumentError(
      "similarity() method",
      `expected one of ${SIMILARITY_METHODS.join(", ")}, got ${String(method)}.`,
    );
  }
  const { threshold } = options;
  if (threshold !== undefined && (typeof threshold !== "number" || !(threshold >= 0 && threshold <= 1))) {
    throw new InvalidArgumentError(
      "similarity() threshold",
      `expected a number in [0, 1], got ${String(threshold)}.`,
    );
  }
  const text: TextOptions = {
    trim: options.trim,
    caseSensitive: options.caseSensitive ?? method !== "token-f1",
  };
  const name = `similarity:${method}`;
  return makeScorer(name, true, (output, expected) => {
    const out = normalizeText(output, text);
    const { score } = best(alternatives(name, expected), (alt) => measure(out, normalizeText(alt, text)));
    const value = Math.min(1, Math.max(0, score));
    if (threshold === undefined) return value;
    return { score: value >= threshold ? 1 : 0, details: { similarity: value, threshold } };
  });
}
