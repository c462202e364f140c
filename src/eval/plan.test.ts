import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import reference from "../stats/fixtures/reference.json" with { type: "json" };
import { powerPairedProportions } from "../stats/index.js";
import { type PlanCompareOptions, planCompare, planPower } from "./plan.js";

describe("planCompare for pass/fail (Connor 1987)", () => {
  it("reproduces Connor's published example: p10 = 0.05, p01 = 0.45 needs 23 pairs", () => {
    const published = reference.sampleSize.proportions[0]!;
    expect(published).toMatchObject({ pDiscordant: 0.5, n: 23 });
    // Control passes 30%, challenger 70%: p01 − p10 = 0.4, p01 + p10 = 0.5.
    const plan = planCompare({ baseline: 0.3, difference: 0.4, pDiscordant: 0.5 });
    expect(plan).toMatchObject({
      inputs: 23,
      calls: 46,
      method: "connor-1987",
      comparisons: 1,
      alphaPerComparison: 0.05,
      pDiscordant: 0.5,
    });
    expect(plan.discordantPairs).toBeCloseTo(11.5, 12);
    expect(plan.costUsd).toBeUndefined();
  });

  it("estimates the discordant share under independence and prices the calls (hand-computed)", () => {
    // ψ = 0.7·0.2 + 0.8·0.3 = 0.38; n = (1.959964·√0.38 + 0.841621·√0.37)² / 0.01 = 295.89 → 296.
    const plan = planCompare({ baseline: 0.7, difference: 0.1, costPerCall: 0.002 });
    expect(plan.inputs).toBe(296);
    expect(plan.calls).toBe(592);
    expect(plan.costUsd).toBeCloseTo(1.184, 12);
    expect(plan.pDiscordant).toBeCloseTo(0.38, 12);
    expect(plan.notes.join(" ")).toMatch(/pDiscordant 0.38 estimated as pA\(1 − pB\) \+ pB\(1 − pA\)/);
    expect(plan.notes.join(" ")).toMatch(/exact test falls a little short.*midP: true/);
    // A drop is planned like a rise of the same size.
    expect(planCompare({ baseline: 0.8, difference: -0.1 }).inputs).toBe(296);
  });

  it("splits alpha over the comparisons (Bonferroni) and counts every call", () => {
    // 3 variants vs the control: 2 comparisons at 0.025 → 358.58 → 359 inputs.
    const control = planCompare({ baseline: 0.7, difference: 0.1, variants: 3, runs: 2, costPerCall: 0.01 });
    expect(control).toMatchObject({
      inputs: 359,
      calls: 359 * 3 * 2,
      comparisons: 2,
      alphaPerComparison: 0.025,
    });
    expect(control.costUsd).toBeCloseTo(21.54, 10);
    expect(control.notes.join(" ")).toMatch(/Bonferroni.*Holm/);
    expect(control.notes.join(" ")).toMatch(/conservative/);
    // 4 variants, all pairs: 6 comparisons at 0.05 / 6 → 457.22 → 458.
    const all = planCompare({ baseline: 0.7, difference: 0.1, variants: 4, comparisons: "all" });
    expect(all).toMatchObject({ inputs: 458, comparisons: 6 });
    expect(all.alphaPerComparison).toBeCloseTo(0.05 / 6, 15);
  });

  it("never plans fewer discordant pairs than the exact test needs to reach significance", () => {
    // ψ = δ = 1: Connor gives ⌈1.96²⌉ = 4, but 4 discordant pairs cannot reach p < 0.05 (needs 6).
    const plan = planCompare({ baseline: 0, difference: 1 });
    expect(plan.inputs).toBe(6);
    expect(plan.notes.join(" ")).toMatch(/Raised from 4 to 6 inputs/);
  });

  it("behaves as expected: more inputs for smaller differences, more power, smaller alpha, more disagreement", () => {
    const base: PlanCompareOptions = { baseline: 0.6, difference: 0.05 };
    const n = (o: Partial<PlanCompareOptions>) => planCompare({ ...base, ...o }).inputs;
    const differences = [0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3];
    const byDifference = differences.map((difference) => n({ difference }));
    expect(byDifference).toEqual([...byDifference].sort((a, b) => b - a));
    expect(new Set(byDifference).size).toBe(differences.length);
    expect(n({ power: 0.9 })).toBeGreaterThan(n({ power: 0.8 }));
    expect(n({ alpha: 0.01 })).toBeGreaterThan(n({ alpha: 0.05 }));
    expect(n({ variants: 5 })).toBeGreaterThan(n({ variants: 3 }));
    expect(n({ pDiscordant: 0.1 })).toBeLessThan(n({ pDiscordant: 0.2 }));
    // Shared difficulty lowers disagreement below the independence estimate, so the default is the larger plan.
    expect(n({})).toBeGreaterThan(n({ pDiscordant: 0.3 }));
    expect(n({ runs: 3 })).toBe(n({}));
  });

  it("gives the requested power at the planned inputs, and planPower inverts it", () => {
    const plan = planCompare({ baseline: 0.7, difference: 0.1, variants: 3 });
    const at = planPower({ baseline: 0.7, difference: 0.1, variants: 3, inputs: plan.inputs });
    expect(at.power).toBeGreaterThanOrEqual(0.8);
    expect(
      planPower({ baseline: 0.7, difference: 0.1, variants: 3, inputs: plan.inputs - 1 }).power,
    ).toBeLessThan(0.8);
    expect(at.power).toBeCloseTo(
      powerPairedProportions({ pDiscordant: 0.38, difference: 0.1, alpha: 0.025, n: plan.inputs }),
      12,
    );
    // Hand-computed: Φ((0.1·10 − 1.959964·√0.38) / √0.37) = Φ(−0.3424) = 0.366.
    expect(planPower({ baseline: 0.7, difference: 0.1, inputs: 100 }).power).toBeCloseTo(0.36607, 4);
    expect(planPower({ baseline: 0, difference: 1, inputs: 4 }).notes.join(" ")).toMatch(
      /real power is lower/,
    );
  });
});

describe("planCompare for numeric scores (normal approximation)", () => {
  it("matches the hand-computed sample sizes", () => {
    // ((1.959964 + 0.841621) · 0.25 / 0.05)² = 196.22 → 197; at 0.025: 237.63 → 238.
    const plan = planCompare({ baseline: 0.6, difference: 0.05, sdDiff: 0.25 });
    expect(plan).toMatchObject({ inputs: 197, calls: 394, method: "normal-approximation" });
    expect(plan.pDiscordant).toBeUndefined();
    expect(planCompare({ baseline: 0.6, difference: 0.05, sdDiff: 0.25, variants: 3 }).inputs).toBe(238);
    expect(planCompare({ baseline: 0.6, difference: 0.3, sdDiff: 0.01, metric: "numeric" }).inputs).toBe(6);
    expect(planPower({ baseline: 0.6, difference: 0.05, sdDiff: 0.25, inputs: 197 }).power).toBeGreaterThan(
      0.8,
    );
  });
});

describe("planCompare explains impossible plans", () => {
  const cases: [string, PlanCompareOptions, RegExp][] = [
    ["a zero difference", { baseline: 0.5, difference: 0 }, /Invalid difference: expected a non-zero/],
    [
      "a challenger above 1",
      { baseline: 0.97, difference: 0.05 },
      /baseline \+ difference = 1.02 is not a score/,
    ],
    ["a challenger below 0", { baseline: 0.02, difference: -0.05 }, /-0.03 is not a score/],
    [
      "a percentage as baseline",
      { baseline: 70, difference: 5 },
      /Invalid baseline: expected .* in \[0, 1\], got 70/,
    ],
    ["NaN", { baseline: Number.NaN, difference: 0.1 }, /Invalid baseline: expected a finite number/],
    [
      "pDiscordant below the difference",
      { baseline: 0.5, difference: 0.2, pDiscordant: 0.1 },
      /from \|difference\|/,
    ],
    [
      "infeasible pDiscordant",
      { baseline: 0.1, difference: 0.1, pDiscordant: 0.5 },
      /impossible with pass rates 0.1 and 0.2/,
    ],
    ["power as a percentage", { baseline: 0.5, difference: 0.1, power: 80 }, /Invalid power/],
    ["alpha of 0", { baseline: 0.5, difference: 0.1, alpha: 0 }, /Invalid alpha/],
    ["one variant", { baseline: 0.5, difference: 0.1, variants: 1 }, /at least two variants, got 1/],
    ["fractional runs", { baseline: 0.5, difference: 0.1, runs: 1.5 }, /Invalid runs/],
    ["a negative cost", { baseline: 0.5, difference: 0.1, costPerCall: -1 }, /Invalid costPerCall/],
    [
      "numeric without sdDiff",
      { baseline: 0.5, difference: 0.1, metric: "numeric" },
      /needs the standard deviation/,
    ],
    ["an sdDiff too large", { baseline: 0.5, difference: 0.1, sdDiff: 1 }, /at most 0.995/],
    [
      "sdDiff with binary",
      { baseline: 0.5, difference: 0.1, sdDiff: 0.2, metric: "binary" },
      /applies to metric "numeric"/,
    ],
    [
      "pDiscordant with numeric",
      { baseline: 0.5, difference: 0.1, sdDiff: 0.2, pDiscordant: 0.3 },
      /applies to metric "binary"/,
    ],
    [
      "an unknown mode",
      { baseline: 0.5, difference: 0.1, comparisons: "pairs" as "all" },
      /"control" or "all"/,
    ],
    [
      "an unknown metric",
      { baseline: 0.5, difference: 0.1, metric: "exact" as "binary" },
      /"binary" or "numeric"/,
    ],
  ];
  it.each(cases)("%s", (_, options, message) => {
    let error: unknown;
    try {
      planCompare(options);
    } catch (e) {
      error = e;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it("rejects a missing options object and bad inputs for planPower", () => {
    expect(() => planCompare(undefined as unknown as PlanCompareOptions)).toThrow(/Invalid options/);
    expect(() => planPower({ baseline: 0.5, difference: 0.1, inputs: 0 })).toThrow(/Invalid inputs/);
  });
});
