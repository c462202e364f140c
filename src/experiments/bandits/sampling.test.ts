import { describe, expect, it } from "vitest";
import { Xoshiro128 } from "../../stats/rng.js";
import { Sampler } from "./sampling.js";

function moments(draw: () => number, n: number): { mean: number; variance: number; values: Float64Array } {
  const values = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] = draw();
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, variance: ss / (n - 1), values };
}

/** Kolmogorov–Smirnov distance between the sample and a CDF. */
function ksDistance(values: Float64Array, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(values).sort();
  let d = 0;
  sorted.forEach((x, i) => {
    const f = cdf(x);
    d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs((i + 1) / sorted.length - f));
  });
  return d;
}

const N = 20_000;
// The 0.1% critical value of the one-sample KS statistic is about 1.95 / √n.
const KS_CRITICAL = 1.95 / Math.sqrt(N);

describe("Sampler", () => {
  it("is deterministic for a seed", () => {
    const a = new Sampler(new Xoshiro128(7));
    const b = new Sampler(new Xoshiro128(7));
    const xs = Array.from({ length: 20 }, () => [a.normal(), a.gamma(0.7), a.beta(2, 3)]);
    const ys = Array.from({ length: 20 }, () => [b.normal(), b.gamma(0.7), b.beta(2, 3)]);
    expect(xs).toEqual(ys);
  });

  it("draws standard normals (mean 0, variance 1, KS)", () => {
    const s = new Sampler(new Xoshiro128(1));
    const m = moments(() => s.normal(), N);
    expect(Math.abs(m.mean)).toBeLessThan(4 / Math.sqrt(N));
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.05);
    const phi = (x: number) => 0.5 * (1 + Math.sign(x) * Math.sqrt(1 - Math.exp((-2 * x * x) / Math.PI)));
    // Pólya's approximation of Φ is good to about 0.003, so allow that on top of the KS bound.
    expect(ksDistance(m.values, phi)).toBeLessThan(KS_CRITICAL + 0.004);
  });

  it.each([0.3, 1, 2.5, 40])("draws Gamma(%d, 1) with mean = variance = shape", (shape) => {
    const s = new Sampler(new Xoshiro128(Math.round(shape * 10)));
    const m = moments(() => s.gamma(shape), N);
    expect(Math.abs(m.mean - shape)).toBeLessThan(4 * Math.sqrt(shape / N));
    // Var of the sample variance ≈ (μ4 − σ⁴)/n with μ4 = 3σ⁴ + 6·shape for a gamma.
    const sdVar = Math.sqrt((2 * shape * shape + 6 * shape) / N);
    expect(Math.abs(m.variance - shape)).toBeLessThan(5 * sdVar);
  });

  it("draws Gamma(1) and Gamma(2) with the right distribution (KS)", () => {
    const s = new Sampler(new Xoshiro128(3));
    const g1 = moments(() => s.gamma(1), N).values;
    const g2 = moments(() => s.gamma(2), N).values;
    expect(ksDistance(g1, (x) => 1 - Math.exp(-x))).toBeLessThan(KS_CRITICAL);
    expect(ksDistance(g2, (x) => 1 - Math.exp(-x) * (1 + x))).toBeLessThan(KS_CRITICAL);
  });

  it("draws Beta(a, b) with mean a/(a+b) and the right variance", () => {
    const s = new Sampler(new Xoshiro128(4));
    for (const [a, b] of [
      [1, 1],
      [0.5, 0.5],
      [3, 7],
      [150, 850],
    ] as const) {
      const m = moments(() => s.beta(a, b), N);
      const mean = a / (a + b);
      const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
      expect(Math.abs(m.mean - mean)).toBeLessThan(4 * Math.sqrt(variance / N));
      expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.06);
    }
    const uniform = moments(() => s.beta(1, 1), N).values;
    expect(ksDistance(uniform, (x) => x)).toBeLessThan(KS_CRITICAL);
  });

  it("rejects a bad shape", () => {
    const s = new Sampler(new Xoshiro128(1));
    expect(() => s.gamma(0)).toThrow(/shape/);
    expect(() => s.gamma(Number.NaN)).toThrow(/shape/);
  });
});
