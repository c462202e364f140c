import { describe, expect, it } from "vitest";
import reference from "./fixtures/reference.json" with { type: "json" };
import { Xoshiro128 } from "./rng.js";
import { createSequentialTest } from "./sequential.js";

describe("createSequentialTest against a transcription of Waudby-Smith & Ramdas (2023)", () => {
  it.each(reference.sequential.map((r) => ({ ...r, n: r.diffs.length })))(
    "n=$n alpha=$alpha decides at $decidedAt",
    ({ diffs, alpha, decidedAt, states }) => {
      const test = createSequentialTest({ alpha });
      diffs.forEach((d, i) => {
        const s = test.update(d);
        const ref = states[i]!;
        expect(s.n).toBe(ref.n);
        expect(Math.abs(s.eValue - ref.eValue)).toBeLessThanOrEqual(1e-9 * ref.eValue);
        expect(s.pValue).toBeCloseTo(ref.pValue, 9);
        expect(s.lower).toBeCloseTo(ref.lower, 12);
        expect(s.upper).toBeCloseTo(ref.upper, 12);
        expect(s.decided).toBe(ref.decided);
      });
      expect(test.state().decidedAt).toBe(decidedAt ?? undefined);
    },
  );
});

/** One simulated comparison: inputs of varying difficulty, pass/fail, B better by `lift`. */
function run(rng: Xoshiro128, lift: number, horizon: number, alpha: number, repeats = 1) {
  const test = createSequentialTest({ alpha, interval: false });
  for (let t = 0; t < horizon; t++) {
    const p = rng.nextFloat();
    let a = 0;
    let b = 0;
    for (let r = 0; r < repeats; r++) {
      a += rng.nextFloat() < p ? 1 : 0;
      b += rng.nextFloat() < Math.min(1, p + lift) ? 1 : 0;
    }
    const s = test.update((b - a) / repeats);
    if (s.decided) return s;
  }
  return test.state();
}

describe("createSequentialTest by simulation", () => {
  it("keeps the false-positive rate at most alpha under continuous monitoring", () => {
    const rng = new Xoshiro128(123);
    const runs = 400;
    let falsePositives = 0;
    for (let k = 0; k < runs; k++) if (run(rng, 0, 500, 0.05, k % 2 === 0 ? 1 : 3).decided) falsePositives++;
    // alpha = 0.05 plus 2.5 standard errors of a 400-run estimate.
    expect(falsePositives / runs).toBeLessThanOrEqual(0.05 + 2.5 * Math.sqrt((0.05 * 0.95) / runs));
  });

  it("stops early, in the right direction, when there is a real difference", () => {
    const rng = new Xoshiro128(7);
    const stops: number[] = [];
    let wrongWay = 0;
    for (let k = 0; k < 200; k++) {
      const s = run(rng, 0.2, 1000, 0.05);
      if (s.decided) stops.push(s.decidedAt!);
      if (s.direction === -1) wrongWay++;
    }
    stops.sort((x, y) => x - y);
    expect(stops.length).toBeGreaterThanOrEqual(195);
    expect(wrongWay).toBe(0);
    expect(stops[Math.floor(stops.length / 2)]!).toBeLessThan(250);
  });

  it("keeps its confidence sequence around the true mean at all times (coverage ≥ 1 − alpha)", () => {
    const rng = new Xoshiro128(99);
    const runs = 150;
    let misses = 0;
    for (let k = 0; k < runs; k++) {
      const test = createSequentialTest({ alpha: 0.1 });
      let missed = false;
      for (let t = 0; t < 300 && !missed; t++) {
        const s = test.update((rng.nextFloat() + rng.nextFloat()) / 2 - 0.45); // mean 0.05
        if (!(s.lower < 0.05 && 0.05 < s.upper)) missed = true;
      }
      if (missed) misses++;
    }
    expect(misses / runs).toBeLessThanOrEqual(0.1 + 2.5 * Math.sqrt((0.1 * 0.9) / runs));
  });
});

describe("createSequentialTest API", () => {
  it("starts undecided with the trivial interval and reports the mean", () => {
    const test = createSequentialTest();
    expect(test.state()).toEqual({
      n: 0,
      decided: false,
      direction: 0,
      lower: -1,
      upper: 1,
      meanDiff: 0,
      eValue: 1,
      pValue: 1,
    });
    test.update(1);
    const s = test.update(-0.5);
    expect(s.meanDiff).toBeCloseTo(0.25, 12);
    expect(s.lower).toBeLessThan(s.meanDiff);
    expect(s.upper).toBeGreaterThan(s.meanDiff);
  });

  it("decides for a, with direction −1, when a is clearly better, and stays decided", () => {
    const test = createSequentialTest({ alpha: 0.05 });
    let s = test.update(-1);
    while (!s.decided) s = test.update(-1);
    expect(s).toMatchObject({ decided: true, direction: -1, decidedAt: s.n });
    expect(s.upper).toBeLessThanOrEqual(0);
    expect(s.pValue).toBeLessThanOrEqual(0.05);
    const later = test.update(1);
    expect(later).toMatchObject({ decided: true, direction: -1, decidedAt: s.n });
  });

  it("rejects differences outside [−1, 1] and bad options", () => {
    const test = createSequentialTest();
    expect(() => test.update(1.5)).toThrow(
      /Invalid diff: expected a paired difference in \[-1, 1\], got 1.5/,
    );
    expect(() => test.update(Number.NaN)).toThrow(/Invalid diff/);
    expect(test.update(1 + 1e-12).n).toBe(1);
    expect(() => createSequentialTest({ alpha: 0 })).toThrow(/Invalid alpha/);
    expect(() => createSequentialTest({ resolution: 0 })).toThrow(/Invalid resolution/);
    expect(() => createSequentialTest({ resolution: 1e-7 })).toThrow(/grid step/);
  });
});
