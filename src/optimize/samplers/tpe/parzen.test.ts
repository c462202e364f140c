import { describe, expect, it } from "vitest";
import type { ParamSpec } from "../../../core/ports.js";
import { normalCdf } from "../../../stats/normal.js";
import { Xoshiro128 } from "../../../stats/rng.js";
import { bandwidths, ParzenEstimator } from "./parzen.js";
import { logGaussMass, logNdtr, truncNormLogPdf, truncNormQuantile } from "./truncnorm.js";

const prior = { priorWeight: 1, considerEndpoints: false };

/** ∫ exp(logPdf) over [a, b] by the midpoint rule, with `warp` the variable integrated over. */
function integrate(pdf: (x: number) => number, a: number, b: number, steps = 20_000): number {
  const h = (b - a) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += Math.exp(pdf(a + (i + 0.5) * h)) * h;
  return sum;
}

describe("bandwidths", () => {
  it("uses the wider neighbour gap, the inner gap at the ends, then the magic clip", () => {
    // Sorted with the domain ends: 0 | 0.2 0.5 0.6 | 1; the clip's floor is 1 / (3 + 2).
    expect(bandwidths([0.6, 0.2, 0.5], 0, 1, false).map((s) => +s.toFixed(12))).toEqual([0.2, 0.3, 0.3]);
    expect(bandwidths([0.6, 0.2, 0.5], 0, 1, true).map((s) => +s.toFixed(12))).toEqual([0.4, 0.3, 0.3]);
    expect(bandwidths([0.5], 0, 1, false)).toEqual([0.5]);
    const many = Array.from({ length: 300 }, (_, i) => i / 299);
    expect(Math.min(...bandwidths(many, 0, 1, false))).toBeCloseTo(0.01);
  });
});

describe("ParzenEstimator", () => {
  it("is a density over a float range (weights, prior and truncation included)", () => {
    const spec: ParamSpec = { type: "float", low: 0, high: 10 };
    const est = new ParzenEstimator([[1], [1.5], [9.8]], [spec], [1, 2, 1], prior);
    expect(integrate((x) => est.logPdf([x]), 0, 10)).toBeCloseTo(1, 4);
    expect(est.logPdf([1.2])).toBeGreaterThan(est.logPdf([5]));
    expect(est.logPdf([10.5])).toBe(Number.NEGATIVE_INFINITY);
  });

  it("is a density over log values for a log range", () => {
    const spec: ParamSpec = { type: "float", low: 1e-4, high: 1, log: true };
    const est = new ParzenEstimator([[1e-3], [2e-3]], [spec], [1, 1], prior);
    const total = integrate((u) => est.logPdf([Math.exp(u)]), Math.log(1e-4), 0);
    expect(total).toBeCloseTo(1, 4);
    expect(est.logPdf([1.5e-3])).toBeGreaterThan(est.logPdf([0.3]));
  });

  it("gives probabilities summing to 1 over a stepped int range", () => {
    const spec: ParamSpec = { type: "int", low: 0, high: 20, step: 4 };
    const est = new ParzenEstimator([[8], [8], [20]], [spec], [1, 1, 1], prior);
    const grid = [0, 4, 8, 12, 16, 20];
    const total = grid.reduce((s, v) => s + Math.exp(est.logPdf([v])), 0);
    expect(total).toBeCloseTo(1, 10);
    expect(est.logPdf([8])).toBe(Math.max(...grid.map((v) => est.logPdf([v]))));
  });

  it("puts weight 1 on each observed choice plus a share of the prior (Optuna's categorical kernel)", () => {
    const spec: ParamSpec = { type: "categorical", choices: ["a", "b", "c"] };
    const est = new ParzenEstimator([[0], [0], [1]], [spec], [1, 1, 1], prior);
    // Four kernels, prior share 1/4 per choice: rows (1.25, .25, .25)/1.75, …, and a uniform prior row.
    const pA = ((2 * 1.25) / 1.75 + 0.25 / 1.75 + 1 / 3) / 4;
    expect(Math.exp(est.logPdf([0]))).toBeCloseTo(pA, 12);
    const total = [0, 1, 2].reduce((s, i) => s + Math.exp(est.logPdf([i])), 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it("samples inside the range, on the grid, and mostly near the observations", () => {
    const specs: ParamSpec[] = [
      { type: "float", low: 0, high: 1 },
      { type: "int", low: 1, high: 1000, log: true },
      { type: "float", low: 0, high: 2, step: 0.5 },
    ];
    const obs = Array.from({ length: 20 }, () => [0.3, 100, 1.5]);
    const est = new ParzenEstimator(obs, specs, new Array(20).fill(1), prior);
    const draws = est.sample(new Xoshiro128(1), 2000);
    for (const [x, n, s] of draws) {
      expect(x! >= 0 && x! <= 1).toBe(true);
      expect(Number.isInteger(n) && n! >= 1 && n! <= 1000).toBe(true);
      expect([0, 0.5, 1, 1.5, 2]).toContain(s);
    }
    expect(draws.filter(([x]) => Math.abs(x! - 0.3) < 0.1).length).toBeGreaterThan(1400);
    expect(draws.filter(([, n]) => n! >= 50 && n! <= 200).length).toBeGreaterThan(1400);
  });
});

describe("truncated normal helpers", () => {
  it("keeps log Φ accurate in the far left tail and continuous where the method changes", () => {
    for (const x of [-21, -25, -30, -38]) expect(logNdtr(x)).toBeCloseTo(Math.log(normalCdf(x)), 8);
    // −1800 − log 60 − log √(2π) + log(1 − 1/3600 + …)
    expect(logNdtr(-60)).toBeCloseTo(-1805.013561, 5);
    expect(logNdtr(7)).toBeCloseTo(-1.279812543885835e-12, 20);
    expect(logNdtr(0)).toBeCloseTo(Math.log(0.5), 14);
  });

  it("computes interval masses on both sides of zero", () => {
    expect(Math.exp(logGaussMass(-1, 1))).toBeCloseTo(0.682689492137086, 12);
    expect(logGaussMass(30, 31)).toBeCloseTo(logNdtr(-30), 6);
    expect(logGaussMass(-31, -30)).toBeCloseTo(logNdtr(-30), 6);
    expect(Math.exp(logGaussMass(1, 2))).toBeCloseTo(normalCdf(2) - normalCdf(1), 14);
  });

  it("inverts the truncated CDF inside [a, b]", () => {
    expect(truncNormQuantile(0.5, -1, 1)).toBeCloseTo(0, 12);
    for (const [a, b] of [
      [-2, 0.5],
      [3, 4],
      [-40, -39],
    ] as const) {
      for (const q of [0, 0.1, 0.5, 0.9, 0.999]) {
        const x = truncNormQuantile(q, a, b);
        expect(x >= a && x <= b, `${q} in [${a}, ${b}]`).toBe(true);
        if (a > -30) expect((normalCdf(x) - normalCdf(a)) / (normalCdf(b) - normalCdf(a))).toBeCloseTo(q, 6);
      }
    }
  });

  it("has a log density that integrates to 1 and is −∞ outside", () => {
    expect(integrate((x) => truncNormLogPdf(x, 0.2, 0.3, 0, 1), 0, 1)).toBeCloseTo(1, 6);
    expect(truncNormLogPdf(1.1, 0.2, 0.3, 0, 1)).toBe(Number.NEGATIVE_INFINITY);
  });
});
