import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { BetaThompson, EpsilonGreedy } from "./index.js";

describe("delayed rewards", () => {
  it("accepts rewards later and out of order, and shows pending decisions in state()", () => {
    const policy = new BetaThompson({ arms: ["a", "b"], seed: 1, draws: 100 });
    const decisions = Array.from({ length: 6 }, () => policy.choose());
    expect(new Set(decisions.map((d) => d.decisionId)).size).toBe(6);
    let state = policy.state();
    expect(state.decisions).toBe(6);
    expect(state.pending.map((p) => p.decisionId)).toEqual(decisions.map((d) => d.decisionId));
    expect(state.arms.reduce((s, a) => s + a.pending, 0)).toBe(6);
    expect(state.arms.reduce((s, a) => s + a.chosen, 0)).toBe(6);

    for (const d of [decisions[4]!, decisions[0]!, decisions[5]!]) policy.reward(d.decisionId, 1);
    state = policy.state();
    expect(state.totalPulls).toBe(3);
    expect(state.pending.map((p) => p.decisionId)).toEqual([1, 2, 3].map((i) => decisions[i]!.decisionId));
    expect(state.pending[0]).toEqual({
      decisionId: decisions[1]!.decisionId,
      arm: decisions[1]!.arm,
      propensity: decisions[1]!.propensity,
    });
    for (const d of [decisions[3]!, decisions[1]!, decisions[2]!]) policy.reward(d.decisionId, 0);
    state = policy.state();
    expect(state.pending).toEqual([]);
    expect(state.arms.reduce((s, a) => s + a.pulls, 0)).toBe(6);
    expect(state.arms.reduce((s, a) => s + a.pending, 0)).toBe(0);
  });

  it("rejects an unknown or duplicate decision id with InvalidArgumentError", () => {
    const policy = new EpsilonGreedy({ arms: ["a", "b"], seed: 2 });
    const d = policy.choose();
    expect(() => policy.reward("d99", 1)).toThrow(InvalidArgumentError);
    expect(() => policy.reward("d99", 1)).toThrow(/unknown decision "d99"/);
    expect(() => policy.reward("nonsense", 1)).toThrow(/unknown decision/);
    expect(() => policy.reward("d0", 1)).toThrow(/unknown decision/);
    policy.reward(d.decisionId, 1);
    expect(() => policy.reward(d.decisionId, 0)).toThrow(/already received its reward/);
    expect(policy.state().totalPulls).toBe(1);
    // A decision of another policy instance is unknown here.
    const other = new EpsilonGreedy({ arms: ["a", "b"], seed: 2 });
    expect(() => other.reward(d.decisionId, 1)).toThrow(/unknown decision/);
  });

  it("keeps a decision pending when its reward is rejected, so it can be retried", () => {
    const policy = new BetaThompson({ arms: ["a", "b"], seed: 3, draws: 50 });
    const d = policy.choose();
    expect(() => policy.reward(d.decisionId, 7)).toThrow(/reward of d1/);
    expect(policy.state().pending).toHaveLength(1);
    policy.reward(d.decisionId, 1);
    expect(policy.state().pending).toHaveLength(0);
    expect(policy.state().totalPulls).toBe(1);
  });

  it("learns from delayed rewards the same as from immediate ones once they arrive", () => {
    const late = new EpsilonGreedy({ arms: ["a", "b"], seed: 4 });
    const now = new EpsilonGreedy({ arms: ["a", "b"], seed: 4 });
    const ds = Array.from({ length: 10 }, () => late.choose());
    for (const d of [...ds].reverse()) late.reward(d.decisionId, d.arm === "b" ? 1 : 0);
    for (const d of ds) now.update(d.arm, d.arm === "b" ? 1 : 0);
    expect(late.state().arms.map((a) => [a.pulls, a.meanReward])).toEqual(
      now.state().arms.map((a) => [a.pulls, a.meanReward]),
    );
    expect(late.probabilities()).toEqual(now.probabilities());
  });
});
