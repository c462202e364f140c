import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { FinishedTrial, Sampler, SearchSpace } from "../../../core/ports.js";
import { anyScore, searchSpace } from "../arbitraries.case.js";
import { randomSampler } from "../random.js";
import { expectValidParams, samplerSuite } from "../sampler.case.js";
import { defaultWeights, tpeSampler } from "./tpe-sampler.js";

samplerSuite("tpeSampler", async (o) => tpeSampler(o));
samplerSuite("tpeSampler (independent, short start-up)", async (o) =>
  tpeSampler({ ...o, multivariate: false, nStartupTrials: 3 }),
);

async function askMany(sampler: Sampler, space: SearchSpace, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = await sampler.ask(space);
    out.push(t.params);
    if (i % 5 === 4) await sampler.tell(t.number, { state: "pruned", value: anyScore(t.params) });
    else await sampler.tell(t.number, { state: "complete", values: [anyScore(t.params)] });
  }
  return out;
}

const xSpace: SearchSpace = { x: { type: "float", low: 0, high: 10 } };

describe("tpeSampler", () => {
  it("asks valid values for any search space, once it models the history too", async () => {
    await fc.assert(
      fc.asyncProperty(searchSpace, fc.integer(), async (space, seed) => {
        const sampler = tpeSampler({ seed, nStartupTrials: 3 });
        for (const params of await askMany(sampler, space, 14)) expectValidParams(space, params);
      }),
      { numRuns: 80 },
    );
  });

  it("asks the same sequence for the same seed", async () => {
    await fc.assert(
      fc.asyncProperty(searchSpace, fc.integer(), async (space, seed) => {
        const run = () => askMany(tpeSampler({ seed, nStartupTrials: 2 }), space, 8);
        expect(await run()).toEqual(await run());
      }),
      { numRuns: 40 },
    );
  });

  it("samples at random during start-up, exactly like the random sampler", async () => {
    const tpe = await askMany(tpeSampler({ seed: 4, nStartupTrials: 6 }), xSpace, 6);
    expect(tpe).toEqual(await askMany(randomSampler({ seed: 4 }), xSpace, 6));
  });

  it("concentrates near the best trials once it has history", async () => {
    const sampler = tpeSampler({ seed: 2 });
    const history: FinishedTrial[] = Array.from({ length: 30 }, (_, i) => {
      const x = (i * 10) / 29;
      return { number: i, params: { x }, outcome: { state: "complete", values: [-Math.abs(x - 7)] } };
    });
    await sampler.seed(history);
    const asked = [];
    for (let i = 0; i < 20; i++) {
      const t = await sampler.ask(xSpace);
      asked.push(t.params.x as number);
      await sampler.tell(t.number, { state: "fail" });
    }
    const near = asked.filter((x) => Math.abs(x - 7) < 1.5).length;
    expect(near).toBeGreaterThanOrEqual(15);
  });

  it("ignores failed trials: extra failures do not change what it asks", async () => {
    const history: FinishedTrial[] = Array.from({ length: 12 }, (_, i) => ({
      number: i,
      params: { x: i * 0.8 },
      outcome: { state: "complete", values: [Math.sin(i)] },
    }));
    const failures: FinishedTrial[] = Array.from({ length: 10 }, (_, i) => ({
      number: 100 + i,
      params: { x: 9.9 },
      outcome: { state: "fail", reason: "timeout" },
    }));
    const plain = tpeSampler({ seed: 3 });
    const noisy = tpeSampler({ seed: 3 });
    await plain.seed(history);
    await noisy.seed([...history, ...failures]);
    expect((await noisy.ask(xSpace)).params).toEqual((await plain.ask(xSpace)).params);
  });

  it("uses a custom gamma: with every trial counted as good it stops concentrating", async () => {
    const history: FinishedTrial[] = Array.from({ length: 40 }, (_, i) => ({
      number: i,
      params: { x: (i * 10) / 39 },
      outcome: { state: "complete", values: [-Math.abs((i * 10) / 39 - 7)] },
    }));
    const spread = async (gamma?: (n: number) => number) => {
      const sampler = tpeSampler({ seed: 9, ...(gamma ? { gamma } : {}) });
      await sampler.seed(history);
      const xs: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = await sampler.ask(xSpace);
        xs.push(t.params.x as number);
        await sampler.tell(t.number, { state: "fail" });
      }
      return xs.filter((x) => Math.abs(x - 7) > 2).length;
    };
    expect(await spread()).toBeLessThanOrEqual(3);
    expect(await spread((n) => n)).toBeGreaterThanOrEqual(8);
  });

  it("keeps a fixed dimension (one choice, low = high) at its only value", async () => {
    const space: SearchSpace = {
      only: { type: "categorical", choices: ["x"] },
      flat: { type: "float", low: 2, high: 2 },
      x: { type: "float", low: 0, high: 1 },
    };
    for (const p of await askMany(tpeSampler({ seed: 1, nStartupTrials: 2 }), space, 8)) {
      expect([p.only, p.flat]).toEqual(["x", 2]);
    }
  });

  it("asks a dimension that no finished trial has uniformly, next to modelled ones", async () => {
    const sampler = tpeSampler({ seed: 6, nStartupTrials: 2 });
    await askMany(sampler, xSpace, 5);
    const grown: SearchSpace = { ...xSpace, fresh: { type: "int", low: 0, high: 99 } };
    const fresh = new Set<unknown>();
    for (let i = 0; i < 10; i++) {
      const t = await sampler.ask(grown);
      expectValidParams(grown, t.params);
      fresh.add(t.params.fresh);
      await sampler.tell(t.number, { state: "fail" });
    }
    expect(fresh.size).toBeGreaterThanOrEqual(8);
  });

  it("rejects bad options, naming them", () => {
    const bad: Record<string, unknown>[] = [
      { nStartupTrials: -1 },
      { nStartupTrials: 1.5 },
      { nEiCandidates: 0 },
      { gamma: 3 },
      { priorWeight: 0 },
      { multivariate: "yes" },
      { directions: [] },
      { directions: ["maximise"] },
    ];
    for (const options of bad) {
      const key = Object.keys(options)[0]!;
      expect(() => tpeSampler(options as never), key).toThrow(InvalidArgumentError);
      expect(() => tpeSampler(options as never), key).toThrow(new RegExp(key));
    }
  });

  it("rejects a gamma that returns no number when it is used", async () => {
    const sampler = tpeSampler({ gamma: () => Number.NaN, nStartupTrials: 1 });
    const t = await sampler.ask(xSpace);
    await sampler.tell(t.number, { state: "complete", values: [1] });
    await expect(sampler.ask(xSpace)).rejects.toThrow(/gamma/);
  });
});

describe("defaultWeights", () => {
  it("weighs up to 25 trials equally and ramps older ones down beyond", () => {
    expect(defaultWeights(0)).toEqual([]);
    expect(defaultWeights(3)).toEqual([1, 1, 1]);
    const w = defaultWeights(30);
    expect(w).toHaveLength(30);
    expect(w[0]).toBeCloseTo(1 / 30);
    expect(w[4]).toBeCloseTo(1);
    expect(w.slice(5)).toEqual(new Array(25).fill(1));
    for (let i = 1; i < 5; i++) expect(w[i]!).toBeGreaterThan(w[i - 1]!);
  });
});
