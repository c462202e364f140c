import type { CompareResult } from "./compare.js";

/**
 * Assertions for running a comparison as a test (vitest, node:test, anything that reports thrown
 * errors). Each failure message carries the verdict and the numbers, so a red CI run says why.
 */
export class ComparisonAssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ComparisonAssertionError";
  }
}

function summary(result: Pick<CompareResult, "verdict" | "variants" | "comparisons">): string {
  const variants = result.variants
    .map(
      (v) =>
        `  ${v.name}: ${(v.score * 100).toFixed(1)}% [${(v.interval[0] * 100).toFixed(1)}, ${(v.interval[1] * 100).toFixed(1)}] n=${v.n}, ${v.errors} errors`,
    )
    .join("\n");
  const comparisons = result.comparisons
    .map(
      (c) =>
        `  ${c.b} − ${c.a}: ${(c.diff * 100).toFixed(1)} points, p=${c.pValue.toPrecision(3)}, p adj.=${c.pAdjusted.toPrecision(3)}${c.significant ? " (significant)" : ""}`,
    )
    .join("\n");
  return `Verdict: ${result.verdict}\nVariants:\n${variants}\nComparisons:\n${comparisons}`;
}

/** The data support `name` as the winner (or, with `null`, support no winner). */
export function expectWinner(result: CompareResult, name: string | null): void {
  if (result.winner !== name) {
    throw new ComparisonAssertionError(
      `Expected ${name === null ? "no winner" : `"${name}" to win`}, but the winner is ${result.winner === null ? "none" : `"${result.winner}"`}.\n${summary(result)}`,
    );
  }
}

/**
 * At least one comparison is significant after Holm's correction — or the one between `a` and `b`
 * when given (in either order), optionally in the given direction (`b` better than `a`).
 */
export function expectSignificant(
  result: CompareResult,
  pair?: { a: string; b: string; direction?: "b-better" | "a-better" },
): void {
  const matches = pair
    ? result.comparisons.filter(
        (c) => (c.a === pair.a && c.b === pair.b) || (c.a === pair.b && c.b === pair.a),
      )
    : result.comparisons;
  if (pair && matches.length === 0) {
    throw new ComparisonAssertionError(
      `No comparison between "${pair.a}" and "${pair.b}" was made.\n${summary(result)}`,
    );
  }
  const ok = matches.some((c) => {
    if (!c.significant) return false;
    if (!pair?.direction) return true;
    const bMinusA = c.a === pair.a ? c.diff : -c.diff;
    return pair.direction === "b-better" ? bMinusA > 0 : bMinusA < 0;
  });
  if (!ok) {
    throw new ComparisonAssertionError(
      `Expected a significant difference${pair ? ` between "${pair.a}" and "${pair.b}"${pair.direction ? ` (${pair.direction})` : ""}` : ""}, but there is none.\n${summary(result)}`,
    );
  }
}

/** No variant or scorer failed on any input. */
export function expectNoErrors(result: CompareResult): void {
  const failed = result.records.filter((r) => r.error);
  if (failed.length === 0) return;
  const lines = failed
    .slice(0, 10)
    .map((r) => `  ${r.variant} on ${r.inputId} (run ${r.run}): [${r.error!.code}] ${r.error!.message}`);
  throw new ComparisonAssertionError(
    `${failed.length} record${failed.length === 1 ? "" : "s"} failed:\n${lines.join("\n")}${failed.length > 10 ? `\n  … and ${failed.length - 10} more` : ""}`,
  );
}
