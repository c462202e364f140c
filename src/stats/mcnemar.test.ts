import { describe, expect, it } from "vitest";
import reference from "./fixtures/reference.json" with { type: "json" };
import { mcnemarTest, minimumDiscordantPairs } from "./mcnemar.js";

function close(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1e-300, expected) + 1e-300);
}

describe("mcnemarTest (against scipy.stats.binomtest and statsmodels' mcnemar)", () => {
  it.each(reference.mcnemar)("b=$b c=$c", (row) => {
    const { b, c } = row;
    close(mcnemarTest(b, c).pValue, row.exact);
    if (row.statsmodelsExact !== undefined) close(mcnemarTest(b, c).pValue, row.statsmodelsExact);
    close(mcnemarTest(b, c, { midP: true }).pValue, row.midP);
    close(mcnemarTest(b, c, { alternative: "greater" }).pValue, row.greater);
    close(mcnemarTest(b, c, { alternative: "less" }).pValue, row.less);
    close(mcnemarTest(b, c, { alternative: "greater", midP: true }).pValue, row.greaterMidP);
    close(mcnemarTest(b, c, { alternative: "less", midP: true }).pValue, row.lessMidP);
  });

  it("reproduces the published example of Armitage & Berry (b = 12, c = 2: exact P = 0.0129)", () => {
    const r = mcnemarTest(12, 2);
    expect(r.pValue.toFixed(4)).toBe("0.0129");
    expect(r).toMatchObject({ method: "exact", b: 12, c: 2, n: 14, alternative: "two-sided" });
    expect(r.statistic).toBeCloseTo(100 / 14, 12);
  });

  it("gives p = 1 and no statistic without discordant pairs", () => {
    expect(mcnemarTest(0, 0)).toEqual({
      pValue: 1,
      method: "exact",
      alternative: "two-sided",
      b: 0,
      c: 0,
      n: 0,
    });
  });

  it("adds Newcombe's interval for pB − pA when the concordant counts are given", () => {
    // Fagerland, Lydersen & Laake (2014), Cavo et al. data, with A and B as the two columns.
    const r = mcnemarTest(6, 16, { bothPass: 59, bothFail: 80 });
    expect(r.diff).toBeCloseTo(10 / 161, 12);
    expect(r.ci?.map((v) => v.toFixed(4))).toEqual(["0.0046", "0.1186"]);
    expect(r.interval?.method).toBe("newcombe-hybrid-score");
    expect(() => mcnemarTest(6, 16, { bothPass: 59 })).toThrow(/Invalid bothFail/);
  });

  it("rejects counts that are not non-negative integers and unknown alternatives", () => {
    expect(() => mcnemarTest(-1, 3)).toThrow(/Invalid b: expected a non-negative integer count, got -1/);
    expect(() => mcnemarTest(1, 2.5)).toThrow(/Invalid c/);
    expect(() => mcnemarTest(1, 2, { alternative: "bigger" as "greater" })).toThrow(/Invalid alternative/);
  });
});

describe("minimumDiscordantPairs", () => {
  it("is the smallest n whose most extreme outcome reaches alpha", () => {
    expect(minimumDiscordantPairs(0.05)).toBe(6); // 2 · 2^-6 = 0.031; 2 · 2^-5 = 0.0625
    expect(mcnemarTest(0, 6).pValue).toBeLessThanOrEqual(0.05);
    expect(mcnemarTest(0, 5).pValue).toBeGreaterThan(0.05);
    expect(minimumDiscordantPairs(0.05, { midP: true })).toBe(5);
    expect(mcnemarTest(0, 5, { midP: true }).pValue).toBeLessThanOrEqual(0.05);
    expect(minimumDiscordantPairs(0.05, { twoSided: false })).toBe(5);
    expect(minimumDiscordantPairs(0.01)).toBe(8);
    expect(minimumDiscordantPairs(0.5, { midP: true, twoSided: false })).toBe(0);
  });
});
