import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { Xoshiro128 } from "../../stats/rng.js";
import {
  type BanditOptions,
  type BanditPolicy,
  BetaThompson,
  EpsilonGreedy,
  GaussianThompson,
  Ucb1,
} from "./index.js";

const ARMS = ["a", "b", "c"];
const RATES: Record<string, number> = { a: 0.1, b: 0.3, c: 0.6 };

const FACTORIES: [string, (o: BanditOptions) => BanditPolicy][] = [
  ["epsilon-greedy", (o) => new EpsilonGreedy(o)],
  ["ucb1", (o) => new Ucb1(o)],
  ["thompson-beta", (o) => new BetaThompson({ ...o, draws: 200 })],
  ["thompson-gaussian", (o) => new GaussianThompson({ ...o, draws: 200 })],
];

/** Plays `rounds` rounds of Bernoulli arms; returns the arms chosen. */
function play(policy: BanditPolicy, rounds: number, seed = 99): string[] {
  const env = new Xoshiro128(seed);
  const chosen: string[] = [];
  for (let t = 0; t < rounds; t++) {
    const d = policy.choose();
    chosen.push(d.arm);
    policy.reward(d.decisionId, env.nextFloat() < RATES[d.arm]! ? 1 : 0);
  }
  return chosen;
}

describe.each(FACTORIES)("%s", (_name, make) => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = play(make({ arms: ARMS, seed: 5 }), 300);
    const b = play(make({ arms: ARMS, seed: 5 }), 300);
    const c = play(make({ arms: ARMS, seed: 6 }), 300);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it("makes the same decisions whether or not probabilities() and state() are read", () => {
    const quiet = make({ arms: ARMS, seed: 5 });
    const chatty = make({ arms: ARMS, seed: 5 });
    const env = new Xoshiro128(1);
    for (let t = 0; t < 100; t++) {
      const reward = env.nextFloat() < 0.5 ? 1 : 0;
      chatty.update(ARMS[t % 3]!, reward);
      chatty.probabilities();
      chatty.state();
      quiet.update(ARMS[t % 3]!, reward);
      if (t % 10 === 9) expect(chatty.choose()).toEqual(quiet.choose());
    }
  });

  it("converges to the best arm on Bernoulli arms", () => {
    const policy = make({ arms: ARMS, seed: 1 });
    const chosen = play(policy, 2000);
    const last = chosen.slice(-500);
    expect(last.filter((arm) => arm === "c").length / last.length).toBeGreaterThan(0.8);
    const p = policy.probabilities();
    expect(p.c).toBeGreaterThan(0.8);
    expect(Object.values(p).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it("keeps every arm's probability ≥ minShare, and logs it as the propensity", () => {
    const policy = make({ arms: ARMS, seed: 2, minShare: 0.05 });
    const env = new Xoshiro128(3);
    for (let t = 0; t < 1000; t++) {
      const d = policy.choose();
      const p = policy.probabilities();
      expect(d.propensity).toBe(p[d.arm]);
      for (const arm of ARMS) expect(p[arm]!).toBeGreaterThanOrEqual(0.05 - 1e-12);
      policy.reward(d.decisionId, env.nextFloat() < RATES[d.arm]! ? 1 : 0);
    }
    const state = policy.state();
    expect(state.arms.find((a) => a.arm === "a")!.share).toBeGreaterThanOrEqual(0.05 - 1e-12);
    expect(state.arms.find((a) => a.arm === "c")!.share).toBeGreaterThan(0.8);
  });

  it("explores uniformly until every arm has minSamples rewards", () => {
    const policy = make({ arms: ARMS, seed: 4, minSamples: 30 });
    // Arm c gets a lot of good news first: still uniform while a and b have fewer than 30 rewards.
    policy.updateBatch(Array.from({ length: 100 }, () => ({ arm: "c", reward: 1 })));
    policy.updateBatch(Array.from({ length: 29 }, () => ({ arm: "a", reward: 0 })));
    policy.updateBatch(Array.from({ length: 30 }, () => ({ arm: "b", reward: 0 })));
    expect(policy.state().warmingUp).toBe(true);
    for (const p of Object.values(policy.probabilities())) expect(p).toBeCloseTo(1 / 3, 12);
    expect(policy.choose().propensity).toBeCloseTo(1 / 3, 12);
    policy.update("a", 0);
    expect(policy.state().warmingUp).toBe(false);
    expect(policy.probabilities().c).toBeGreaterThan(0.9);
  });

  it("gives the same state and decisions after batched or sequential updates", () => {
    const env = new Xoshiro128(8);
    const rewards = Array.from({ length: 200 }, (_, i) => ({
      arm: ARMS[i % 3]!,
      reward: env.nextFloat() < RATES[ARMS[i % 3]!]! ? 1 : 0,
    }));
    const batched = make({ arms: ARMS, seed: 9 });
    const sequential = make({ arms: ARMS, seed: 9 });
    batched.updateBatch(rewards);
    for (const r of rewards) sequential.update(r.arm, r.reward);
    expect(batched.state()).toEqual(sequential.state());
    expect(play(batched, 50)).toEqual(play(sequential, 50));
  });

  it("rejects bad options and bad updates with InvalidArgumentError, recording nothing", () => {
    expect(() => make({ arms: ["a"] })).toThrow(InvalidArgumentError);
    expect(() => make({ arms: ["a", "a"] })).toThrow(/duplicate arm/);
    expect(() => make({ arms: ["a", ""] })).toThrow(/arms\[1\]/);
    expect(() => make({ arms: ARMS, minShare: 0.5 })).toThrow(/minShare/);
    expect(() => make({ arms: ARMS, minShare: -0.1 })).toThrow(/minShare/);
    expect(() => make({ arms: ARMS, minSamples: 1.5 })).toThrow(/minSamples/);
    expect(() => make({ arms: ARMS, seed: 0.5 })).toThrow(/seed/);
    const policy = make({ arms: ARMS });
    expect(() => policy.update("z", 1)).toThrow(/unknown arm "z"/);
    expect(() => policy.update("a", Number.NaN)).toThrow(InvalidArgumentError);
    expect(() =>
      policy.updateBatch([
        { arm: "a", reward: 1 },
        { arm: "q", reward: 1 },
      ]),
    ).toThrow(/rewards\[1\]\.arm/);
    expect(policy.state().totalPulls).toBe(0);
  });
});

describe("policy specifics", () => {
  it("epsilon-greedy decays epsilon as documented", () => {
    const policy = new EpsilonGreedy({ arms: ARMS, epsilon: 0.2, decay: 0.01, minEpsilon: 0.05 });
    expect(policy.epsilonAt(0)).toBe(0.2);
    expect(policy.epsilonAt(100)).toBeCloseTo(0.1, 12);
    expect(policy.epsilonAt(10_000)).toBe(0.05);
    policy.updateBatch(Array.from({ length: 100 }, () => ({ arm: "b", reward: 1 })));
    const p = policy.probabilities();
    expect(p.b).toBeCloseTo(0.9 + 0.1 / 3, 12);
    expect(p.a).toBeCloseTo(0.1 / 3, 12);
    expect(() => new EpsilonGreedy({ arms: ARMS, epsilon: 1.5 })).toThrow(/epsilon/);
  });

  it("UCB1 tries every arm once first, then follows the bound", () => {
    const policy = new Ucb1({ arms: ARMS, seed: 3 });
    const first = [0, 1, 2].map(() => {
      const d = policy.choose();
      policy.reward(d.decisionId, d.arm === "b" ? 1 : 0);
      return d.arm;
    });
    expect([...first].sort()).toEqual(ARMS);
    expect(policy.bounds()[1]).toBeCloseTo(1 + Math.SQRT2 * Math.sqrt(Math.log(3)), 12);
    expect(policy.probabilities()).toEqual({ a: 0, b: 1, c: 0 });
  });

  it("Beta Thompson rejects rewards outside [0, 1]", () => {
    const policy = new BetaThompson({ arms: ARMS });
    expect(() => policy.update("a", 2)).toThrow(/in \[0, 1\]/);
    policy.update("a", 0.5);
    expect(policy.state().arms[0]!.meanReward).toBe(0.5);
  });

  it("Gaussian Thompson finds the arm with the highest mean of continuous rewards", () => {
    const policy = new GaussianThompson({ arms: ARMS, seed: 11, draws: 300 });
    const env = new Xoshiro128(12);
    const means: Record<string, number> = { a: 5, b: 5.5, c: 4 };
    for (let t = 0; t < 600; t++) {
      const d = policy.choose();
      const noise = Math.sqrt(-2 * Math.log(1 - env.nextFloat())) * Math.cos(2 * Math.PI * env.nextFloat());
      policy.reward(d.decisionId, means[d.arm]! + noise);
    }
    expect(policy.probabilities().b).toBeGreaterThan(0.9);
    expect(policy.state().arms[1]!.meanReward).toBeCloseTo(5.5, 0);
  });
});
