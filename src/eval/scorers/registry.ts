import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { Scorer } from "../../core/ports.js";
import { closest } from "../../core/text.js";
import { UnknownScorerError } from "../errors/unknown-scorer-error.js";
import { custom, type ScoreFunction } from "./custom.js";
import { numeric } from "./numeric.js";
import { similarity } from "./similarity.js";
import { structuredMatch } from "./structured.js";
import { contains, exact, regex } from "./text-scorers.js";
import type { BuiltinScorer } from "./types.js";

const BUILTIN: Record<string, () => BuiltinScorer> = {
  exact: () => exact(),
  contains: () => contains(),
  regex: () => regex(),
  numeric: () => numeric(),
  similarity: () => similarity(),
  levenshtein: () => similarity({ method: "levenshtein" }),
  "jaro-winkler": () => similarity({ method: "jaro-winkler" }),
  "token-f1": () => similarity({ method: "token-f1" }),
  structured: () => structuredMatch(),
};

/** The names `scorerByName` knows. */
export const SCORER_NAMES: readonly string[] = Object.freeze(Object.keys(BUILTIN));

/**
 * A built-in scorer, with default options, by name: exact, contains, regex (the expected value is the
 * pattern), numeric, similarity (levenshtein), levenshtein, jaro-winkler, token-f1, structured.
 * An unknown name throws an `UnknownScorerError` listing the known ones, with a "did you mean".
 */
export function scorerByName(name: string): BuiltinScorer {
  const make = typeof name === "string" && Object.hasOwn(BUILTIN, name) ? BUILTIN[name] : undefined;
  if (make === undefined) {
    const given = typeof name === "string" ? name : String(name);
    throw new UnknownScorerError(given, SCORER_NAMES, closest(given, SCORER_NAMES));
  }
  return make();
}

/** What a `metric` option may be: a scorer name, a Scorer, or a scoring function. */
export type MetricLike<O = unknown, E = unknown, I = unknown> =
  | string
  | Scorer<O, E, I>
  | ScoreFunction<O, E, I>;

/** Turns a `metric` option into a Scorer: a name via `scorerByName`, a function via `custom`. */
export function toScorer<O = unknown, E = unknown, I = unknown>(
  metric: MetricLike<O, E, I>,
): Scorer<O, E, I> {
  if (typeof metric === "string") return scorerByName(metric) as Scorer<O, E, I>;
  if (typeof metric === "function") return custom(metric);
  if (typeof metric === "object" && metric !== null && typeof metric.score === "function") return metric;
  throw new InvalidArgumentError(
    "metric",
    `expected a scorer name (${SCORER_NAMES.join(", ")}), a Scorer or a function, got ${metric === null ? "null" : typeof metric}.`,
  );
}
