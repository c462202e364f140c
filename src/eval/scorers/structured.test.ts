import { describe, expect, it } from "vitest";
import { scoreOne } from "./score-one.js";
import { structuredMatch } from "./structured.js";

const expected = { name: "Ada", age: 36, tags: ["math", "code"], address: { city: "London", zip: "N1" } };

describe("structuredMatch", () => {
  it("scores the share of top-level fields that are deeply equal, with per-field details", async () => {
    const output = { name: "Ada", age: 37, tags: ["math", "code"], address: { zip: "N1", city: "London" } };
    expect(await scoreOne(structuredMatch(), output, expected, null)).toEqual({
      score: 0.75,
      reason: "fields that differ: age",
      details: { fields: { name: 1, age: 0, tags: 1, address: 1 }, mismatched: ["age"] },
    });
    expect((await scoreOne(structuredMatch(), expected, expected, null)).score).toBe(1);
  });

  it("compares chosen fields, nested paths and weights", async () => {
    const output = { name: "Ada", age: 36, address: { city: "Paris", zip: "N1" } };
    const scorer = structuredMatch({ fields: ["name", "address.city", "address.zip"], weights: { name: 2 } });
    const r = await scoreOne(scorer, output, expected, null);
    expect(r.score).toBeCloseTo(3 / 4, 12);
    expect(r.details?.fields).toEqual({ name: 1, "address.city": 0, "address.zip": 1 });
  });

  it("reads JSON text (even in a code fence), and scores 0 for an output that is no object", async () => {
    const text =
      '```json\n{"name": "Ada", "age": 36, "tags": ["math", "code"], "address": {"city": "London", "zip": "N1"}}\n```';
    expect((await scoreOne(structuredMatch(), text, JSON.stringify(expected), null)).score).toBe(1);
    const r = await scoreOne(structuredMatch(), "not json", expected, null);
    expect(r.score).toBe(0);
    expect(r.reason).toBe("the output is not an object (nor JSON of one)");
    expect(r.details?.mismatched).toEqual(["name", "age", "tags", "address"]);
  });

  it("array order and missing fields matter; undefined equals missing", async () => {
    const r = await scoreOne(
      structuredMatch({ fields: ["tags", "extra"] }),
      { tags: ["code", "math"] },
      expected,
      null,
    );
    expect(r.details?.fields).toEqual({ tags: 0, extra: 1 });
    const when = { at: new Date(0), n: null };
    expect((await scoreOne(structuredMatch(), { at: new Date(0), n: null }, when, null)).score).toBe(1);
    expect((await scoreOne(structuredMatch(), { at: "1970", n: 0 }, when, null)).score).toBe(0);
  });

  it("errors: no expected value, an expected value that is no object, bad options", async () => {
    expect((await scoreOne(structuredMatch(), {}, undefined, null)).error?.code).toBe("FP_MISSING_EXPECTED");
    expect((await scoreOne(structuredMatch(), {}, 3, null)).error?.message).toMatch(/expected an object/);
    expect((await scoreOne(structuredMatch(), {}, {}, null)).error?.message).toMatch(/no fields to compare/);
    const zero = structuredMatch({ fields: ["a"], weights: { a: 0 } });
    expect((await scoreOne(zero, {}, { a: 1 }, null)).error?.message).toMatch(
      /every compared field has weight 0/,
    );
    expect(() => structuredMatch({ fields: [] })).toThrow(/fields/);
    expect(() => structuredMatch({ weights: { a: -1 } })).toThrow(/weight of "a"/);
  });
});
