import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";

/**
 * Holm's (1979) step-down adjustment ("A simple sequentially rejective multiple test procedure",
 * Scandinavian Journal of Statistics 6:65-70), which controls the family-wise error rate under any
 * dependence and is uniformly more powerful than Bonferroni. With the m p-values sorted ascending,
 * p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎). Returned in input order: reject where p̃ ≤ alpha.
 */
export function holm(pValues: readonly number[]): number[] {
  if (!Array.isArray(pValues)) throw new InvalidArgumentError("pValues", "expected an array of p-values");
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i];
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new InvalidArgumentError(`pValues[${i}]`, `expected a p-value in [0, 1], got ${String(p)}`);
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((x, y) => pValues[x]! - pValues[y]! || x - y);
  const adjusted = new Array<number>(m);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank]!;
    running = Math.max(running, Math.min(1, (m - rank) * pValues[i]!));
    adjusted[i] = running;
  }
  return adjusted;
}
