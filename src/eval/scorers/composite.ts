import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { Scorer } from "../../core/ports.js";
import { evaluate } from "./score-one.js";
import { type BuiltinScorer, makeScorer } from "./types.js";

function checkScorers(what: string, scorers: readonly unknown[]): asserts scorers is readonly Scorer[] {
  if (scorers.length === 0) throw new InvalidArgumentError(`${what}()`, "needs at least one scorer.");
  for (const [i, s] of scorers.entries()) {
    if (typeof s !== "object" || s === null || typeof (s as Scorer).score !== "function") {
      throw new InvalidArgumentError(
        `${what}() scorer ${i + 1}`,
        "expected a Scorer (e.g. exact(), contains()).",
      );
    }
  }
}

const needsExpected = (scorers: readonly Scorer[]) =>
  scorers.some((s) => (s as Partial<BuiltinScorer>).requiresExpected === true);

/** Scores every child (concurrently); a child that throws or gives an invalid score makes the composite fail. */
function composite(
  name: string,
  scorers: readonly Scorer[],
  combine: (scores: readonly number[]) => number,
): BuiltinScorer {
  return makeScorer(name, needsExpected(scorers), async (output, expected, input, { signal }) => {
    const results = await Promise.all(scorers.map((s) => evaluate(s, output, expected, input, signal)));
    const parts: Record<string, number> = {};
    const reasons: string[] = [];
    for (const [i, s] of scorers.entries()) {
      const key = Object.hasOwn(parts, s.name) ? `${s.name}#${i + 1}` : s.name;
      parts[key] = results[i]!.score;
      if (results[i]!.reason) reasons.push(`${key}: ${results[i]!.reason}`);
    }
    const score = Math.min(1, Math.max(0, combine(results.map((r) => r.score))));
    const out: { score: number; reason?: string; details: Record<string, unknown> } = {
      score,
      details: { scorers: parts },
    };
    if (reasons.length > 0) out.reason = reasons.join("; ");
    return out;
  });
}

const label = (kind: string, scorers: readonly Scorer[]) =>
  `${kind}(${scorers.map((s) => s.name).join(",")})`;

/** Passes only when every scorer passes: the lowest score. Named `all(a,b,…)`. */
export function all(...scorers: Scorer[]): BuiltinScorer {
  checkScorers("all", scorers);
  return composite(label("all", scorers), scorers, (s) => Math.min(...s));
}

/** Passes when any scorer passes: the highest score. Named `any(a,b,…)`. */
export function any(...scorers: Scorer[]): BuiltinScorer {
  checkScorers("any", scorers);
  return composite(label("any", scorers), scorers, (s) => Math.max(...s));
}

/** The arithmetic mean of the scores. Named `mean(a,b,…)`. */
export function mean(...scorers: Scorer[]): BuiltinScorer {
  checkScorers("mean", scorers);
  return composite(label("mean", scorers), scorers, (s) => s.reduce((a, b) => a + b, 0) / s.length);
}

/** The weighted mean of the scores (weights >= 0, not all 0; they need not add up to 1). Named `weighted(a*w,…)`. */
export function weighted(pairs: readonly (readonly [Scorer, number])[]): BuiltinScorer {
  if (!Array.isArray(pairs)) throw new InvalidArgumentError("weighted()", "expected [[scorer, weight], …].");
  const scorers = pairs.map((p) => p?.[0]);
  checkScorers("weighted", scorers);
  const weights = pairs.map((p) => p[1]);
  for (const [i, w] of weights.entries()) {
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
      throw new InvalidArgumentError(
        `weighted() weight ${i + 1}`,
        `expected a number >= 0, got ${String(w)}.`,
      );
    }
  }
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0)
    throw new InvalidArgumentError("weighted() weights", "at least one weight must be above 0.");
  const name = `weighted(${scorers.map((s, i) => `${s.name}*${weights[i]}`).join(",")})`;
  return composite(name, scorers, (s) => s.reduce((sum, v, i) => sum + v * weights[i]!, 0) / total);
}
