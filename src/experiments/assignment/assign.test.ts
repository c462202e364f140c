import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/index.js";
import { type AssignmentExperiment, assign, hash, MemoryStickyStore, prepareExperiment } from "./index.js";

const base: AssignmentExperiment = {
  id: "prompt-test",
  variants: [
    { name: "control", weight: 0.5 },
    { name: "concise", weight: 0.5 },
  ],
};

function errorOf(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an InvalidArgumentError");
}

describe("assign", () => {
  it("picks the variant GrowthBook's ranges give the unit's v2 hash", () => {
    for (let i = 0; i < 100; i++) {
      const a = assign(base, { id: `user-${i}` });
      const n = hash("prompt-test", `user-${i}`, 2)!;
      expect(a.bucket).toBe(n);
      expect(a.variant).toBe(n < 0.5 ? "control" : "concise");
      expect(a).toMatchObject({ inExperiment: true, reason: "assigned", propensity: 0.5 });
    }
  });

  it("uses the seed instead of the id when given, and hash version 1 on request", () => {
    const a = assign({ ...base, seed: "s1", hashVersion: 1 }, { id: "u" });
    expect(a.bucket).toBe(hash("s1", "u", 1));
  });

  it("leaves out units outside the coverage with reason not-covered", () => {
    const exp = { ...base, coverage: 0.4 };
    const results = Array.from({ length: 2000 }, (_, i) => assign(exp, { id: `u${i}` }));
    const out = results.filter((r) => r.reason === "not-covered");
    expect(out.length / results.length).toBeGreaterThan(0.5);
    expect(out.every((r) => r.variant === null && !r.inExperiment && r.propensity === 0)).toBe(true);
    const inside = results.filter((r) => r.inExperiment);
    expect(inside.every((r) => Math.abs(r.propensity - 0.2) < 1e-12)).toBe(true);
  });

  it("targets with an attribute map (strict equality, missing attribute fails) or a predicate", () => {
    const byMap = { ...base, targeting: { country: "FR", beta: true } };
    expect(assign(byMap, { id: "u", attributes: { country: "FR", beta: true } }).inExperiment).toBe(true);
    expect(assign(byMap, { id: "u", attributes: { country: "FR" } }).reason).toBe("not-targeted");
    expect(assign(byMap, { id: "u" }).reason).toBe("not-targeted");
    const byFn = { ...base, targeting: (a: Readonly<Record<string, unknown>>) => Number(a.age) >= 18 };
    expect(assign(byFn, { id: "u", attributes: { age: 30 } }).inExperiment).toBe(true);
    expect(assign(byFn, { id: "u", attributes: { age: 12 } })).toMatchObject({
      variant: null,
      reason: "not-targeted",
      propensity: 0,
    });
  });

  it("keeps experiments of one namespace with disjoint slices mutually exclusive", () => {
    const a = prepareExperiment({ ...base, id: "a", namespace: ["prompts", 0, 0.5] });
    const b = prepareExperiment({ ...base, id: "b", namespace: ["prompts", 0.5, 1] });
    let inA = 0;
    for (let i = 0; i < 3000; i++) {
      const ra = a.assign({ id: `u${i}` });
      const rb = b.assign({ id: `u${i}` });
      expect(ra.inExperiment && rb.inExperiment).toBe(false);
      expect(ra.inExperiment || rb.inExperiment).toBe(true);
      if (ra.inExperiment) inA++;
      if (!ra.inExperiment) expect(ra.reason).toBe("namespace");
      if (ra.inExperiment) expect(ra.propensity).toBeCloseTo(0.25, 12);
    }
    expect(inA / 3000).toBeGreaterThan(0.45);
    expect(inA / 3000).toBeLessThan(0.55);
  });

  it("holds out a share of units, the same units across experiments sharing the holdout seed", () => {
    const holdout = { share: 0.1, seed: "global-2026" };
    const a = prepareExperiment({ ...base, id: "a", holdout });
    const b = prepareExperiment({ ...base, id: "b", holdout });
    let held = 0;
    for (let i = 0; i < 5000; i++) {
      const ra = a.assign({ id: `u${i}` });
      expect(b.assign({ id: `u${i}` }).reason === "holdout").toBe(ra.reason === "holdout");
      if (ra.reason === "holdout") held++;
      else expect(ra.propensity).toBeCloseTo(0.45, 12);
    }
    expect(held / 5000).toBeGreaterThan(0.08);
    expect(held / 5000).toBeLessThan(0.12);
  });
});

describe("sticky bucketing", () => {
  const v1: AssignmentExperiment = base;
  const v2: AssignmentExperiment = {
    ...base,
    variants: [
      { name: "control", weight: 0.1 },
      { name: "concise", weight: 0.9 },
    ],
  };

  it("keeps every unit's first variant and propensity when the weights change", () => {
    const store = new MemoryStickyStore();
    const first = Array.from({ length: 1000 }, (_, i) => assign(v1, { id: `u${i}` }, { sticky: store }));
    expect(store.size).toBe(1000);
    let moved = 0;
    for (let i = 0; i < 1000; i++) {
      const again = assign(v2, { id: `u${i}` }, { sticky: store });
      expect(again).toMatchObject({ variant: first[i]!.variant, reason: "sticky", propensity: 0.5 });
      if (assign(v2, { id: `u${i}` }).variant !== first[i]!.variant) moved++;
    }
    expect(moved).toBeGreaterThan(250);
  });

  it("reassigns when the remembered variant no longer exists, and is scoped per experiment", () => {
    const store = new MemoryStickyStore();
    store.set("u1", "prompt-test", { variant: "removed", propensity: 0.3 });
    store.set("u2", "other", { variant: "control", propensity: 0.3 });
    expect(assign(base, { id: "u1" }, { sticky: store }).reason).toBe("assigned");
    expect(store.get("u1", "prompt-test")?.variant).not.toBe("removed");
    expect(assign(base, { id: "u2" }, { sticky: store }).reason).toBe("assigned");
    expect(store.delete("u2", "other")).toBe(true);
    store.clear();
    expect(store.size).toBe(0);
  });

  it("still applies targeting and holdout to sticky units, but not coverage", () => {
    const store = new MemoryStickyStore();
    const ids = Array.from({ length: 200 }, (_, i) => `u${i}`);
    for (const id of ids) assign(base, { id }, { sticky: store });
    const shrunk = { ...base, coverage: 0 };
    expect(ids.every((id) => assign(shrunk, { id }, { sticky: store }).reason === "sticky")).toBe(true);
    const targeted = { ...base, targeting: { plan: "pro" } };
    expect(assign(targeted, { id: "u0" }, { sticky: store }).reason).toBe("not-targeted");
    const held = { ...base, holdout: { share: 1, seed: "h" } };
    expect(assign(held, { id: "u0" }, { sticky: store }).reason).toBe("holdout");
  });
});

describe("configuration errors", () => {
  const variants = (...weights: number[]) => weights.map((weight, i) => ({ name: `v${i}`, weight }));

  it.each([
    [
      { ...base, variants: variants(0.5, 0.4) },
      'experiments["prompt-test"].variants',
      /sum to 1.*v0: 0.5, v1: 0.4/,
    ],
    [{ ...base, variants: variants(1.2, -0.2) }, 'experiments["prompt-test"].variants[1].weight', /negative/],
    [
      { ...base, variants: variants(0.5, Number.NaN) },
      'experiments["prompt-test"].variants[1].weight',
      /finite/,
    ],
    [{ ...base, variants: variants(1) }, 'experiments["prompt-test"].variants', /at least 2 variants, got 1/],
    [{ ...base, coverage: 1.5 }, 'experiments["prompt-test"].coverage', /\[0, 1\]/],
    [{ ...base, coverage: -0.1 }, 'experiments["prompt-test"].coverage', /\[0, 1\]/],
    [{ ...base, id: "" }, "experiment.id", /non-empty/],
    [{ ...base, hashVersion: 3 }, 'experiments["prompt-test"].hashVersion', /1 or 2/],
    [{ ...base, namespace: ["ns", 0.6, 0.2] }, 'experiments["prompt-test"].namespace[2]', /below the start/],
    [{ ...base, namespace: ["ns", 0] }, 'experiments["prompt-test"].namespace', /\[namespace, start, end\]/],
    [{ ...base, holdout: { share: 2, seed: "h" } }, 'experiments["prompt-test"].holdout.share', /\[0, 1\]/],
    [{ ...base, holdout: { share: 0.1, seed: "" } }, 'experiments["prompt-test"].holdout.seed', /non-empty/],
    [{ ...base, targeting: "FR" }, 'experiments["prompt-test"].targeting', /function or an attribute map/],
    [
      {
        ...base,
        variants: [
          { name: "a", weight: 0.5 },
          { name: "a", weight: 0.5 },
        ],
      },
      'experiments["prompt-test"].variants[1].name',
      /duplicate variant name "a" \(also variants\[0\]\)/,
    ],
  ])("rejects %j at %s", (experiment, path, rule) => {
    const error = errorOf(() => assign(experiment as AssignmentExperiment, { id: "u" }));
    expect(error.argument).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(rule);
  });

  it("accepts weights summing to 1 within 1e-6 and rejects beyond", () => {
    expect(() => assign({ ...base, variants: variants(0.1, 0.2, 0.7000004) }, { id: "u" })).not.toThrow();
    expect(() => assign({ ...base, variants: variants(0.1, 0.2, 0.70001) }, { id: "u" })).toThrow(/sum to 1/);
  });

  it("rejects a unit without an id", () => {
    expect(errorOf(() => assign(base, { id: "" })).argument).toBe("unit.id");
  });
});
