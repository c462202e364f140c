/**
 * The policy behind a bandit-allocated experiment: which class a config's `allocation` and primary
 * metric call for, its seed, and a `skip(n)` that advances the choice generator past `n` decisions
 * already made (so a restarted runtime continues the same random sequence).
 */
import { BanditPolicy, BetaThompson, EpsilonGreedy, GaussianThompson, Ucb1 } from "../bandits/index.js";
import type { Allocation, MetricKind } from "../config/index.js";

/** Bandit settings of `createExperiment(config, { bandit })`; the config's own fields come first. */
export interface BanditAllocationOptions {
  /** Floor on every variant's share, in [0, 1/K] (default 0). */
  minShare?: number;
  /** Uniform allocation until every variant has this many rewards (default: the config's minSamples, else 0). */
  minSamples?: number;
  /** Seed of the policy (default: a 32-bit FNV-1a hash of the config's hashSeed, else of its id). */
  seed?: number;
  /** Thompson sampling's posterior draws per probability estimate (default 1000). */
  draws?: number;
  /** Epsilon-greedy's exploration rate at t = 0 (default 0.1). */
  epsilon?: number;
  /** UCB1's exploration constant (default √2, for rewards in [0, 1]). */
  exploration?: number;
  /** Exposures per bucket of `results().allocation.timeline` (default 100). */
  bucketSize?: number;
}

/** A policy that can be advanced past decisions made before a restart. */
export type ReplayablePolicy = BanditPolicy & { skip(decisions: number): void };

class BetaPolicy extends BetaThompson {
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.rng.nextFloat();
  }
}
class GaussianPolicy extends GaussianThompson {
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.rng.nextFloat();
  }
}
class Ucb1Policy extends Ucb1 {
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.rng.nextFloat();
  }
}
class EpsilonPolicy extends EpsilonGreedy {
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.rng.nextFloat();
  }
}

/** 32-bit FNV-1a of a string: the default policy seed derived from the hash seed or experiment id. */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface PolicyConfig {
  allocation: Exclude<Allocation, "fixed">;
  arms: readonly string[];
  metricKind: MetricKind;
  seedText: string;
  minSamples?: number | undefined;
}

/**
 * The policy for a bandit allocation: "thompson" is Beta–Bernoulli on a binary primary metric and
 * normal-gamma (Gaussian) otherwise; "ucb1" and "epsilon-greedy" take any reward.
 */
export function createPolicy(config: PolicyConfig, options: BanditAllocationOptions = {}): ReplayablePolicy {
  const base = {
    arms: config.arms,
    seed: options.seed ?? seedFromString(config.seedText),
    ...(options.minShare !== undefined ? { minShare: options.minShare } : {}),
    minSamples: options.minSamples ?? config.minSamples ?? 0,
  };
  switch (config.allocation) {
    case "thompson": {
      const draws = options.draws !== undefined ? { draws: options.draws } : {};
      return config.metricKind === "binary"
        ? new BetaPolicy({ ...base, ...draws })
        : new GaussianPolicy({ ...base, ...draws });
    }
    case "ucb1":
      return new Ucb1Policy({
        ...base,
        ...(options.exploration !== undefined ? { exploration: options.exploration } : {}),
      });
    case "epsilon-greedy":
      return new EpsilonPolicy({
        ...base,
        ...(options.epsilon !== undefined ? { epsilon: options.epsilon } : {}),
      });
  }
}

export { BanditPolicy };
