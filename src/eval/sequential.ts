import { createSequentialTest, type SequentialState, Xoshiro128 } from "../stats/index.js";
import type { Comparison } from "./analysis/types.js";
import type { EvalRecord } from "./runner/types.js";

/**
 * `stopEarly`: an always-valid sequential test (a betting confidence sequence) per challenger
 * against the control, fed one input at a time as soon as every variant has every run of it. The
 * run stops once every comparison is decided; the error rate holds however often it looks
 * (Bonferroni across the challengers).
 */
export class EarlyStopper {
  readonly #tests: { b: string; test: ReturnType<typeof createSequentialTest>; state?: SequentialState }[];
  readonly #seen = new Set<string>();

  constructor(
    private readonly control: string,
    challengers: readonly string[],
    private readonly variantCount: number,
    private readonly runs: number,
    alpha: number,
  ) {
    this.#tests = challengers.map((b) => ({
      b,
      test: createSequentialTest({ alpha: alpha / Math.max(1, challengers.length) }),
    }));
  }

  /** For the runner's `shouldStop`: feeds the inputs completed since the last call, then decides. */
  shouldStop(records: readonly EvalRecord[]): boolean {
    const byInput = new Map<string, EvalRecord[]>();
    for (const r of records) {
      if (this.#seen.has(r.inputId)) continue;
      const list = byInput.get(r.inputId) ?? [];
      list.push(r);
      byInput.set(r.inputId, list);
    }
    for (const [id, list] of byInput) {
      if (list.length < this.variantCount * this.runs) continue;
      this.#seen.add(id);
      const mean = (v: string) => {
        const mine = list.filter((r) => r.variant === v);
        return mine.reduce((s, r) => s + r.score, 0) / mine.length;
      };
      const a = mean(this.control);
      for (const t of this.#tests) t.state = t.test.update(mean(t.b) - a);
    }
    return this.#tests.length > 0 && this.#tests.every((t) => t.state?.decided === true);
  }

  /** The sequential results replacing the fixed-horizon ones (which optional stopping would bias). */
  apply(comparisons: readonly Comparison[]): Comparison[] {
    return comparisons.map((c) => {
      const t = this.#tests.find((x) => x.b === c.b && c.a === this.control);
      const s = t?.state;
      if (!s) return c;
      return {
        ...c,
        pValue: s.pValue,
        ci: [s.lower, s.upper],
        method: "sequential",
        significant: s.decided && s.direction !== 0,
      };
    });
  }
}

/** The rows in a seeded random order: early stopping is valid only if the order is not chosen. */
export function shuffled<T>(rows: readonly T[], seed: number): T[] {
  const rng = new Xoshiro128(seed);
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.nextBelow(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
