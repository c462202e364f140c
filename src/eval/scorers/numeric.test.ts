import { describe, expect, it } from "vitest";
import { numbersIn, numeric, parseNumber } from "./numeric.js";
import { scoreOne } from "./score-one.js";

describe("numbersIn / parseNumber", () => {
  it("finds signed, decimal, exponent and thousands-separated numbers, not digits inside words", () => {
    expect(numbersIn("x = -3, y = 1,234.5 and 2e-3; gpt4 costs .5 (50%) or −7")).toEqual([
      -3, 1234.5, 0.002, 0.5, 50, -7,
    ]);
    expect(parseNumber("Step 1: 3 + 4 = 7. So the answer is 12.")).toBe(12);
    expect(parseNumber("Step 1: 3 + 4 = 7.", "first")).toBe(1);
    expect(parseNumber("3 or 4", "only")).toBeUndefined();
    expect(parseNumber(" 42 ", "only")).toBe(42);
    expect(parseNumber(7)).toBe(7);
    expect(parseNumber(Number.NaN)).toBeUndefined();
    expect(parseNumber("none")).toBeUndefined();
  });
});

describe("numeric", () => {
  const score = (scorer: ReturnType<typeof numeric>, output: unknown, expected: unknown) =>
    scoreOne(scorer, output, expected, null);

  it("parses the number out of text and compares it exactly (up to float noise) by default", async () => {
    expect(await score(numeric(), "The answer is 1,234.", 1234)).toEqual({
      score: 1,
      details: { parsed: 1234, expected: 1234 },
    });
    expect((await score(numeric(), "0.30000000000000004", "0.3")).score).toBe(1);
    expect((await score(numeric(), "1235", 1234)).reason).toBe("1235 is not within tolerance of 1234");
  });

  it("honours absolute and relative tolerances", async () => {
    expect((await score(numeric({ absTolerance: 0.5 }), "10.4", 10)).score).toBe(1);
    expect((await score(numeric({ absTolerance: 0.5 }), "10.6", 10)).score).toBe(0);
    expect((await score(numeric({ relTolerance: 0.01 }), "1009", 1000)).score).toBe(1);
    expect((await score(numeric({ relTolerance: 0.01 }), "1011", 1000)).score).toBe(0);
    expect((await score(numeric(), "9", [7, 9])).score).toBe(1);
  });

  it("an output without a number scores 0; a non-numeric expected value is an error", async () => {
    expect(await score(numeric(), "I don't know", 3)).toEqual({
      score: 0,
      reason: "the output has no number",
    });
    expect(await score(numeric({ pick: "only" }), "3 or 4", 3)).toEqual({
      score: 0,
      reason: "the output has no single number",
    });
    const bad = await score(numeric(), "3", "three");
    expect(bad.error?.message).toMatch(/"three" is not a number/);
  });

  it("refuses bad options", () => {
    expect(() => numeric({ absTolerance: -1 })).toThrow(/absTolerance/);
    expect(() => numeric({ relTolerance: Number.NaN })).toThrow(/relTolerance/);
    expect(() => numeric({ pick: "middle" as "last" })).toThrow(/pick/);
  });
});
