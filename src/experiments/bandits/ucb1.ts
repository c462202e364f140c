import { argmaxDistribution } from "./epsilon-greedy.js";
import { BanditPolicy, checkNumber } from "./policy.js";
import type { BanditOptions } from "./types.js";

export interface Ucb1Options extends BanditOptions {
  /** Exploration constant c in mean + c·√(ln N / n). Default √2 (Auer et al. 2002, for rewards in [0, 1]). */
  exploration?: number;
}

/**
 * UCB1 (Auer, Cesa-Bianchi & Fischer 2002): every arm once first (uniformly among the untried arms),
 * then the arm with the highest upper confidence bound mean_i + c·√(ln N / n_i), N = rewards over all
 * arms (ties shared equally). Deterministic apart from ties; rewards are expected in [0, 1].
 */
export class Ucb1 extends BanditPolicy {
  readonly name = "ucb1";
  readonly exploration: number;

  constructor(options: Ucb1Options) {
    super(options);
    this.exploration = checkNumber(options.exploration ?? Math.SQRT2, "exploration", 0);
  }

  /** Each arm's upper confidence bound (Infinity for an arm without rewards). */
  bounds(): Float64Array {
    const out = new Float64Array(this.arms.length);
    const logN = Math.log(Math.max(1, this.total));
    for (let i = 0; i < out.length; i++) {
      const n = this.counts[i]!;
      out[i] = n === 0 ? Number.POSITIVE_INFINITY : this.means[i]! + this.exploration * Math.sqrt(logN / n);
    }
    return out;
  }

  protected policyDistribution(out: Float64Array): void {
    argmaxDistribution(this.bounds(), out);
  }
}
