import { Xoshiro128 } from "../../stats/rng.js";

/** `k` items picked with a seeded partial Fisher–Yates shuffle (order of picking kept). */
export function pick<T>(items: readonly T[], k: number, seed: number): T[] {
  const rng = new Xoshiro128(seed);
  const idx = items.map((_, i) => i);
  const n = Math.min(k, items.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.nextBelow(idx.length - i);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, n).map((i) => items[i]!);
}
