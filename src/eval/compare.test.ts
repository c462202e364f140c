import { describe, expect, it } from "vitest";
import "../index.js";
import { definePrompt } from "../core/prompt.js";
import { mockModel } from "../models/mock-model.js";
import { compare, estimateCompare } from "./compare.js";

const rows = Array.from({ length: 60 }, (_, i) => ({
  id: `q${i}`,
  input: { n: i },
  expected: String(i * 2),
}));
const right = (i: { n: number }) => String(i.n * 2);
const halfRight = (i: { n: number }) => String(i.n % 2 === 0 ? i.n * 2 : i.n);

describe("compare", () => {
  it("declares the variant the data support, with an exact McNemar test on pass/fail data", async () => {
    const r = await compare({ baseline: halfRight, candidate: right }, rows, { metric: "exact" });
    expect(r.winner).toBe("candidate");
    expect(r.control).toBe("baseline");
    expect(r.verdict).toBe("candidate beats baseline (the control).");
    const c = r.comparisons[0]!;
    expect(c).toMatchObject({
      a: "baseline",
      b: "candidate",
      method: "mcnemar-exact",
      significant: true,
      n: 60,
    });
    expect(c.diff).toBeCloseTo(0.5);
    expect(c.ci[0]).toBeGreaterThan(0.3);
    expect(c.ci[1]).toBeLessThanOrEqual(1);
    expect(c.pValue).toBeLessThan(1e-6);
    expect(c.pAdjusted).toBe(c.pValue);
    expect(r.variants.map((v) => [v.name, v.score, v.n])).toEqual([
      ["baseline", 0.5, 60],
      ["candidate", 1, 60],
    ]);
    expect(r.variants[1]!.interval[0]).toBeGreaterThan(0.9);
    expect(r.records).toHaveLength(120);
    expect(r.simulated).toBe(false);
  });

  it("never declares a winner the data do not support", async () => {
    const coin = (i: { n: number }) => String((i.n * 7919) % 3 === 0 ? i.n : i.n * 2);
    const other = (i: { n: number }) => String((i.n * 104729) % 3 === 0 ? i.n : i.n * 2);
    const r = await compare({ a: coin, b: other }, rows);
    expect(r.winner).toBeNull();
    expect(r.verdict).toBe("No significant difference: the data do not support a winner.");
    expect(r.comparisons[0]!.significant).toBe(false);
  });

  it("says when there are too few inputs for any difference to be significant", async () => {
    const r = await compare({ a: halfRight, b: right }, rows.slice(0, 4));
    expect(r.winner).toBeNull();
    expect(r.notEnoughData).toMatchObject({ inputs: 4 });
    expect(r.notEnoughData!.minInputs).toBeGreaterThan(4);
    expect(r.verdict).toMatch(/^Not enough data: with 4 inputs .* use at least \d+ inputs\.$/);
  });

  it("uses a paired permutation test with repeats or graded scores, and Holm across challengers", async () => {
    const noisy = (seed: number) => (i: { n: number }) => (i.n % 5 < seed ? String(i.n * 2) : "x");
    const r = await compare({ c0: noisy(1), c1: noisy(2), c2: noisy(5) }, rows, {
      metric: (output: unknown, expected: unknown) => (output === expected ? 0.9 : 0.1),
      seed: 3,
    });
    for (const c of r.comparisons) expect(c.method).toMatch(/^permutation-/);
    for (const c of r.comparisons) expect(c.pAdjusted).toBeGreaterThanOrEqual(c.pValue);
    expect(r.winner).toBeNull(); // c1 and c2 both beat c0 but were not compared with each other
    expect(r.verdict).toMatch(/c1 and c2 beat c0; c2 scores highest/);
    const all = await compare({ c0: noisy(1), c1: noisy(2), c2: noisy(5) }, rows, {
      comparisons: "all",
      seed: 3,
    });
    expect(all.comparisons).toHaveLength(3);
    expect(all.winner).toBe("c2");
  });

  it("says when a challenger is significantly worse than the control, without a winner", async () => {
    const r = await compare({ good: right, bad: halfRight, same: right }, rows);
    expect(r.winner).toBeNull();
    expect(r.verdict).toBe("No challenger beats good (the control); bad is significantly worse.");
  });

  it("tests the comparisons within each category too", async () => {
    const data = rows.map((r, i) => ({ ...r, category: i < 30 ? "easy" : "hard" }));
    const onlyHard = (input: { n: number }) => (input.n < 30 ? String(input.n * 2) : "x");
    const r = await compare({ base: onlyHard, fixed: right }, data, { category: "category" });
    expect(r.strata!.easy!.comparisons[0]).toMatchObject({
      a: "base",
      b: "fixed",
      diff: 0,
      significant: false,
    });
    expect(r.strata!.hard!.comparisons[0]).toMatchObject({ diff: 1, n: 30, significant: true });
    expect(r.strata!.hard!.variants.map((v) => v.score)).toEqual([0, 1]);
  });

  it("counts errors per variant, scored as failures", async () => {
    const broken = (i: { n: number }) => {
      if (i.n < 10) throw new Error("nope");
      return right(i);
    };
    const r = await compare({ ok: right, broken }, rows);
    expect(r.variants[1]).toMatchObject({ name: "broken", errors: 10 });
    expect(r.variants[1]!.errorRate).toBeCloseTo(10 / 60);
  });

  it("runs prompt variants on one model and reports cost and latency differences", async () => {
    const model = mockModel({
      responder: ({ lastUserText }) => String(Number(lastUserText.replace(/\D/g, "")) * 2),
    });
    const terse = definePrompt({ name: "terse", user: "{{n}}" });
    const verbose = definePrompt({ name: "verbose", user: "Please double this number: {{n}}" });
    const r = await compare({ terse, verbose }, rows.slice(0, 20), { model });
    expect(r.winner).toBeNull();
    expect(r.variants.every((v) => v.score === 1 && v.models[0] === "mock:mock")).toBe(true);
    expect(r.comparisons[0]!.latencyDiffMs).toBeDefined();
    const estimate = await estimateCompare({ terse, verbose }, rows.slice(0, 20), { model });
    expect(estimate.calls).toBe(40);
    expect(estimate.byVariant.verbose!.inputTokens).toBeGreaterThan(estimate.byVariant.terse!.inputTokens);
  });

  it("tests non-inferiority with a margin", async () => {
    const r = await compare({ a: right, b: right }, rows, {
      nonInferiorityMargin: 0.05,
      metric: (o, e) => (o === e ? 0.8 : 0),
    });
    expect(r.comparisons[0]!.nonInferior).toMatchObject({ margin: 0.05, nonInferior: true });
  });

  it("refuses fewer than two variants and an unknown control", async () => {
    await expect(compare({ only: right }, rows)).rejects.toMatchObject({
      code: "FP_INVALID_ARGUMENT",
      message: expect.stringMatching(/needs at least two variants, got 1 \(only\)/),
    });
    await expect(compare({ a: right, b: right }, rows, { control: "c" })).rejects.toThrow(
      /"c" is not a variant/,
    );
  });
});

describe("compare with stopEarly", () => {
  const many = Array.from({ length: 400 }, (_, i) => ({
    id: `q${i}`,
    input: { n: i },
    expected: String(i * 2),
  }));

  it("stops as soon as a clear difference is known, with an anytime-valid test", async () => {
    const r = await compare({ baseline: halfRight, candidate: right }, many, { stopEarly: true, seed: 1 });
    expect(r.stopped).toBe("early");
    expect(r.inputs).toBe(400);
    const used = new Set(r.records.map((x) => x.inputId)).size;
    expect(used).toBeLessThan(200);
    expect(r.comparisons[0]).toMatchObject({ method: "sequential", significant: true });
    expect(r.winner).toBe("candidate");
  });

  it("runs to the end and declares nothing when there is no difference", async () => {
    const same = (i: { n: number }) => String(i.n % 3 === 0 ? i.n : i.n * 2);
    const r = await compare({ a: same, b: same }, many.slice(0, 120), { stopEarly: true, seed: 2 });
    expect(r.stopped).toBeUndefined();
    expect(r.winner).toBeNull();
    expect(r.comparisons[0]!.significant).toBe(false);
  });
});
