import { describe, expect, it } from "vitest";
import { holm } from "../../stats/holm.js";
import { Xoshiro128 } from "../../stats/rng.js";
import { Sampler } from "../bandits/sampling.js";
import { analyzeExperiment } from "./analyze.js";
import { binaryArm, continuousArm, exposure, outcome } from "./test-utils/events.js";

const converted = [{ name: "converted", kind: "binary" as const }];
const half = { A: 1, B: 1 };

describe("analyzeExperiment", () => {
  it("fixed: two-proportion z matches the hand computation (100/1000 vs 130/1000)", () => {
    const events = [...binaryArm("A", 1000, 100), ...binaryArm("B", 1000, 130)];
    const r = analyzeExperiment(events, { control: "A", metrics: converted, weights: half, method: "fixed" });
    const c = r.metrics[0]!.comparisons[0]!;
    // pooled p = 0.115, se = √(0.115·0.885·0.002) = 0.014267, z = 0.03 / se = 2.10274
    expect(c.pValue).toBeCloseTo(0.0354885, 5);
    expect(c.diff).toBeCloseTo(0.03, 12);
    expect(c.relativeLift).toBeCloseTo(0.3, 12);
    expect(c.significant).toBe(true);
    expect(r.recommendation).toBe("stop: B wins");
    expect(r.winner).toBe("B");
    expect(r.metrics[0]!.variants.map((v) => v.units)).toEqual([1000, 1000]);
  });

  it("fixed: Welch t matches SciPy for a continuous metric", () => {
    const events = [
      ...continuousArm("A", [1, 2, 3, 4, 5, 6, 7, 8]),
      ...continuousArm("B", [3, 5, 4, 6, 8, 9, 7, 10, 11]),
    ];
    const r = analyzeExperiment(events, {
      control: "A",
      metrics: [{ name: "revenue", kind: "continuous" }],
      weights: half,
      method: "fixed",
      minSamples: 1,
    });
    const c = r.metrics[0]!.comparisons[0]!;
    expect(c.pValue).toBeCloseTo(0.0655295, 5); // scipy.stats.ttest_ind(equal_var=False)
    const se = 2.5 / 1.9867985355975655;
    expect(c.interval.lower).toBeCloseTo(2.5 - 2.1314863 * se, 4); // t(0.975, df = 14.997)
    expect(c.significant).toBe(false);
  });

  it("sums a unit's outcome events; binary converts on any non-zero outcome", () => {
    const events = [
      exposure("u1", "A"),
      outcome("u1", "A", "revenue", 2),
      outcome("u1", "A", "revenue", 3),
      outcome("u1", "A", "converted", 1),
      outcome("u1", "A", "converted", 1),
      exposure("u2", "A"),
      exposure("u3", "B"),
      outcome("u3", "B", "revenue", 1),
    ];
    const r = analyzeExperiment(events, {
      control: "A",
      metrics: [...converted, { name: "revenue", kind: "continuous" }],
      weights: half,
    });
    expect(r.metrics[0]!.variants[0]!.mean).toBe(0.5);
    expect(r.metrics[1]!.variants[0]!.mean).toBe(2.5);
  });

  it("flags, counts and keeps out outcomes of units never exposed", () => {
    const events = [
      ...binaryArm("A", 200, 20),
      ...binaryArm("B", 200, 20),
      outcome("ghost", "B", "converted", 1),
    ];
    const r = analyzeExperiment(events, { control: "A", metrics: converted, weights: half });
    expect(r.unexposedOutcomes).toEqual({ events: 1, units: 1, byMetric: { converted: 1 } });
    expect(r.warnings.some((w) => w.includes("never exposed"))).toBe(true);
    expect(r.metrics[0]!.variants[1]!.mean).toBe(0.1);
  });

  it("SRM: 5,200 vs 4,800 on a 50/50 split is flagged (p ≈ 6.3e-5); 5,050 vs 4,950 is not", () => {
    const bad = analyzeExperiment([...binaryArm("A", 5200, 520), ...binaryArm("B", 4800, 480)], {
      control: "A",
      metrics: converted,
      weights: half,
    });
    expect(bad.srm.chiSquare).toBeCloseTo(16, 10);
    expect(bad.srm.pValue).toBeCloseTo(6.334248e-5, 9);
    expect(bad.srm.flagged).toBe(true);
    expect(bad.recommendation).toBe("investigate: sample ratio mismatch");
    const ok = analyzeExperiment([...binaryArm("A", 5050, 505), ...binaryArm("B", 4950, 495)], {
      control: "A",
      metrics: converted,
      weights: half,
    });
    expect(ok.srm.pValue).toBeCloseTo(0.3173105, 6);
    expect(ok.srm.flagged).toBe(false);
  });

  it("Holm is applied across challengers", () => {
    const events = [
      ...binaryArm("A", 1000, 100),
      ...binaryArm("B", 1000, 125),
      ...binaryArm("C", 1000, 112),
      ...binaryArm("D", 1000, 140),
    ];
    const r = analyzeExperiment(events, {
      control: "A",
      metrics: converted,
      weights: { A: 1, B: 1, C: 1, D: 1 },
      method: "fixed",
    });
    const cs = r.metrics[0]!.comparisons;
    expect(cs.map((c) => c.adjustedPValue)).toEqual(holm(cs.map((c) => c.pValue)));
    expect(cs[0]!.adjustedPValue).toBeGreaterThan(cs[0]!.pValue);
    expect(r.recommendation).toBe("stop: D wins");
  });

  it("Bayesian beta-binomial matches numerical integration within Monte Carlo tolerance", () => {
    const events = [...binaryArm("A", 100, 10), ...binaryArm("B", 100, 20)];
    const r = analyzeExperiment(events, {
      control: "A",
      metrics: converted,
      weights: half,
      method: "bayesian",
      seed: 7,
    });
    const c = r.metrics[0]!.comparisons[0]!;
    expect(Math.abs(c.probabilityToBeatControl - 0.975173)).toBeLessThan(0.005); // SciPy quad, Beta(21,81) > Beta(11,91)
    expect(Math.abs(c.expectedLoss - 0.000479)).toBeLessThan(0.00015);
    expect(c.significant).toBe(true);
    const again = analyzeExperiment(events, {
      control: "A",
      metrics: converted,
      weights: half,
      method: "bayesian",
      seed: 7,
    });
    expect(again.metrics[0]!.comparisons[0]!.probabilityToBeatControl).toBe(c.probabilityToBeatControl);
  });

  it("CUPED reduces variance on correlated data and keeps the difference", () => {
    const s = new Sampler(new Xoshiro128(3));
    const events = [];
    for (const [variant, lift] of [
      ["A", 0],
      ["B", 0.5],
    ] as const) {
      for (let i = 0; i < 2000; i++) {
        const id = `${variant}-${i}`;
        const pre = 10 + 3 * s.normal();
        events.push(exposure(id, variant), outcome(id, variant, "pre", pre));
        events.push(outcome(id, variant, "revenue", pre + lift + s.normal()));
      }
    }
    const metrics = [{ name: "revenue", kind: "continuous" as const }];
    const base = { control: "A", metrics, weights: half, method: "fixed" as const };
    const plain = analyzeExperiment(events, base).metrics[0]!;
    const adj = analyzeExperiment(events, { ...base, covariate: { metric: "pre" } }).metrics[0]!;
    expect(adj.cuped!.varianceReduction).toBeGreaterThan(0.85); // ρ² = 9 / 10
    expect(adj.cuped!.theta).toBeCloseTo(1, 1);
    expect(adj.variants[0]!.variance).toBeLessThan(plain.variants[0]!.variance / 5);
    expect(adj.comparisons[0]!.diff).toBeCloseTo(0.5, 1);
    const width = (c: typeof adj) => c.comparisons[0]!.interval.upper - c.comparisons[0]!.interval.lower;
    expect(width(adj)).toBeLessThan(width(plain) / 2);
  });
});
