import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { Sampler, SearchSpace } from "../../core/ports.js";
import { anyScore, searchSpace } from "./arbitraries.case.js";
import { randomSampler } from "./random.js";
import { expectValidParams, samplerSuite } from "./sampler.case.js";

samplerSuite("randomSampler", async (o) => randomSampler(o));

async function askMany(sampler: Sampler, space: SearchSpace, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = await sampler.ask(space);
    out.push(t.params);
    await sampler.tell(t.number, { state: "complete", values: [anyScore(t.params)] });
  }
  return out;
}

describe("randomSampler", () => {
  it("asks valid values for any search space", async () => {
    await fc.assert(
      fc.asyncProperty(searchSpace, fc.integer(), async (space, seed) => {
        for (const params of await askMany(randomSampler({ seed }), space, 15))
          expectValidParams(space, params);
      }),
      { numRuns: 150 },
    );
  });

  it("asks the same sequence for the same seed", async () => {
    await fc.assert(
      fc.asyncProperty(searchSpace, fc.integer(), async (space, seed) => {
        expect(await askMany(randomSampler({ seed }), space, 8)).toEqual(
          await askMany(randomSampler({ seed }), space, 8),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("spreads a log range evenly over its decades and reaches both ends of an int range", async () => {
    const space: SearchSpace = {
      lr: { type: "float", low: 1e-6, high: 1, log: true },
      n: { type: "int", low: 1, high: 3 },
      t: { type: "float", low: 0, high: 1, step: 0.1 },
    };
    const asked = await askMany(randomSampler({ seed: 5 }), space, 3000);
    const decades = new Array<number>(6).fill(0);
    for (const p of asked) decades[Math.min(5, Math.floor(-Math.log10(p.lr as number)))]!++;
    for (const count of decades) expect(count).toBeGreaterThan(400);
    const ns = asked.map((p) => p.n);
    expect(new Set(ns)).toEqual(new Set([1, 2, 3]));
    expect(ns.filter((n) => n === 3).length).toBeGreaterThan(850);
    expect(new Set(asked.map((p) => p.t)).size).toBe(11);
    expect(asked.some((p) => p.t === 0.3)).toBe(true);
  });

  it("rejects bad options, naming them", () => {
    const bad = [{ seed: 1.5 }, { directions: [] }, { directions: ["up"] }, { pruner: "mean" }] as const;
    for (const options of bad) {
      expect(() => randomSampler(options as never), JSON.stringify(options)).toThrow(InvalidArgumentError);
    }
    expect(() => randomSampler({ directions: ["sideways" as never] })).toThrow(/directions/);
    expect(() => randomSampler(null as never)).toThrow(/randomSampler options/);
  });

  it("returns copies from trials(), so callers cannot change its history", async () => {
    const sampler = randomSampler({ seed: 1 });
    const t = await sampler.ask({ x: { type: "float", low: 0, high: 1 } });
    await sampler.tell(t.number, { state: "complete", values: [1] });
    const [first] = await sampler.trials();
    first!.params.x = 99;
    expect((await sampler.trials())[0]!.params.x).toBe(t.params.x);
  });
});
