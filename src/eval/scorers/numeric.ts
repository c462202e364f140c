import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { alternatives, best, toText } from "./text.js";
import { type BuiltinScorer, makeScorer } from "./types.js";

export interface NumericOptions {
  /** Pass when |output - expected| <= absTolerance (default 0). */
  absTolerance?: number;
  /** Pass when |output - expected| <= relTolerance · |expected| (default 1e-9, which absorbs float noise). */
  relTolerance?: number;
  /** Which number of a text to take: the last (default, as in "…so the answer is 42"), the first, or the only one. */
  pick?: "last" | "first" | "only";
}

// Thousands separators ("1,234.5"), decimals, exponents, a leading sign; not digits inside words ("gpt4").
const NUMBER = /(?<![\w.])[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w])/g;

/** The numbers found in a text, in order ("−3", "1,234.5", "2e-3", ".5", "50%" as 50). */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const raw = m[0];
    if (!/\d/.test(raw)) continue;
    const value = Number(raw.replace(/,/g, "").replace("−", "-"));
    if (Number.isFinite(value)) out.push(value);
  }
  return out;
}

/** A number from a value: numbers as they are, text parsed as `pick` says. `undefined` when there is none. */
export function parseNumber(value: unknown, pick: NumericOptions["pick"] = "last"): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "bigint") return Number(value);
  const found = numbersIn(toText(value));
  if (found.length === 0) return undefined;
  if (pick === "only") return found.length === 1 ? found[0] : undefined;
  return pick === "first" ? found[0] : found[found.length - 1];
}

function tolerance(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError(`numeric() ${name}`, `expected a number >= 0, got ${String(value)}.`);
  }
  return value;
}

/**
 * Passes when the number in the output is within tolerance of the expected number. Numbers are
 * parsed out of text ("The answer is 1,234." gives 1234); expected may be a number, numeric text or
 * an array of acceptable numbers.
 */
export function numeric(options: NumericOptions = {}): BuiltinScorer {
  const abs = tolerance("absTolerance", options.absTolerance, 0);
  const rel = tolerance("relTolerance", options.relTolerance, 1e-9);
  const pick = options.pick ?? "last";
  if (!["last", "first", "only"].includes(pick)) {
    throw new InvalidArgumentError(
      "numeric() pick",
      `expected "last", "first" or "only", got ${String(pick)}.`,
    );
  }
  return makeScorer("numeric", true, (output, expected) => {
    const targets = alternatives("numeric", expected).map((e) => {
      const n = parseNumber(e, "only");
      if (n === undefined) {
        throw new InvalidArgumentError(
          "expected value of numeric()",
          `${JSON.stringify(toText(e))} is not a number.`,
        );
      }
      return n;
    });
    const got = parseNumber(output, pick);
    if (got === undefined) {
      return {
        score: 0,
        reason: pick === "only" ? "the output has no single number" : "the output has no number",
      };
    }
    const { score, match } = best(targets, (t) =>
      Math.abs(got - t) <= Math.max(abs, rel * Math.abs(t)) ? 1 : 0,
    );
    const details = { parsed: got, expected: match };
    return score === 1
      ? { score, details }
      : { score: 0, reason: `${got} is not within tolerance of ${String(match)}`, details };
  });
}
