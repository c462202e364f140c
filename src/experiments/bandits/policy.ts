/**
 * The base of every bandit policy: arms, reward statistics, `minShare` and `minSamples`, seeded
 * choice with propensities, delayed rewards by decision id, batched updates and state.
 */
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { checkSeed, DEFAULT_SEED, Xoshiro128 } from "../../stats/rng.js";
import type {
  ArmReward,
  BanditContext,
  BanditDecision,
  BanditOptions,
  BanditState,
  PendingDecision,
} from "./types.js";

interface Pending {
  arm: number;
  propensity: number;
}

/** Checks that `value` is a finite number in [min, max] and returns it; names `argument` if not. */
export function checkNumber(
  value: unknown,
  argument: string,
  min: number,
  max = Number.POSITIVE_INFINITY,
): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    const range =
      max !== Number.POSITIVE_INFINITY
        ? ` in [${min}, ${max}]`
        : min > Number.NEGATIVE_INFINITY
          ? ` ≥ ${min}`
          : "";
    throw new InvalidArgumentError(argument, `expected a finite number${range}, got ${String(value)}`);
  }
  return value;
}

function checkArms(arms: unknown): string[] {
  if (!Array.isArray(arms) || arms.length < 2) {
    throw new InvalidArgumentError("arms", "expected an array of at least 2 arm names", 'e.g. ["a", "b"]');
  }
  const seen = new Set<string>();
  arms.forEach((arm, i) => {
    if (typeof arm !== "string" || arm === "") {
      throw new InvalidArgumentError(`arms[${i}]`, `expected a non-empty string, got ${String(arm)}`);
    }
    if (seen.has(arm)) throw new InvalidArgumentError(`arms[${i}]`, `duplicate arm "${arm}"`);
    seen.add(arm);
  });
  return [...arms] as string[];
}

export abstract class BanditPolicy {
  /** The policy's name, as shown in `state()`. */
  abstract readonly name: string;
  readonly arms: readonly string[];
  readonly minShare: number;
  readonly minSamples: number;
  readonly seed: number;
  /** The generator of the choices in `choose()`. */
  protected readonly rng: Xoshiro128;
  /** Rewards received per arm. */
  protected readonly counts: Float64Array;
  /** Mean reward per arm (Welford). */
  protected readonly means: Float64Array;
  /** Sum of squared deviations from the mean per arm (Welford). */
  protected readonly m2: Float64Array;
  /** Rewards received over all arms. */
  protected total = 0;
  private readonly chosen: Float64Array;
  private readonly pendingPerArm: Float64Array;
  private readonly index = new Map<string, number>();
  private readonly pending = new Map<number, Pending>();
  private decisions = 0;
  private cache: Float64Array | null = null;

  constructor(options: BanditOptions) {
    if (options === null || typeof options !== "object") {
      throw new InvalidArgumentError("options", "expected an object with at least { arms }");
    }
    this.arms = checkArms(options.arms);
    const k = this.arms.length;
    for (const [i, arm] of this.arms.entries()) this.index.set(arm, i);
    this.minShare = checkNumber(options.minShare ?? 0, "minShare", 0, 1 / k);
    this.minSamples = checkNumber(options.minSamples ?? 0, "minSamples", 0);
    if (!Number.isInteger(this.minSamples)) {
      throw new InvalidArgumentError("minSamples", `expected an integer, got ${this.minSamples}`);
    }
    this.seed = checkSeed(options.seed ?? DEFAULT_SEED);
    this.rng = new Xoshiro128(this.seed);
    this.counts = new Float64Array(k);
    this.means = new Float64Array(k);
    this.m2 = new Float64Array(k);
    this.chosen = new Float64Array(k);
    this.pendingPerArm = new Float64Array(k);
  }

  /** Writes the policy's own distribution over arms (summing to 1) into `out`; called after warm-up. */
  protected abstract policyDistribution(out: Float64Array): void;

  /** Throws when `reward` is not acceptable to this policy (the base accepts any finite number). */
  protected checkReward(reward: unknown, argument: string): number {
    return checkNumber(reward, argument, Number.NEGATIVE_INFINITY);
  }

  /** True until every arm has `minSamples` rewards. */
  protected warmingUp(): boolean {
    return this.minSamples > 0 && this.counts.some((n) => n < this.minSamples);
  }

  /** The selection probabilities (cached until the next reward). */
  protected distribution(): Float64Array {
    if (this.cache) return this.cache;
    const k = this.arms.length;
    const p = new Float64Array(k);
    if (this.warmingUp()) p.fill(1 / k);
    else {
      this.policyDistribution(p);
      const lambda = this.minShare * k;
      if (lambda > 0) for (let i = 0; i < k; i++) p[i] = (1 - lambda) * p[i]! + this.minShare;
    }
    this.cache = p;
    return p;
  }

  /** Each arm's current selection probability. */
  probabilities(): Record<string, number> {
    const p = this.distribution();
    return Object.fromEntries(this.arms.map((arm, i) => [arm, p[i]!]));
  }

  /** Chooses an arm; pass the returned `decisionId` to `reward()` when its outcome is known. */
  choose(_context?: BanditContext): BanditDecision {
    const p = this.distribution();
    const u = this.rng.nextFloat();
    let arm = -1;
    let acc = 0;
    for (let i = 0; i < p.length; i++) {
      if (p[i]! <= 0) continue;
      arm = i;
      acc += p[i]!;
      if (u < acc) break;
    }
    const id = ++this.decisions;
    const propensity = p[arm]!;
    this.pending.set(id, { arm, propensity });
    this.chosen[arm]!++;
    this.pendingPerArm[arm]!++;
    return { decisionId: `d${id}`, arm: this.arms[arm]!, propensity };
  }

  /** Records the (possibly late, possibly out-of-order) reward of a decision made by `choose()`. */
  reward(decisionId: string, value: number): void {
    const id = this.decisionNumber(decisionId);
    const pending = this.pending.get(id);
    if (!pending) {
      throw new InvalidArgumentError(
        "decisionId",
        `decision "${decisionId}" already received its reward`,
        "Each decision takes exactly one reward.",
      );
    }
    const reward = this.checkReward(value, `reward of ${decisionId}`);
    this.pending.delete(id);
    this.pendingPerArm[pending.arm]!--;
    this.record(pending.arm, reward);
  }

  /** Records a reward for an arm directly (e.g. from a log), outside `choose()`/`reward()`. */
  update(arm: string, reward: number): void {
    const i = this.armIndex(arm, "arm");
    this.record(i, this.checkReward(reward, "reward"));
  }

  /** Records many rewards at once; all are checked first, so a bad one records none. */
  updateBatch(rewards: readonly ArmReward[]): void {
    if (!Array.isArray(rewards))
      throw new InvalidArgumentError("rewards", "expected an array of { arm, reward }");
    const checked = rewards.map((r, n) => {
      if (r === null || typeof r !== "object") {
        throw new InvalidArgumentError(`rewards[${n}]`, "expected { arm, reward }");
      }
      return [
        this.armIndex(r.arm, `rewards[${n}].arm`),
        this.checkReward(r.reward, `rewards[${n}].reward`),
      ] as const;
    });
    for (const [i, reward] of checked) this.record(i, reward);
  }

  /** Per-arm pulls, mean reward and allocation share, plus the decisions waiting for a reward. */
  state(): BanditState {
    const p = this.distribution();
    const pending: PendingDecision[] = [...this.pending].map(([id, d]) => ({
      decisionId: `d${id}`,
      arm: this.arms[d.arm]!,
      propensity: d.propensity,
    }));
    return {
      policy: this.name,
      arms: this.arms.map((arm, i) => ({
        arm,
        pulls: this.counts[i]!,
        meanReward: this.means[i]!,
        share: p[i]!,
        chosen: this.chosen[i]!,
        pending: this.pendingPerArm[i]!,
      })),
      totalPulls: this.total,
      decisions: this.decisions,
      warmingUp: this.warmingUp(),
      pending,
    };
  }

  private record(i: number, reward: number): void {
    const n = ++this.counts[i]!;
    const delta = reward - this.means[i]!;
    this.means[i]! += delta / n;
    this.m2[i]! += delta * (reward - this.means[i]!);
    this.total++;
    this.cache = null;
  }

  private armIndex(arm: unknown, argument: string): number {
    const i = typeof arm === "string" ? this.index.get(arm) : undefined;
    if (i === undefined) {
      throw new InvalidArgumentError(
        argument,
        `unknown arm ${JSON.stringify(arm)}`,
        `Arms: ${this.arms.join(", ")}.`,
      );
    }
    return i;
  }

  private decisionNumber(decisionId: unknown): number {
    const match = typeof decisionId === "string" ? /^d([1-9]\d*)$/.exec(decisionId) : null;
    const id = match ? Number(match[1]) : Number.NaN;
    if (!(id >= 1 && id <= this.decisions)) {
      throw new InvalidArgumentError(
        "decisionId",
        `unknown decision ${JSON.stringify(decisionId)}: this policy never made it`,
        "Pass the decisionId returned by choose() of the same policy instance.",
      );
    }
    return id;
  }
}
