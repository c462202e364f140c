import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { FinishedTrial } from "../../core/ports.js";
import { medianPruner, noPruner, type PruneContext, resolvePruner } from "./median-pruner.js";
import { randomSampler } from "./random.js";

/** A completed trial whose value at step s is curve[s]. */
function completed(number: number, curve: readonly number[]): FinishedTrial {
  return {
    number,
    params: {},
    outcome: { state: "complete", values: [curve[curve.length - 1]!] },
    intermediate: Object.fromEntries(curve.map((v, s) => [s, v])),
  };
}

/** Five completed trials: at step 1 their values are 1..5 (median 3). */
const history = [1, 2, 3, 4, 5].map((v, i) => completed(i, [0, v, v]));

function context(intermediate: Record<number, number>, overrides: Partial<PruneContext> = {}): PruneContext {
  const steps = Object.keys(intermediate).map(Number);
  return { direction: "maximize", step: Math.max(...steps), intermediate, finished: history, ...overrides };
}

describe("medianPruner", () => {
  const pruner = medianPruner();

  it("prunes a trial whose best value so far is below the median at its step (maximizing)", () => {
    expect(pruner.shouldPrune(context({ 0: 0, 1: 2 }))).toBe(true);
    expect(pruner.shouldPrune(context({ 0: 0, 1: 3.5 }))).toBe(false);
    expect(pruner.shouldPrune(context({ 0: 4, 1: 2 })), "its best step counts").toBe(false);
  });

  it("prunes a trial above the median when minimizing", () => {
    expect(pruner.shouldPrune(context({ 0: 6, 1: 4 }, { direction: "minimize" }))).toBe(true);
    expect(pruner.shouldPrune(context({ 0: 5, 1: 2 }, { direction: "minimize" }))).toBe(false);
  });

  it("waits for nStartupTrials completed trials; pruned and failed ones do not count", () => {
    const four = history.slice(0, 4);
    const others: FinishedTrial[] = [
      { number: 9, params: {}, outcome: { state: "pruned", value: 0 }, intermediate: { 1: 0 } },
      { number: 10, params: {}, outcome: { state: "fail" } },
    ];
    expect(pruner.shouldPrune(context({ 1: 0 }, { finished: [...four, ...others] }))).toBe(false);
    expect(medianPruner({ nStartupTrials: 4 }).shouldPrune(context({ 1: 0 }, { finished: four }))).toBe(true);
    expect(medianPruner({ nStartupTrials: 0 }).shouldPrune(context({ 1: 0 }, { finished: [] }))).toBe(false);
  });

  it("never prunes during warm-up steps", () => {
    const warm = medianPruner({ nWarmupSteps: 2 });
    expect(warm.shouldPrune(context({ 0: -9, 1: -9 }))).toBe(false);
    expect(warm.shouldPrune(context({ 0: -9, 1: -9, 2: -9 }))).toBe(true);
  });

  it("checks only the first report of each interval", () => {
    const every2 = medianPruner({ intervalSteps: 2 });
    const bad = history.map((t) => completed(t.number, [5, 5, 5, 5]));
    const ctx = (intermediate: Record<number, number>) => context(intermediate, { finished: bad });
    expect(every2.shouldPrune(ctx({ 0: 0, 1: 0 }))).toBe(false);
    expect(every2.shouldPrune(ctx({ 0: 0, 1: 0, 2: 0 }))).toBe(true);
    expect(every2.shouldPrune(ctx({ 0: 0, 3: 0 })), "first report since step 2").toBe(true);
  });

  it("does not prune at a step no completed trial reported, and prunes a NaN", () => {
    expect(pruner.shouldPrune(context({ 0: 0, 1: 0, 7: -100 }))).toBe(false);
    expect(pruner.shouldPrune(context({ 0: 0, 1: Number.NaN }))).toBe(true);
  });

  it("rejects bad options, naming them", () => {
    expect(() => medianPruner({ nStartupTrials: -1 })).toThrow(/nStartupTrials/);
    expect(() => medianPruner({ nWarmupSteps: 0.5 })).toThrow(/nWarmupSteps/);
    expect(() => medianPruner({ intervalSteps: 0 })).toThrow(InvalidArgumentError);
  });
});

describe("pruning through a sampler", () => {
  async function lateBadTrial(pruner?: "median" | "none") {
    const sampler = randomSampler({ seed: 1, ...(pruner ? { pruner } : {}) });
    const space = { x: { type: "float" as const, low: 0, high: 1 } };
    for (let i = 0; i < 6; i++) {
      const t = await sampler.ask(space);
      for (let step = 0; step < 3; step++) await sampler.report(t.number, step, 0.5 + i / 10);
      await sampler.tell(t.number, { state: "complete", values: [0.5 + i / 10] });
    }
    const t = await sampler.ask(space);
    const good = await sampler.report(t.number, 0, 0.9);
    const worse = await sampler.report(t.number, 1, 0.1);
    const u = await sampler.ask(space);
    const bad = await sampler.report(u.number, 0, 0.6);
    return [good.prune, worse.prune, bad.prune];
  }

  it('prunes with "median" (judging a trial by its best value so far) and never without a pruner', async () => {
    expect(await lateBadTrial("median")).toEqual([false, false, true]);
    expect(await lateBadTrial()).toEqual([false, false, false]);
    expect(await lateBadTrial("none")).toEqual([false, false, false]);
  });

  it("waits for five completed trials by default", async () => {
    const sampler = randomSampler({ seed: 1, pruner: "median" });
    const space = { x: { type: "float" as const, low: 0, high: 1 } };
    for (let i = 0; i < 5; i++) {
      const t = await sampler.ask(space);
      await sampler.report(t.number, 0, 0.5 + i / 10);
      const early = await sampler.ask(space);
      expect(await sampler.report(early.number, 0, 0.2)).toEqual({ prune: false });
      await sampler.tell(early.number, { state: "pruned", value: 0.2 });
      await sampler.tell(t.number, { state: "complete", values: [1] });
    }
    const t = await sampler.ask(space);
    expect(await sampler.report(t.number, 0, 0.2)).toEqual({ prune: true });
    const finished = await sampler.trials();
    expect(finished.filter((f) => f.outcome.state === "pruned")).toHaveLength(5);
  });

  it("resolves pruner options and rejects unknown ones", () => {
    expect(resolvePruner(undefined)).toBe(noPruner);
    expect(resolvePruner("median").kind).toBe("median");
    const custom = { kind: "always", shouldPrune: () => true };
    expect(resolvePruner(custom)).toBe(custom);
    expect(() => resolvePruner("mean" as never)).toThrow(/pruner/);
  });
});
