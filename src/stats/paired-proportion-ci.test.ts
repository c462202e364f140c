import { describe, expect, it } from "vitest";
import reference from "./fixtures/reference.json" with { type: "json" };
import { pairedProportionDiffCI, wilsonInterval } from "./paired-proportion-ci.js";

describe("pairedProportionDiffCI (Newcombe 1998, method 10)", () => {
  it.each(reference.newcombe)("n11=$n11 n10=$n10 n01=$n01 n00=$n00", (row) => {
    const r = pairedProportionDiffCI(row.n11, row.n10, row.n01, row.n00, row.confidence);
    expect(r.estimate).toBeCloseTo(row.estimate, 14);
    expect(r.lower).toBeCloseTo(row.lower, 12);
    expect(r.upper).toBeCloseTo(row.upper, 12);
  });

  it("reproduces the published values of Fagerland et al. (2014, 2017)", () => {
    // contingencytables::Newcombe_square_and_add_CI_paired_2x2 reports pA − pB for these tables.
    const cavo = pairedProportionDiffCI(59, 6, 16, 80);
    expect([cavo.estimate, cavo.upper, cavo.lower].map((v) => (-v).toFixed(4))).toEqual([
      "-0.0621",
      "-0.1186",
      "-0.0046",
    ]);
    expect(cavo).toMatchObject({ confidence: 0.95, method: "newcombe-hybrid-score" });
  });

  it("stays inside [−1, 1] and contains the estimate", () => {
    for (const [a, b, c, d] of [
      [0, 10, 0, 0],
      [0, 0, 10, 0],
      [5, 0, 0, 5],
      [1, 2, 3, 4],
    ] as const) {
      const r = pairedProportionDiffCI(a, b, c, d);
      expect(r.lower).toBeGreaterThanOrEqual(-1);
      expect(r.upper).toBeLessThanOrEqual(1);
      expect(r.lower).toBeLessThanOrEqual(r.estimate);
      expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
    }
  });

  it("computes Wilson's interval (Newcombe 1998b, example 81/263: 0.2553 to 0.3662)", () => {
    const w = wilsonInterval(81, 263);
    expect([w.lower.toFixed(4), w.upper.toFixed(4)]).toEqual(["0.2553", "0.3662"]);
  });

  it("rejects an empty table and bad counts", () => {
    expect(() => pairedProportionDiffCI(0, 0, 0, 0)).toThrow(/the table has no pairs/);
    expect(() => pairedProportionDiffCI(1, -2, 0, 0)).toThrow(/Invalid n10/);
    expect(() => pairedProportionDiffCI(1, 2, 0, 0, 1)).toThrow(/Invalid confidence/);
  });
});
