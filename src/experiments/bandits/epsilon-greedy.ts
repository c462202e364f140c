import { BanditPolicy, checkNumber } from "./policy.js";
import type { BanditOptions } from "./types.js";

export interface EpsilonGreedyOptions extends BanditOptions {
  /** Exploration rate at t = 0, in [0, 1]. Default 0.1. */
  epsilon?: number;
  /** Decay speed: epsilon_t = max(minEpsilon, epsilon / (1 + decay·t)), t = rewards received. Default 0.001. */
  decay?: number;
  /** Floor of the decayed exploration rate, in [0, epsilon]. Default 0.01. */
  minEpsilon?: number;
}

/** Writes 1 shared equally among the arms of `scores` equal to the maximum into `out` (the rest 0). */
export function argmaxDistribution(scores: ArrayLike<number>, out: Float64Array, weight = 1): void {
  let best = Number.NEGATIVE_INFINITY;
  let ties = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s > best) {
      best = s;
      ties = 1;
    } else if (s === best) ties++;
  }
  for (let i = 0; i < scores.length; i++) if (scores[i] === best) out[i]! += weight / ties;
}

/**
 * Epsilon-greedy with decay: with probability epsilon_t a uniformly random arm, otherwise the arm with
 * the highest mean reward (ties shared equally). epsilon_t = max(minEpsilon, epsilon / (1 + decay·t)).
 */
export class EpsilonGreedy extends BanditPolicy {
  readonly name = "epsilon-greedy";
  readonly epsilon: number;
  readonly decay: number;
  readonly minEpsilon: number;

  constructor(options: EpsilonGreedyOptions) {
    super(options);
    this.epsilon = checkNumber(options.epsilon ?? 0.1, "epsilon", 0, 1);
    this.decay = checkNumber(options.decay ?? 0.001, "decay", 0);
    this.minEpsilon = checkNumber(
      options.minEpsilon ?? Math.min(0.01, this.epsilon),
      "minEpsilon",
      0,
      this.epsilon,
    );
  }

  /** The exploration rate after `t` rewards. */
  epsilonAt(t: number = this.total): number {
    return Math.max(this.minEpsilon, this.epsilon / (1 + this.decay * t));
  }

  protected policyDistribution(out: Float64Array): void {
    const eps = this.epsilonAt();
    out.fill(eps / out.length);
    argmaxDistribution(this.means, out, 1 - eps);
  }
}
