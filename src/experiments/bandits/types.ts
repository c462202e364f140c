/** Shared types of the multi-armed bandit policies. */

/** Optional context of a decision (unit attributes); the non-contextual policies here ignore it. */
export type BanditContext = Readonly<Record<string, unknown>>;

/** One decision: the arm chosen, the probability the policy gave it, and an id for a later reward. */
export interface BanditDecision {
  /** Identifies the decision for `reward(decisionId, value)`; unique within one policy instance. */
  decisionId: string;
  arm: string;
  /** Probability the policy gave `arm` at this moment (after `minShare`/`minSamples`), in (0, 1]. */
  propensity: number;
}

/** A reward for a named arm, as passed to `updateBatch`. */
export interface ArmReward {
  arm: string;
  reward: number;
}

/** A decision that has not received its reward yet. */
export interface PendingDecision {
  decisionId: string;
  arm: string;
  propensity: number;
}

/** Per-arm state. */
export interface ArmState {
  arm: string;
  /** Rewards received for this arm. */
  pulls: number;
  /** Mean of the rewards received (0 before the first). */
  meanReward: number;
  /** Current selection probability (the allocation share), the same as `probabilities()[arm]`. */
  share: number;
  /** Times `choose()` picked this arm. */
  chosen: number;
  /** Decisions for this arm still waiting for a reward. */
  pending: number;
}

export interface BanditState {
  policy: string;
  arms: ArmState[];
  /** Rewards received over all arms. */
  totalPulls: number;
  /** Decisions made by `choose()`. */
  decisions: number;
  /** True while every arm has fewer than `minSamples` rewards (uniform exploration). */
  warmingUp: boolean;
  pending: PendingDecision[];
}

/** Options every policy takes. */
export interface BanditOptions {
  /** Arm names (at least 2, unique, non-empty). */
  arms: readonly string[];
  /** Seed of the policy's generator (Xoshiro128); the same seed and calls give the same decisions. */
  seed?: number;
  /**
   * Floor on every arm's selection probability, in [0, 1/K]: the policy's distribution q is mixed with
   * the uniform one, p = (1 − K·minShare)·q + minShare. Default 0.
   */
  minShare?: number;
  /** Choose uniformly until every arm has this many rewards, then follow the policy. Default 0. */
  minSamples?: number;
}

/** One logged decision for off-policy evaluation. */
export interface LoggedDecision {
  arm: string;
  /** Probability the logging policy gave `arm`, in (0, 1]. */
  propensity: number;
  reward: number;
}
