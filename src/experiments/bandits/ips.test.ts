import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { Xoshiro128 } from "../../stats/rng.js";
import { EpsilonGreedy, ipsEstimate, type LoggedDecision } from "./index.js";

const ARMS = ["a", "b", "c"];
const RATES: Record<string, number> = { a: 0.2, b: 0.5, c: 0.7 };

/** Logs of an adaptive epsilon-greedy policy (with a share floor) on Bernoulli arms. */
function simulate(seed: number, rounds: number): LoggedDecision[] {
  const policy = new EpsilonGreedy({ arms: ARMS, seed, epsilon: 0.3, minShare: 0.1 });
  const env = new Xoshiro128(seed + 1000);
  const logs: LoggedDecision[] = [];
  for (let t = 0; t < rounds; t++) {
    const d = policy.choose();
    const reward = env.nextFloat() < RATES[d.arm]! ? 1 : 0;
    policy.reward(d.decisionId, reward);
    logs.push({ arm: d.arm, propensity: d.propensity, reward });
  }
  return logs;
}

describe("ipsEstimate", () => {
  it("is unbiased on average for targets whose true value is known", () => {
    const targets: [Record<string, number>, number][] = [
      [{ a: 1, b: 0, c: 0 }, 0.2],
      [{ a: 0, b: 0, c: 1 }, 0.7],
      [{ a: 0.5, b: 0.25, c: 0.25 }, 0.5 * 0.2 + 0.25 * 0.5 + 0.25 * 0.7],
    ];
    const runs = 200;
    for (const [target, truth] of targets) {
      let sum = 0;
      let sumSq = 0;
      let snips = 0;
      for (let r = 0; r < runs; r++) {
        const e = ipsEstimate(simulate(r, 200), target);
        sum += e.ips;
        sumSq += e.ips ** 2;
        snips += e.snips;
      }
      const mean = sum / runs;
      const se = Math.sqrt((sumSq / runs - mean * mean) / runs);
      expect(Math.abs(mean - truth)).toBeLessThan(4 * se + 1e-9);
      expect(Math.abs(snips / runs - truth)).toBeLessThan(0.03);
    }
  });

  it("equals the plain mean when the target is the logging policy", () => {
    const logs = simulate(1, 300);
    const e = ipsEstimate(
      logs,
      logs.map((l) => l.propensity),
    );
    const mean = logs.reduce((s, l) => s + l.reward, 0) / logs.length;
    expect(e.ips).toBeCloseTo(mean, 12);
    expect(e.snips).toBeCloseTo(mean, 12);
    expect(e.effectiveSampleSize).toBeCloseTo(300, 9);
    expect(e.maxWeight).toBeCloseTo(1, 12);
  });

  it("computes weights, SNIPS and the standard error on a small hand-checked case", () => {
    const logs: LoggedDecision[] = [
      { arm: "a", propensity: 0.5, reward: 1 },
      { arm: "b", propensity: 0.25, reward: 0 },
      { arm: "a", propensity: 0.25, reward: 1 },
    ];
    const e = ipsEstimate(logs, (log) => (log.arm === "a" ? 1 : 0));
    // weights 2, 0, 4; w·r = 2, 0, 4
    expect(e.ips).toBeCloseTo(2, 12);
    expect(e.snips).toBeCloseTo(1, 12);
    expect(e.standardError).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(e.effectiveSampleSize).toBeCloseTo(36 / 20, 12);
    expect(e.maxWeight).toBe(4);
  });

  it("rejects bad input with InvalidArgumentError naming the place", () => {
    const ok: LoggedDecision[] = [{ arm: "a", propensity: 0.5, reward: 1 }];
    expect(() => ipsEstimate([], [])).toThrow(InvalidArgumentError);
    expect(() => ipsEstimate(ok, [0.5, 0.5])).toThrow(/one probability per log/);
    expect(() => ipsEstimate([{ arm: "a", propensity: 0, reward: 1 }], [1])).toThrow(/logs\[0\]\.propensity/);
    expect(() => ipsEstimate([{ arm: "a", propensity: 1.5, reward: 1 }], [1])).toThrow(/propensity/);
    expect(() => ipsEstimate([{ arm: "a", propensity: 0.5, reward: Number.NaN }], [1])).toThrow(
      /logs\[0\]\.reward/,
    );
    expect(() => ipsEstimate(ok, [1.2])).toThrow(/targetPolicyProbabilities\[0\]/);
    expect(() => ipsEstimate(ok, { b: 1 })).toThrow(/no probability for logged arm "a"/);
  });
});
