import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";

/** How a text is cut into features (shared by the hashing and TF-IDF embedders). */
export interface FeatureOptions {
  /**
   * Word n-gram range `[min, max]`, e.g. `[1, 2]` for words and word pairs; `false` for none (then
   * set `charNgrams`). Words are runs of two or more letters, digits or underscores (scikit-learn's
   * default `\b\w\w+\b`, Unicode-aware).
   */
  ngrams?: readonly [number, number] | false;
  /**
   * Character n-gram range `[min, max]` inside word boundaries (scikit-learn's `char_wb`: each
   * whitespace-separated word padded with one space on each side). Robust to typos and inflection.
   */
  charNgrams?: readonly [number, number];
  /** Lower-case before cutting (default true). */
  lowercase?: boolean;
}

const WORD = /[\p{L}\p{N}_]{2,}/gu;

/** Checks an n-gram range option and names it when it is not `[min, max]` with 1 ≤ min ≤ max. */
export function checkRange(range: unknown, argument: string): [number, number] {
  const ok =
    Array.isArray(range) &&
    range.length === 2 &&
    Number.isInteger(range[0]) &&
    Number.isInteger(range[1]) &&
    range[0] >= 1 &&
    range[0] <= range[1];
  if (!ok) {
    throw new InvalidArgumentError(
      argument,
      `expected [min, max] with integers 1 ≤ min ≤ max, got ${JSON.stringify(range)}`,
      "Pass e.g. [1, 2] for single words and pairs.",
    );
  }
  return [range[0], range[1]];
}

/** Checks the feature options once and returns a function from a text to its features with counts. */
export function featureCounter(options: FeatureOptions, who: string): (text: string) => Map<string, number> {
  const words = options.ngrams === false ? undefined : checkRange(options.ngrams ?? [1, 1], `${who} ngrams`);
  const chars =
    options.charNgrams === undefined ? undefined : checkRange(options.charNgrams, `${who} charNgrams`);
  if (words === undefined && chars === undefined) {
    throw new InvalidArgumentError(`${who} ngrams`, "no features: ngrams is false and charNgrams is unset");
  }
  const lowercase = options.lowercase ?? true;
  return (raw) => {
    const text = lowercase ? raw.toLowerCase() : raw;
    const counts = new Map<string, number>();
    const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
    if (words) {
      const tokens = text.match(WORD) ?? [];
      for (let n = words[0]; n <= words[1]; n++) {
        // "w:" / "c:" prefixes keep a one-word n-gram apart from the same letters as a char n-gram.
        for (let i = 0; i + n <= tokens.length; i++) add(`w:${tokens.slice(i, i + n).join(" ")}`);
      }
    }
    if (chars) {
      for (const word of text.split(/\s+/u)) {
        if (word === "") continue;
        const padded = [...` ${word} `];
        for (let n = chars[0]; n <= chars[1]; n++) {
          for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n).join("")}`);
        }
      }
    }
    return counts;
  };
}
