import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { scoreOne } from "./score-one.js";
import { contains, exact, regex } from "./text-scorers.js";

const s = (scorer: Parameters<typeof scoreOne>[0], output: unknown, expected?: unknown) =>
  scoreOne(scorer, output, expected, "the input");

describe("exact", () => {
  it("compares trimmed text, case-sensitively by default", async () => {
    expect((await s(exact(), " Paris\n", "Paris")).score).toBe(1);
    expect((await s(exact(), "paris", "Paris")).score).toBe(0);
    expect((await s(exact({ caseSensitive: false }), "paris", "Paris")).score).toBe(1);
    expect((await s(exact({ trim: false }), " Paris", "Paris")).score).toBe(0);
  });

  it("accepts any of several expected answers, numbers as text and objects in any key order", async () => {
    const r = await s(exact(), "NYC", ["New York", "NYC"]);
    expect(r).toEqual({ score: 1, reason: "matches the expected value", details: { match: "NYC" } });
    expect((await s(exact(), 42, "42")).score).toBe(1);
    expect((await s(exact(), { a: 1, b: [2] }, { b: [2], a: 1 })).score).toBe(1);
    expect((await s(exact(), "e\u0301", "\u00e9")).score).toBe(1);
  });

  it("without an expected value, the result is a coded error", async () => {
    const r = await s(exact(), "x", undefined);
    expect(r.score).toBe(0);
    expect(r.error).toMatchObject({ code: "FP_MISSING_EXPECTED", scorer: "exact" });
    expect(r.error?.message).toBe('Scorer "exact" needs an expected value, and this row has none.');
    expect(exact().requiresExpected).toBe(true);
    expect(exact()).toMatchObject({ portVersion: 1, name: "exact" });
  });
});

describe("contains", () => {
  it("looks for the expected text in the output", async () => {
    expect((await s(contains(), "The capital is Paris.", "Paris")).score).toBe(1);
    expect(await s(contains(), "The capital is Lyon.", "Paris")).toEqual({
      score: 0,
      reason: 'missing: "Paris"',
      details: { found: 0, of: 1 },
    });
    expect((await s(contains({ caseSensitive: false }), "PARIS!", "paris")).score).toBe(1);
  });

  it("handles several needles: all (default), any, or the fraction found", async () => {
    const out = "red and green";
    expect((await s(contains(), out, ["red", "blue"])).score).toBe(0);
    expect((await s(contains({ mode: "any" }), out, ["red", "blue"])).score).toBe(1);
    expect((await s(contains({ mode: "fraction" }), out, ["red", "blue", "green", "pink"])).score).toBe(0.5);
  });

  it("fixed needles need no expected value", async () => {
    const scorer = contains({ needles: ["sorry"], caseSensitive: false });
    expect(scorer.requiresExpected).toBe(false);
    expect((await s(scorer, "Sorry, I cannot", undefined)).score).toBe(1);
    expect(() => contains({ needles: [] })).toThrow(InvalidArgumentError);
    expect(() => contains({ mode: "most" as "all" })).toThrow(/contains\(\) mode/);
  });
});

describe("regex", () => {
  it("matches a fixed pattern (string with flags, or RegExp) against the output", async () => {
    expect((await s(regex("^\\d{3}-\\d{4}$"), "555-1234")).score).toBe(1);
    expect((await s(regex("hello", { flags: "i" }), "HELLO there")).details).toEqual({
      match: "HELLO",
      pattern: "hello",
    });
    expect((await s(regex(/yes/g), "yes")).score).toBe(1);
    const twice = regex(/yes/g);
    expect((await s(twice, "yes")).score).toBe(1);
    expect((await s(twice, "yes")).score).toBe(1);
    expect(await s(regex(/^no$/), "yes")).toEqual({ score: 0, reason: "no match for /^no$/" });
  });

  it("without a pattern, the expected value is the pattern (per row)", async () => {
    expect(regex().requiresExpected).toBe(true);
    expect((await s(regex(), "order #123", "#\\d+")).score).toBe(1);
    expect((await s(regex(), "order", ["#\\d+", "^ord"])).score).toBe(1);
    const bad = await s(regex(), "x", "(");
    expect(bad.error?.code).toBe("FP_INVALID_ARGUMENT");
    expect(bad.error?.message).toMatch(/"\(" is not a valid regular expression/);
  });

  it("refuses an invalid pattern up front", () => {
    expect(() => regex("[")).toThrow(/Invalid regex\(\) pattern: "\[" is not a valid regular expression/);
    expect(() => regex(3 as unknown as string)).toThrow(InvalidArgumentError);
  });
});
