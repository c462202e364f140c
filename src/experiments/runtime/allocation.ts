/**
 * Bandit allocation for a running experiment: the policy picks each new eligible unit's variant,
 * remembers the decision until the unit is exposed, takes the unit's first primary-metric outcome as
 * the decision's reward, and is rebuilt from the store's events on start.
 */
import { InvalidArgumentError } from "../../core/errors/index.js";
import type { ExperimentEvent } from "../../core/ports.js";
import type { StickyStore } from "../assignment/index.js";
import type { ArmReward } from "../bandits/index.js";
import type { Allocation } from "../config/index.js";
import type { LoadedExperimentConfig } from "../config/prompts.js";
import {
  type AllocationResults,
  allocationTimeline,
  type BanditAttributes,
  banditAttributes,
  expectedWeights,
  firstExposures,
} from "./allocation-summary.js";
import { type BanditAllocationOptions, createPolicy, type ReplayablePolicy } from "./bandit-policy.js";

/** What happened to an outcome of the primary metric, as far as the policy is concerned. */
export type RewardStatus =
  /** It became the reward of the unit's decision. */
  | "rewarded"
  /** The unit's decision already had its reward (its first primary outcome); stored, not counted again. */
  | "already-rewarded"
  /** The unit has no bandit decision (unexposed, sticky or fixed assignment): stored, not a reward. */
  | "no-decision";

/** A decision made for a unit, kept until the unit is exposed. */
export interface UnitDecision {
  variant: string;
  propensity: number;
  attributes: BanditAttributes;
}

interface Tracked {
  arm: string;
  /** The policy's own decision id when this process made the decision (else rewards go to `update`). */
  local?: string;
  rewarded: boolean;
}

/** How many decisions and rewards were replayed from the store when the allocator was built. */
export interface ReplaySummary {
  decisions: number;
  rewards: number;
  /** Primary outcomes of bandit-exposed units that could not be used (not a valid reward). */
  skipped: number;
}

export class BanditAllocator {
  readonly allocation: Exclude<Allocation, "fixed">;
  readonly policy: ReplayablePolicy;
  readonly bucketSize: number;
  readonly replayed: ReplaySummary = { decisions: 0, rewards: 0, skipped: 0 };
  private readonly primary: string;
  private readonly toReward: (value: number) => number;
  private readonly variants: ReadonlySet<string>;
  private readonly decided = new Map<string, UnitDecision & { local: string }>();
  private readonly units = new Map<string, Tracked>();
  private count = 0;

  constructor(config: LoadedExperimentConfig, options: BanditAllocationOptions = {}) {
    if (config.allocation === "fixed") {
      throw new InvalidArgumentError(
        "allocation",
        'expected "thompson", "ucb1" or "epsilon-greedy", got "fixed"',
      );
    }
    this.allocation = config.allocation;
    const arms = config.variants.map((v) => v.name);
    this.variants = new Set(arms);
    const metric = config.primaryMetric;
    this.primary = metric.name;
    const binary = metric.kind === "binary";
    const decrease = metric.direction === "decrease";
    this.toReward = decrease ? (binary ? (v) => 1 - v : (v) => -v) : (v) => v;
    this.policy = createPolicy(
      {
        allocation: config.allocation,
        arms,
        metricKind: metric.kind,
        seedText: config.hashSeed ?? config.id,
        minSamples: config.minSamples,
      },
      options,
    );
    this.bucketSize = options.bucketSize ?? 100;
    if (!Number.isInteger(this.bucketSize) || this.bucketSize < 1) {
      throw new InvalidArgumentError(
        "bandit.bucketSize",
        `expected a positive integer, got ${this.bucketSize}`,
      );
    }
  }

  /**
   * Rebuilds the policy from stored events: every bandit decision (first exposure per unit, in append
   * order) and the first primary outcome of each such unit, applied with `updateBatch` in append order;
   * then advances the choice generator past the replayed decisions. Call once, before any decision.
   */
  replay(events: readonly ExperimentEvent[]): ReplaySummary {
    this.adopt(events, true);
    return this.replayed;
  }

  /** Registers exposures made elsewhere (another process, an earlier run); `apply` feeds their rewards. */
  adopt(events: readonly ExperimentEvent[], apply = false): void {
    const rewards: ArmReward[] = [];
    const fresh = new Set<string>();
    for (const e of firstExposures(events, this.variants)) {
      if (this.units.has(e.unitId) || this.decided.has(e.unitId) || !banditAttributes(e)) continue;
      this.units.set(e.unitId, { arm: e.variant, rewarded: false });
      fresh.add(e.unitId);
    }
    for (const e of events) {
      if (e.kind !== "outcome" || e.metric !== this.primary || !fresh.has(e.unitId)) continue;
      const t = this.units.get(e.unitId)!;
      if (t.rewarded || e.attributes?.unexposed === true) continue;
      t.rewarded = true;
      const reward = typeof e.value === "number" ? this.toReward(e.value) : Number.NaN;
      if (apply && this.acceptable(reward)) rewards.push({ arm: t.arm, reward });
      else if (apply) this.replayed.skipped++;
    }
    if (!apply) return;
    this.policy.updateBatch(rewards);
    this.policy.skip(fresh.size);
    this.count += fresh.size;
    this.replayed.decisions += fresh.size;
    this.replayed.rewards += rewards.length;
  }

  /** The unit's decision: the one already made (not yet exposed), else a new one from the policy. */
  decide(unitId: string): UnitDecision {
    const known = this.decided.get(unitId);
    if (known) return known;
    const probabilities = this.policy.probabilities();
    const d = this.policy.choose();
    const decision = {
      variant: d.arm,
      propensity: d.propensity,
      local: d.decisionId,
      attributes: { policy: this.policy.name, decisionId: `d${++this.count}`, probabilities },
    };
    this.decided.set(unitId, decision);
    return decision;
  }

  /** The unit's decision if one was made and not yet exposed. */
  peek(unitId: string): UnitDecision | undefined {
    return this.decided.get(unitId);
  }

  /** The unit's exposure was stored: its decision now waits for the unit's first primary outcome. */
  exposed(unitId: string): void {
    const d = this.decided.get(unitId);
    if (!d || this.units.has(unitId)) return;
    this.decided.delete(unitId);
    this.units.set(unitId, { arm: d.variant, local: d.local, rewarded: false });
  }

  /** Feeds an outcome to the policy when it is the unit's first of the primary metric. */
  reward(unitId: string, metric: string, value: number): RewardStatus | undefined {
    if (metric !== this.primary) return undefined;
    const t = this.units.get(unitId);
    if (!t) return "no-decision";
    if (t.rewarded) return "already-rewarded";
    const reward = this.toReward(value);
    if (!this.acceptable(reward)) return "no-decision";
    t.rewarded = true;
    if (t.local !== undefined) this.policy.reward(t.local, reward);
    else this.policy.update(t.arm, reward);
    return "rewarded";
  }

  /** `results().allocation`: policy, probabilities, state and the allocation-over-time buckets. */
  summary(events: readonly ExperimentEvent[]): AllocationResults {
    const arms = [...this.variants];
    return {
      allocation: this.allocation,
      policy: this.policy.name,
      probabilities: this.policy.probabilities(),
      state: this.policy.state(),
      timeline: allocationTimeline(firstExposures(events, this.variants), arms, this.bucketSize),
      bucketSize: this.bucketSize,
    };
  }

  /** The sample-ratio-mismatch check's expected shares: the logged probabilities, averaged. */
  expectedWeights(events: readonly ExperimentEvent[]): Record<string, number> | undefined {
    return expectedWeights(firstExposures(events, this.variants), [...this.variants]);
  }

  private acceptable(reward: number): boolean {
    if (!Number.isFinite(reward)) return false;
    return this.policy.name !== "thompson-beta" || (reward >= 0 && reward <= 1);
  }
}

/** A sticky store the assignment layer may read but not write (the bandit writes its own picks). */
export function readOnlySticky(sticky: StickyStore): StickyStore {
  return { get: (unitId, experimentId) => sticky.get(unitId, experimentId), set: () => {} };
}
