import { describe, expect, it } from "vitest";
import { all, any, mean, weighted } from "./composite.js";
import { custom } from "./custom.js";
import { scoreOne } from "./score-one.js";
import { contains, exact } from "./text-scorers.js";

const half = custom(() => 0.5, { name: "half" });
const yes = custom(() => true, { name: "yes" });
const no = custom(async () => ({ score: 0, reason: "nope" }), { name: "no" });

describe("custom", () => {
  it("wraps sync or async functions returning booleans, numbers or { score, reason }", async () => {
    expect(await scoreOne(yes, "x", undefined, null)).toEqual({ score: 1 });
    expect(await scoreOne(half, "x", undefined, null)).toEqual({ score: 0.5 });
    expect(await scoreOne(no, "x", undefined, null)).toEqual({ score: 0, reason: "nope" });
  });

  it("gets output, expected, input and the signal; is named after the option or the function", async () => {
    const seen: unknown[] = [];
    const signal = new AbortController().signal;
    const scorer = custom((o, e, i, ctx) => {
      seen.push(o, e, i, ctx.signal);
      return true;
    });
    await scoreOne(scorer, "out", "exp", "in", { signal });
    expect(seen).toEqual(["out", "exp", "in", signal]);
    expect(
      custom(function isShort(o: string) {
        return o.length < 5;
      }).name,
    ).toBe("isShort");
    expect(scorer.name).toBe("custom");
    expect(scorer.requiresExpected).toBe(false);
    expect(custom(() => 1, { requiresExpected: true }).requiresExpected).toBe(true);
    expect(() => custom("x" as unknown as () => number)).toThrow(/custom\(\) scorer/);
    expect(() => custom(() => 1, { name: " " })).toThrow(/custom\(\) name/);
  });
});

describe("composites", () => {
  it("all = lowest, any = highest, mean = average, with per-scorer details", async () => {
    expect(await scoreOne(all(yes, half), "x", undefined, null)).toEqual({
      score: 0.5,
      details: { scorers: { yes: 1, half: 0.5 } },
    });
    expect((await scoreOne(any(no, half), "x", undefined, null)).score).toBe(0.5);
    expect((await scoreOne(mean(yes, half, no), "x", undefined, null)).score).toBe(0.5);
    expect((await scoreOne(all(no, yes), "x", undefined, null)).reason).toBe("no: nope");
  });

  it("weighted = weighted mean; weights need not add up to 1", async () => {
    const scorer = weighted([
      [yes, 3],
      [no, 1],
    ]);
    expect(scorer.name).toBe("weighted(yes*3,no*1)");
    expect((await scoreOne(scorer, "x", undefined, null)).score).toBe(0.75);
  });

  it("are named after their parts, need expected when a part does, and key duplicate names apart", async () => {
    const scorer = all(exact(), contains({ needles: "a" }), exact({ caseSensitive: false }));
    expect(scorer.name).toBe("all(exact,contains,exact)");
    expect(scorer.requiresExpected).toBe(true);
    expect(mean(yes).requiresExpected).toBe(false);
    const r = await scoreOne(scorer, "a", "A", null);
    expect(r.details).toEqual({ scorers: { exact: 0, contains: 1, "exact#3": 1 } });
  });

  it("a part that throws or gives an invalid score fails the composite, reported against the input", async () => {
    const bad = custom(() => 2, { name: "bad" });
    const r = await scoreOne(mean(yes, bad), "x", undefined, null);
    expect(r).toMatchObject({ score: 0, error: { code: "FP_INVALID_SCORE", scorer: "mean(yes,bad)" } });
    expect(r.error?.message).toMatch(/Scorer "bad" returned 2: the score is outside \[0, 1\]/);
  });

  it("refuses no scorers, non-scorers and bad weights", () => {
    expect(() => all()).toThrow("Invalid all(): needs at least one scorer.");
    expect(() => any({} as typeof yes)).toThrow(/any\(\) scorer 1/);
    expect(() => weighted([[yes, -1]])).toThrow(/weight 1/);
    expect(() => weighted([[yes, 0]])).toThrow(/at least one weight/);
    expect(() => weighted("x" as unknown as [])).toThrow(/weighted\(\)/);
  });
});
