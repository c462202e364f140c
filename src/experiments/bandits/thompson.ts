import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { Xoshiro128 } from "../../stats/rng.js";
import { BanditPolicy, checkNumber } from "./policy.js";
import { Sampler } from "./sampling.js";
import type { BanditOptions } from "./types.js";

export interface ThompsonOptions extends BanditOptions {
  /**
   * Posterior draws used to estimate each arm's probability of being the best (Monte Carlo, seeded).
   * The arm is then sampled from that estimate, so the logged propensity is exact. Default 1000.
   */
  draws?: number;
}

/**
 * Thompson sampling: an arm's probability is its posterior probability of having the highest mean,
 * estimated from `draws` joint posterior draws (recomputed only after new rewards). The draws come
 * from a generator seeded by (seed, rewards received), so the probabilities are a function of the
 * seed and the data alone: reading `probabilities()` or `state()` never changes later decisions.
 */
export abstract class ThompsonSampling extends BanditPolicy {
  readonly draws: number;

  constructor(options: ThompsonOptions) {
    super(options);
    this.draws = checkNumber(options.draws ?? 1000, "draws", 1);
    if (!Number.isInteger(this.draws))
      throw new InvalidArgumentError("draws", `expected an integer, got ${this.draws}`);
  }

  /** One draw of arm `i`'s mean reward from its posterior. */
  protected abstract drawMean(sampler: Sampler, i: number): number;

  protected policyDistribution(out: Float64Array): void {
    const k = this.arms.length;
    const sampler = new Sampler(new Xoshiro128(Math.imul(this.seed | 0, 0x9e3779b1) ^ this.total));
    const wins = new Uint32Array(k);
    for (let d = 0; d < this.draws; d++) {
      let best = 0;
      let bestValue = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < k; i++) {
        const v = this.drawMean(sampler, i);
        if (v > bestValue) {
          bestValue = v;
          best = i;
        }
      }
      wins[best]!++;
    }
    for (let i = 0; i < k; i++) out[i] = wins[i]! / this.draws;
  }
}

export interface BetaThompsonOptions extends ThompsonOptions {
  /** Beta prior (α, β) of every arm's success rate. Default (1, 1), uniform. */
  prior?: { alpha: number; beta: number };
}

/**
 * Thompson sampling for binary rewards: Beta(α + successes, β + failures) posterior per arm. A reward
 * r in [0, 1] counts as r successes and 1 − r failures.
 */
export class BetaThompson extends ThompsonSampling {
  readonly name = "thompson-beta";
  readonly alpha: number;
  readonly beta: number;

  constructor(options: BetaThompsonOptions) {
    super(options);
    this.alpha = checkNumber(options.prior?.alpha ?? 1, "prior.alpha", Number.MIN_VALUE);
    this.beta = checkNumber(options.prior?.beta ?? 1, "prior.beta", Number.MIN_VALUE);
  }

  protected override checkReward(reward: unknown, argument: string): number {
    return checkNumber(reward, argument, 0, 1);
  }

  protected drawMean(sampler: Sampler, i: number): number {
    const n = this.counts[i]!;
    const successes = Math.min(n, Math.max(0, this.means[i]! * n));
    return sampler.beta(this.alpha + successes, this.beta + n - successes);
  }
}

export interface GaussianThompsonOptions extends ThompsonOptions {
  /**
   * Normal-gamma prior of each arm's (mean, precision): mean ~ N(mean, 1/(count·τ)), τ ~ Gamma(shape,
   * rate). Default { mean: 0, count: 0.001, shape: 1, rate: 1 }, weak for rewards of about unit scale.
   */
  prior?: { mean?: number; count?: number; shape?: number; rate?: number };
}

/**
 * Thompson sampling for continuous rewards with unknown mean and variance: a normal-gamma posterior
 * per arm, κ = κ0 + n, μ = (κ0·μ0 + n·x̄)/κ, α = α0 + n/2, β = β0 + ½·Σ(x − x̄)² + κ0·n·(x̄ − μ0)²/(2κ);
 * a draw is τ ~ Gamma(α, β), mean ~ N(μ, 1/(κ·τ)).
 */
export class GaussianThompson extends ThompsonSampling {
  readonly name = "thompson-gaussian";
  readonly priorMean: number;
  readonly priorCount: number;
  readonly priorShape: number;
  readonly priorRate: number;

  constructor(options: GaussianThompsonOptions) {
    super(options);
    this.priorMean = checkNumber(options.prior?.mean ?? 0, "prior.mean", Number.NEGATIVE_INFINITY);
    this.priorCount = checkNumber(options.prior?.count ?? 0.001, "prior.count", Number.MIN_VALUE);
    this.priorShape = checkNumber(options.prior?.shape ?? 1, "prior.shape", Number.MIN_VALUE);
    this.priorRate = checkNumber(options.prior?.rate ?? 1, "prior.rate", Number.MIN_VALUE);
  }

  protected drawMean(sampler: Sampler, i: number): number {
    const n = this.counts[i]!;
    const xbar = this.means[i]!;
    const kappa = this.priorCount + n;
    const mu = (this.priorCount * this.priorMean + n * xbar) / kappa;
    const shape = this.priorShape + n / 2;
    const dev = xbar - this.priorMean;
    const rate = this.priorRate + this.m2[i]! / 2 + (this.priorCount * n * dev * dev) / (2 * kappa);
    const tau = sampler.gamma(shape) / rate;
    return mu + sampler.normal() / Math.sqrt(kappa * tau);
  }
}
