import { describe, expect, it } from "vitest";
import reference from "./fixtures/reference.json" with { type: "json" };
import { Xoshiro128 } from "./rng.js";

describe("Xoshiro128", () => {
  it.each(reference.xoshiro)("matches the reference stream for seed $seed", ({ seed, first }) => {
    const rng = new Xoshiro128(seed);
    expect(Array.from({ length: first.length }, () => rng.nextUint32())).toEqual(first);
  });

  it("gives the same stream for the same seed and a different one for another seed", () => {
    const a = new Xoshiro128(5);
    const b = new Xoshiro128(5);
    const c = new Xoshiro128(6);
    const xs = Array.from({ length: 20 }, () => a.nextUint32());
    expect(Array.from({ length: 20 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it("draws uniform floats in [0, 1) and indices in [0, n), the batch the same as one by one", () => {
    const rng = new Xoshiro128(1);
    let sum = 0;
    let outside = 0;
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70_000; i++) {
      const u = rng.nextFloat();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      counts[rng.nextBelow(7)]!++;
    }
    expect(outside).toBe(0);
    expect(sum / 70_000).toBeCloseTo(0.5, 2);
    for (const k of counts) expect(Math.abs(k - 10_000)).toBeLessThan(500);
    for (const n of [1, 3_000_000, 2 ** 32]) {
      for (let i = 0; i < 1000; i++) {
        const k = rng.nextBelow(n);
        if (!(Number.isInteger(k) && k >= 0 && k < n)) outside++;
      }
    }
    expect(outside).toBe(0);
    for (const n of [10, 3_000_000]) {
      const one = new Xoshiro128(3);
      const batch = new Xoshiro128(3);
      const out = new Int32Array(100);
      batch.fillBelow(out, n);
      expect(Array.from(out)).toEqual(Array.from({ length: 100 }, () => one.nextBelow(n)));
      expect(batch.nextUint32()).toBe(one.nextUint32());
    }
  });

  it("rejects a seed that is not a safe integer, naming it", () => {
    expect(() => new Xoshiro128(1.5)).toThrow(/Invalid seed: expected a safe integer, got 1.5/);
    expect(() => new Xoshiro128(Number.NaN)).toThrow(/seed/);
  });
});
