/** Sample-ratio mismatch: Pearson's chi-square of exposed units per variant against the planned weights. */
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { chiSquareSf } from "./distributions.js";
import type { SrmResult } from "./types.js";

/** Flag threshold: a mismatch this unlikely under the planned split means the data cannot be trusted. */
export const SRM_THRESHOLD = 0.001;

export function sampleRatioMismatch(
  observed: Readonly<Record<string, number>>,
  weights: Readonly<Record<string, number>>,
): SrmResult {
  const names = Object.keys(weights);
  let totalWeight = 0;
  for (const name of names) {
    const w = weights[name]!;
    if (!(w > 0) || !Number.isFinite(w)) {
      throw new InvalidArgumentError(`weights.${name}`, `expected a positive number, got ${String(w)}`);
    }
    totalWeight += w;
  }
  const total = names.reduce((s, n) => s + (observed[n] ?? 0), 0);
  const expected: Record<string, number> = {};
  const counts: Record<string, number> = {};
  let chi = 0;
  for (const name of names) {
    const e = (total * weights[name]!) / totalWeight;
    const o = observed[name] ?? 0;
    expected[name] = e;
    counts[name] = o;
    if (e > 0) chi += (o - e) ** 2 / e;
  }
  const df = Math.max(1, names.length - 1);
  const pValue = total === 0 ? 1 : chiSquareSf(chi, df);
  return {
    observed: counts,
    expected,
    chiSquare: chi,
    degreesOfFreedom: df,
    pValue,
    flagged: pValue < SRM_THRESHOLD,
  };
}
