import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { ParamSpec, ParamValue, Sampler, SearchSpace } from "../../core/ports.js";

/** Makes a fresh sampler with no trials. */
export type MakeSampler = (options: {
  seed: number;
  directions: ("maximize" | "minimize")[];
}) => Promise<Sampler>;

export interface SamplerSuiteOptions {
  /** The sampler is slow (a subprocess, a server): fewer trials, longer timeouts. */
  slow?: boolean;
  /** The same seed may give different asks (skips the determinism check). */
  nondeterministic?: boolean;
}

/** Every kind of dimension, including log ranges, step grids and non-string choices. */
export const richSpace: SearchSpace = {
  x: { type: "float", low: -2, high: 3 },
  lr: { type: "float", low: 1e-4, high: 1, log: true },
  temp: { type: "float", low: 0, high: 1, step: 0.25 },
  n: { type: "int", low: -3, high: 7 },
  k: { type: "int", low: 2, high: 20, step: 3 },
  batch: { type: "int", low: 1, high: 1024, log: true },
  pick: { type: "categorical", choices: ["a", 1, true, false, null] },
};

/** Fails the test unless `value` is a value `spec` allows. */
export function expectWithin(name: string, spec: ParamSpec, value: ParamValue | undefined): void {
  const where = `${name}=${String(value)}`;
  if (spec.type === "categorical") {
    expect(
      spec.choices.some((c) => Object.is(c, value)),
      where,
    ).toBe(true);
    return;
  }
  expect(typeof value, where).toBe("number");
  const v = value as number;
  expect(Number.isFinite(v), where).toBe(true);
  expect(v >= spec.low && v <= spec.high, where).toBe(true);
  if (spec.type === "int") expect(Number.isInteger(v), where).toBe(true);
  if (spec.step !== undefined) {
    const k = (v - spec.low) / spec.step;
    expect(Math.abs(k - Math.round(k)) < 1e-6, where).toBe(true);
  }
}

/** Fails unless `params` has exactly the keys of `space`, each within its spec. */
export function expectValidParams(space: SearchSpace, params: Record<string, ParamValue>): void {
  expect(Object.keys(params).sort()).toEqual(Object.keys(space).sort());
  for (const [name, spec] of Object.entries(space)) expectWithin(name, spec, params[name]);
}

/** A toy objective of the rich space (best near x = 1, lr = 1e-2, n = 4, pick = true). */
export function richObjective(p: Record<string, ParamValue>): number {
  const x = p.x as number;
  const lr = Math.log10(p.lr as number);
  const n = p.n as number;
  return -((x - 1) ** 2) - (lr + 2) ** 2 / 4 - (n - 4) ** 2 / 10 + (p.pick === true ? 0.5 : 0);
}

/** Asks, scores and tells `count` trials; returns what was asked. */
async function drive(sampler: Sampler, space: SearchSpace, count: number, score = richObjective) {
  const asked: Record<string, ParamValue>[] = [];
  for (let i = 0; i < count; i++) {
    const trial = await sampler.ask(space);
    asked.push(trial.params);
    if (i % 7 === 5) await sampler.tell(trial.number, { state: "fail", reason: "boom" });
    else if (i % 7 === 6) await sampler.tell(trial.number, { state: "pruned", value: score(trial.params) });
    else await sampler.tell(trial.number, { state: "complete", values: [score(trial.params)] });
  }
  return asked;
}

const isInvalidArgument = (e: unknown) => InvalidArgumentError.isInstance(e);

/**
 * The behaviour every Sampler must have. Run it from each sampler's test file:
 * `samplerSuite("random", async (o) => randomSampler(o))`.
 */
export function samplerSuite(name: string, make: MakeSampler, opts: SamplerSuiteOptions = {}): void {
  const many = opts.slow ? 20 : 40;
  const timeout = opts.slow ? 180_000 : 20_000;
  const one = (seed = 1) => make({ seed, directions: ["maximize"] });

  describe(`${name} (shared Sampler suite)`, { timeout }, () => {
    it("declares port version 1, a kind and its directions", async () => {
      const sampler = await make({ seed: 1, directions: ["maximize", "minimize"] });
      expect(sampler.portVersion).toBe(1);
      expect(sampler.kind).toMatch(/^[a-z:-]+$/);
      expect([...sampler.directions]).toEqual(["maximize", "minimize"]);
      await sampler.close();
    });

    it("asks only values within each dimension's spec, before and after it has history", async () => {
      const sampler = await one();
      const asked = await drive(sampler, richSpace, many);
      for (const params of asked) expectValidParams(richSpace, params);
      const lows = asked.filter((p) => (p.lr as number) < 1e-2).length;
      expect(lows, "a log range is sampled in log space").toBeGreaterThanOrEqual(3);
      const picks = new Set(asked.map((p) => String(p.pick)));
      expect(picks.size, "several categorical choices are tried").toBeGreaterThanOrEqual(3);
      await sampler.close();
    });

    it("numbers trials uniquely and increasingly, also when several are open at once", async () => {
      const sampler = await one();
      const open = [await sampler.ask(richSpace), await sampler.ask(richSpace), await sampler.ask(richSpace)];
      for (const t of [...open].reverse()) await sampler.tell(t.number, { state: "complete", values: [1] });
      const next = await sampler.ask(richSpace);
      const numbers = [...open, next].map((t) => t.number);
      expect(numbers[0]).toBe(0);
      for (let i = 1; i < numbers.length; i++) expect(numbers[i]!).toBeGreaterThan(numbers[i - 1]!);
      await sampler.close();
    });

    it("keeps every finished trial with its params, outcome and intermediate values", async () => {
      const sampler = await one();
      const [a, b, c] = [
        await sampler.ask(richSpace),
        await sampler.ask(richSpace),
        await sampler.ask(richSpace),
      ];
      const verdict = await sampler.report(b!.number, 0, 0.25);
      expect(typeof verdict.prune).toBe("boolean");
      await sampler.report(b!.number, 3, 0.5);
      await sampler.tell(a!.number, { state: "complete", values: [0.75] });
      await sampler.tell(b!.number, { state: "pruned", value: 0.5 });
      await sampler.tell(c!.number, { state: "fail", reason: "boom" });
      const open = await sampler.ask(richSpace);
      const finished = await sampler.trials();
      expect(finished.map((t) => t.number)).toEqual([a!.number, b!.number, c!.number]);
      expect(finished.map((t) => t.params)).toEqual([a!.params, b!.params, c!.params]);
      expect(finished[0]!.outcome).toEqual({ state: "complete", values: [0.75] });
      expect(finished[1]!.outcome).toEqual({ state: "pruned", value: 0.5 });
      expect(finished[1]!.intermediate).toEqual({ 0: 0.25, 3: 0.5 });
      expect(finished[2]!.outcome.state).toBe("fail");
      expect(finished.some((t) => t.number === open.number)).toBe(false);
      await sampler.close();
    });

    it("continues from seeded history: lists it and numbers later trials after it", async () => {
      const sampler = await one();
      const history = [0, 1, 2, 5].map((number) => ({
        number,
        params: { x: number / 2, pick: "a" as ParamValue },
        outcome: { state: "complete" as const, values: [number] },
      }));
      await sampler.seed(history);
      const listed = await sampler.trials();
      expect(listed.map((t) => t.number)).toEqual([0, 1, 2, 5]);
      expect(listed[3]!.params).toEqual({ x: 2.5, pick: "a" });
      const space: SearchSpace = { x: richSpace.x!, pick: richSpace.pick! };
      const next = await sampler.ask(space);
      expect(next.number).toBeGreaterThan(5);
      expectValidParams(space, next.params);
      await sampler.close();
    });

    it("follows a search space that changes between trials", async () => {
      const sampler = await one();
      const always: SearchSpace = { x: { type: "float", low: 0, high: 1 } };
      const sometimes: SearchSpace = { ...always, depth: { type: "int", low: 1, high: 4 } };
      for (let i = 0; i < many; i++) {
        const space = i % 3 === 0 ? sometimes : always;
        const t = await sampler.ask(space);
        expectValidParams(space, t.params);
        const depth = typeof t.params.depth === "number" ? t.params.depth : 2;
        await sampler.tell(t.number, { state: "complete", values: [(t.params.x as number) + depth / 10] });
      }
      await sampler.close();
    });

    it("finds the optimum of a 1-D problem roughly, maximizing and minimizing", async () => {
      for (const direction of ["maximize", "minimize"] as const) {
        const sampler = await make({ seed: 3, directions: [direction] });
        const sign = direction === "maximize" ? -1 : 1;
        let best = Number.POSITIVE_INFINITY;
        for (let i = 0; i < 40; i++) {
          const t = await sampler.ask({ x: { type: "float", low: -5, high: 5 } });
          const distance = Math.abs((t.params.x as number) - 1.3);
          best = Math.min(best, distance);
          await sampler.tell(t.number, { state: "complete", values: [sign * distance ** 2] });
        }
        // Loose: even uniform draws land within 0.5 of 1.3 in 40 tries (a miss has odds of 1.5%).
        expect(best, direction).toBeLessThan(0.5);
        await sampler.close();
      }
    });

    it("takes one value per objective for several directions", async () => {
      const sampler = await make({ seed: 1, directions: ["maximize", "minimize"] });
      for (let i = 0; i < 12; i++) {
        const t = await sampler.ask({ x: { type: "float", low: 0, high: 1 } });
        const x = t.params.x as number;
        await sampler.tell(t.number, { state: "complete", values: [x, x * x] });
      }
      const t = await sampler.ask({ x: { type: "float", low: 0, high: 1 } });
      await expect(sampler.tell(t.number, { state: "complete", values: [1] })).rejects.toSatisfy(
        isInvalidArgument,
      );
      expect(await sampler.trials()).toHaveLength(12);
      await sampler.close();
    });

    it("rejects a bad space, naming the parameter", async () => {
      const sampler = await one();
      const bad: SearchSpace[] = [
        { lowHigh: { type: "float", low: 2, high: 1 } },
        { noChoices: { type: "categorical", choices: [] } },
        { logZero: { type: "float", low: 0, high: 1, log: true } },
        { badStep: { type: "int", low: 0, high: 10, step: 0 } },
        { nan: { type: "float", low: Number.NaN, high: 1 } },
      ];
      for (const space of bad) {
        const error = await sampler.ask(space).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isInvalidArgument(error), JSON.stringify(space)).toBe(true);
        expect(String((error as Error).message)).toContain(Object.keys(space)[0]!);
      }
      await sampler.close();
    });

    it("rejects tell and report of an unknown or finished trial", async () => {
      const sampler = await one();
      await expect(sampler.tell(99, { state: "complete", values: [1] })).rejects.toSatisfy(isInvalidArgument);
      await expect(sampler.report(99, 0, 1)).rejects.toSatisfy(isInvalidArgument);
      const t = await sampler.ask(richSpace);
      await sampler.tell(t.number, { state: "complete", values: [1] });
      await expect(sampler.tell(t.number, { state: "complete", values: [2] })).rejects.toSatisfy(
        isInvalidArgument,
      );
      await expect(sampler.report(t.number, 1, 1)).rejects.toSatisfy(isInvalidArgument);
      await sampler.close();
    });

    it.skipIf(opts.nondeterministic)("asks the same values for the same seed and history", async () => {
      const run = async (seed: number) => {
        const sampler = await one(seed);
        const asked = await drive(sampler, richSpace, Math.min(many, 25));
        await sampler.close();
        return asked;
      };
      const first = await run(7);
      expect(await run(7)).toEqual(first);
      expect(await run(8)).not.toEqual(first);
    });
  });
}
