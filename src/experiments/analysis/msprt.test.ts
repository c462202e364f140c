import { describe, expect, it } from "vitest";
import { Xoshiro128 } from "../../stats/rng.js";
import { Sampler } from "../bandits/sampling.js";
import { chiSquareSf, studentTQuantile, studentTSf } from "./distributions.js";
import { mixingRatio, mixtureTest } from "./msprt.js";

describe("distributions", () => {
  it("match SciPy", () => {
    expect(studentTSf(2.5, 7.3)).toBeCloseTo(0.019825117, 8);
    expect(studentTQuantile(0.975, 14.997032640949557)).toBeCloseTo(2.131486278, 7);
    expect(chiSquareSf(7.5, 3)).toBeCloseTo(0.057558452, 9);
    expect(chiSquareSf(0.5, 2)).toBeCloseTo(Math.exp(-0.25), 12);
    expect(chiSquareSf(16, 1)).toBeCloseTo(6.334248e-5, 10);
  });
});

describe("mixtureTest (mSPRT / normal-mixture confidence sequence)", () => {
  it("r solves r = 2 log(1/α) + log(1 + r)", () => {
    const r = mixingRatio(0.05);
    expect(r).toBeCloseTo(2 * Math.log(20) + Math.log1p(r), 12);
    expect(r).toBeGreaterThan(8);
  });

  it("p = 1/Λ and the interval excludes 0 exactly when p ≤ α", () => {
    for (const mb of [0.1, 0.11, 0.115, 0.12, 0.13]) {
      const a = { n: 5000, mean: 0.1, variance: 0.09 };
      const b = { n: 5000, mean: mb, variance: mb * (1 - mb) };
      const r = mixtureTest(a, b, { alpha: 0.05, tuneAt: 5000 });
      const v = a.variance / a.n + b.variance / b.n;
      const t = r.mixingVariance;
      const lr = Math.sqrt(v / (v + t)) * Math.exp(((mb - 0.1) ** 2 * t) / (2 * v * (v + t)));
      expect(r.pValue).toBeCloseTo(Math.min(1, 1 / lr), 12);
      expect(r.lower > 0 || r.upper < 0).toBe(r.pValue <= 0.05);
    }
  });

  it("keeps the false-positive rate at most α with 20 looks (A/A, normal data)", () => {
    const s = new Sampler(new Xoshiro128(11));
    const experiments = 400;
    let rejected = 0;
    for (let e = 0; e < experiments; e++) {
      const sums = [0, 0];
      const sq = [0, 0];
      let n = 0;
      for (let look = 0; look < 20; look++) {
        for (let i = 0; i < 100; i++) {
          for (let g = 0; g < 2; g++) {
            const x = s.normal();
            sums[g]! += x;
            sq[g]! += x * x;
          }
        }
        n += 100;
        const m = sums.map((x) => x / n);
        const v = sq.map((x, g) => (x - n * m[g]! ** 2) / (n - 1));
        const r = mixtureTest(
          { n, mean: m[0]!, variance: v[0]! },
          { n, mean: m[1]!, variance: v[1]! },
          { alpha: 0.05, tuneAt: 2000 },
        );
        if (r.pValue <= 0.05) {
          rejected++;
          break;
        }
      }
    }
    expect(rejected / experiments).toBeLessThan(0.05);
  });
});
