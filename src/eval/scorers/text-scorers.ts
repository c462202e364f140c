import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { alternatives, best, normalizeText, type TextOptions, toText } from "./text.js";
import { type BuiltinScorer, makeScorer } from "./types.js";

/**
 * Passes when the output equals the expected value (or one of them, when expected is an array),
 * compared as text: trimmed and case-sensitive by default. Objects compare as canonical JSON, so
 * key order does not matter.
 */
export function exact(options: TextOptions = {}): BuiltinScorer {
  return makeScorer("exact", true, (output, expected) => {
    const out = normalizeText(output, options);
    const { score, match } = best(alternatives("exact", expected), (alt) =>
      normalizeText(alt, options) === out ? 1 : 0,
    );
    return score === 1 ? { score, reason: "matches the expected value", details: { match } } : false;
  });
}

export interface ContainsOptions extends TextOptions {
  /** Fixed text(s) to look for; by default the expected value (an array is a list of needles). */
  needles?: string | readonly string[];
  /** With several needles: all must appear (default), any one, or the fraction found as the score. */
  mode?: "all" | "any" | "fraction";
}

/** Passes when the output contains the expected text (or `needles`). Case-sensitive by default. */
export function contains(options: ContainsOptions = {}): BuiltinScorer {
  const mode = options.mode ?? "all";
  if (!["all", "any", "fraction"].includes(mode)) {
    throw new InvalidArgumentError(
      "contains() mode",
      `expected "all", "any" or "fraction", got ${String(mode)}.`,
    );
  }
  const fixed = options.needles === undefined ? undefined : [options.needles].flat();
  if (fixed?.length === 0) throw new InvalidArgumentError("contains() needles", "the list is empty.");
  return makeScorer("contains", fixed === undefined, (output, expected) => {
    const needles = fixed ?? alternatives("contains", expected);
    const text = normalizeText(output, options);
    const missing = needles.filter((n) => !text.includes(normalizeText(n, options)));
    const found = needles.length - missing.length;
    const score =
      mode === "all"
        ? Number(missing.length === 0)
        : mode === "any"
          ? Number(found > 0)
          : found / needles.length;
    const out: { score: number; reason?: string; details: Record<string, unknown> } = {
      score,
      details: { found, of: needles.length },
    };
    if (missing.length > 0)
      out.reason = `missing: ${missing.map((m) => JSON.stringify(toText(m))).join(", ")}`;
    return out;
  });
}

export interface RegexOptions {
  /** Flags for a string pattern (ignored for a RegExp, which keeps its own). */
  flags?: string;
}

function compile(pattern: string | RegExp, flags: string | undefined, where: string): RegExp {
  if (pattern instanceof RegExp) return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ""));
  try {
    return new RegExp(pattern, (flags ?? "").replace(/[gy]/g, ""));
  } catch (cause) {
    throw new InvalidArgumentError(
      where,
      `${JSON.stringify(pattern)} is not a valid regular expression: ${(cause as Error).message}`,
    );
  }
}

/**
 * Passes when the output matches `pattern`. Without a pattern, the expected value is the pattern
 * (a RegExp or a string), so each row can carry its own.
 */
export function regex(pattern?: string | RegExp, options: RegexOptions = {}): BuiltinScorer {
  if (pattern !== undefined && typeof pattern !== "string" && !(pattern instanceof RegExp)) {
    throw new InvalidArgumentError("regex() pattern", "expected a string or a RegExp.");
  }
  const fixed = pattern === undefined ? undefined : compile(pattern, options.flags, "regex() pattern");
  return makeScorer("regex", fixed === undefined, (output, expected) => {
    const patterns = fixed
      ? [fixed]
      : alternatives("regex", expected).map((p) =>
          compile(p instanceof RegExp ? p : toText(p), options.flags, "expected pattern"),
        );
    const text = toText(output);
    for (const re of patterns) {
      const m = re.exec(text);
      if (m) return { score: 1, details: { match: m[0], pattern: re.source } };
    }
    return { score: 0, reason: `no match for /${patterns.map((p) => p.source).join("/ or /")}/` };
  });
}
