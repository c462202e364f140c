import { describe, expect, it } from "vitest";
import reference from "./fixtures/reference.json" with { type: "json" };
import {
  powerPairedMeans,
  powerPairedProportions,
  projectCalls,
  type Sides,
  sampleSizePairedMeans,
  sampleSizePairedProportions,
} from "./sample-size.js";

describe("sampleSizePairedProportions (Connor 1987)", () => {
  it.each(reference.sampleSize.proportions)(
    "ψ=$pDiscordant δ=$difference α=$alpha power=$power $alternative",
    (row) => {
      const r = sampleSizePairedProportions({ ...row, alternative: row.alternative as Sides });
      expect(r.exact).toBeCloseTo(row.exact, 9);
      expect(r.n).toBe(row.n);
      expect(r.method).toBe("connor-1987");
      expect(r.discordantPairs).toBeCloseTo(row.n * row.pDiscordant, 12);
    },
  );

  it("reproduces the published example (p01 = 0.45, p10 = 0.05, 80% power: 23 pairs)", () => {
    expect(sampleSizePairedProportions({ pDiscordant: 0.5, difference: 0.4 }).n).toBe(23);
  });

  it("gives at least the requested power at n and less at n − 1", () => {
    const plan = { pDiscordant: 0.3, difference: 0.1 };
    const { n } = sampleSizePairedProportions(plan);
    expect(powerPairedProportions({ ...plan, n })).toBeGreaterThanOrEqual(0.8);
    expect(powerPairedProportions({ ...plan, n: n - 1 })).toBeLessThan(0.8);
    expect(powerPairedProportions({ pDiscordant: 1, difference: 1, n: 5 })).toBe(1);
  });

  it("explains impossible plans", () => {
    expect(() => sampleSizePairedProportions({ pDiscordant: 0.1, difference: 0.2 })).toThrow(
      /expected 0 < \|difference\| ≤ pDiscordant \(0.1\), got 0.2/,
    );
    expect(() => sampleSizePairedProportions({ pDiscordant: 1.2, difference: 0.1 })).toThrow(/pDiscordant/);
    expect(() => sampleSizePairedProportions({ pDiscordant: 0.2, difference: 0 })).toThrow(/difference/);
    expect(() => sampleSizePairedProportions({ pDiscordant: 0.2, difference: 0.1, power: 80 })).toThrow(
      /power/,
    );
    expect(() =>
      sampleSizePairedProportions({ pDiscordant: 0.2, difference: 0.1, alternative: "two" as Sides }),
    ).toThrow(/alternative/);
  });
});

describe("sampleSizePairedMeans (normal approximation)", () => {
  it.each(reference.sampleSize.means)("σ=$sdDiff δ=$difference α=$alpha power=$power", (row) => {
    const r = sampleSizePairedMeans(row);
    expect(r.exact).toBeCloseTo(row.exact, 9);
    expect(r.n).toBe(row.n);
    // statsmodels' NormalIndPower (ratio=0) also counts the far tail, so it is a hair smaller.
    expect(Math.abs(r.exact - row.statsmodels) / row.statsmodels).toBeLessThan(1e-3);
  });

  it("matches its power function and rejects a zero difference", () => {
    const plan = { sdDiff: 0.25, difference: 0.04 };
    const { n } = sampleSizePairedMeans(plan);
    expect(powerPairedMeans({ ...plan, n })).toBeGreaterThanOrEqual(0.8);
    expect(powerPairedMeans({ ...plan, n: n - 1 })).toBeLessThan(0.8);
    expect(() => sampleSizePairedMeans({ sdDiff: 1, difference: 0 })).toThrow(/non-zero difference/);
    expect(() => sampleSizePairedMeans({ sdDiff: 0, difference: 1 })).toThrow(/Invalid sdDiff/);
  });
});

describe("projectCalls", () => {
  it("multiplies inputs, variants and runs, and prices them", () => {
    expect(projectCalls(194)).toEqual({ inputs: 194, calls: 388 });
    expect(projectCalls(100, { variants: 3, runs: 5, costPerCall: 0.002 })).toEqual({
      inputs: 100,
      calls: 1500,
      cost: 3,
    });
    expect(() => projectCalls(0)).toThrow(/Invalid n/);
  });
});
