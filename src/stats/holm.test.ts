import { describe, expect, it } from "vitest";
import reference from "./fixtures/reference.json" with { type: "json" };
import { holm } from "./holm.js";

describe("holm (against statsmodels multipletests(method='holm'))", () => {
  it.each(reference.holm)("$p", ({ p, adjusted }) => {
    const out = holm(p);
    expect(out).toHaveLength(adjusted.length);
    for (const [i, v] of out.entries()) expect(v).toBeCloseTo(adjusted[i]!, 14);
  });

  it("returns an empty array for no p-values", () => {
    expect(holm([])).toEqual([]);
  });

  it("rejects values that are not p-values", () => {
    expect(() => holm([0.1, 1.2])).toThrow(/Invalid pValues\[1\]: expected a p-value in \[0, 1\], got 1.2/);
    expect(() => holm([Number.NaN])).toThrow(/pValues\[0\]/);
    expect(() => holm("0.1" as unknown as number[])).toThrow(/Invalid pValues/);
  });
});
