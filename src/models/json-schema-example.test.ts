import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { exampleFromJsonSchema } from "./json-schema-example.js";

/** The example of a zod schema's JSON Schema, parsed back by the zod schema. */
function roundTrip(schema: z.ZodType, seed = 0) {
  const value = exampleFromJsonSchema(z.toJSONSchema(schema), seed);
  return { value, result: schema.safeParse(value) };
}

/** Checks a plain JSON Schema example with zod's own JSON Schema reader. */
function validFor(schema: Record<string, unknown> | boolean, seed = 0): unknown {
  const value = exampleFromJsonSchema(schema, seed);
  const result = z.fromJSONSchema(schema).safeParse(value);
  expect(result.error?.issues ?? [], JSON.stringify(value)).toEqual([]);
  return value;
}

// ---------- generated zod schemas ----------

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,7}$/);
const word = fc.stringMatching(/^[a-zA-Z0-9]{1,6}$/);

const stringSchema = fc
  .record({ min: fc.option(fc.nat(30)), span: fc.option(fc.nat(30)) })
  .map(({ min, span }) => {
    let s = z.string();
    if (min !== null) s = s.min(min);
    if (span !== null) s = s.max((min ?? 0) + span);
    return s;
  });

const patternString = fc.oneof(
  fc
    .record({ a: fc.option(word), b: fc.option(word), c: fc.option(word), min: fc.nat(12) })
    .map(({ a, b, c, min }) => {
      let s = z.string().min(min);
      if (a) s = s.startsWith(a);
      if (b) s = s.includes(b);
      if (c) s = s.endsWith(c);
      return s;
    }),
  fc.constantFrom(
    z.string().regex(/^[A-Z]{3}-\d{2,4}$/),
    z.string().regex(/^(foo|bar)+baz?$/),
    z.string().regex(/^#[0-9a-f]{6}$/),
    z
      .string()
      .regex(/^\w+\.\w+$/)
      .min(10),
    z.string().lowercase(),
    z.string().uppercase().min(3),
    z.string().length(7),
  ),
);

const formatString = fc.constantFrom<z.ZodType>(
  z.email(),
  z.uuid(),
  z.guid(),
  z.url(),
  z.iso.datetime(),
  z.iso.date(),
  z.iso.time(),
  z.iso.duration(),
  z.ipv4(),
  z.ipv6(),
  z.cidrv4(),
  z.cuid(),
  z.cuid2(),
  z.ulid(),
  z.nanoid(),
  z.base64(),
  z.base64url(),
  z.e164(),
  z.jwt(),
  z.hex(),
  z.emoji(),
  z.hostname(),
);

const numberSchema = fc.oneof(
  fc
    .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }))
    .map(([lo, w]) =>
      z
        .number()
        .min(lo)
        .max(lo + w),
    ),
  fc
    .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }))
    .map(([lo, w]) =>
      z
        .number()
        .gt(lo)
        .lt(lo + w),
    ),
  fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.nat(1000)).map(([lo, w]) =>
    z
      .int()
      .min(lo)
      .max(lo + w),
  ),
  fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 2, max: 1000 })).map(([lo, w]) =>
    z
      .int()
      .gt(lo)
      .lt(lo + w),
  ),
  fc
    .tuple(
      fc.constantFrom(0.5, 0.25, 2, 5, 0.1, 3),
      fc.integer({ min: -1000, max: 1000 }),
      fc.integer({ min: 1, max: 50 }),
    )
    .map(([step, lo, k]) =>
      z
        .number()
        .multipleOf(step)
        .min(lo)
        .max(lo + step * k),
    ),
  fc.constantFrom(z.number(), z.int(), z.number().positive(), z.number().negative(), z.int().nonnegative()),
);

const enumSchema = fc
  .uniqueArray(word, { minLength: 1, maxLength: 5 })
  .map((values) => z.enum(values as [string, ...string[]]));

const literalSchema = fc.oneof(word, fc.integer(), fc.boolean()).map((v) => z.literal(v));

const leaf: fc.Arbitrary<z.ZodType> = fc.oneof(
  stringSchema,
  patternString,
  formatString,
  numberSchema,
  enumSchema,
  literalSchema,
  fc.constant(z.boolean()),
  fc.constant(z.null()),
);

const { node } = fc.letrec<{ node: z.ZodType }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc
      .dictionary(key, fc.record({ schema: tie("node"), optional: fc.boolean() }), { maxKeys: 5 })
      .map((fields) =>
        z.object(
          Object.fromEntries(
            Object.entries(fields).map(([k, f]) => [k, f.optional ? f.schema.optional() : f.schema]),
          ),
        ),
      ),
    fc
      .record({ item: tie("node"), min: fc.nat(4), span: fc.option(fc.nat(3)) })
      .map(({ item, min, span }) => {
        const a = z.array(item).min(min);
        return span === null ? a : a.max(min + span);
      }),
    tie("node").map((s) => s.nullable()),
    fc.tuple(tie("node"), tie("node")).map(([a, b]) => z.union([a, b])),
    fc.tuple(tie("node"), tie("node")).map(([a, b]) => z.tuple([a, b])),
    tie("node").map((s) => z.record(z.string(), s)),
  ),
}));

describe("exampleFromJsonSchema on zod schemas", () => {
  it("produces a value the zod schema accepts (property)", () => {
    fc.assert(
      fc.property(node, fc.nat(1000), (schema, seed) => {
        const { value, result } = roundTrip(schema, seed);
        if (!result.success) {
          throw new Error(
            `${JSON.stringify(value)}\n${JSON.stringify(z.toJSONSchema(schema))}\n${result.error.message}`,
          );
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 400) },
    );
  });

  it("fills every required and optional property of an object", () => {
    const schema = z.object({
      title: z.string(),
      rating: z.int().min(1).max(5),
      tags: z.array(z.string()).min(2),
      note: z.string().optional(),
      author: z.object({ name: z.string(), email: z.email() }),
    });
    const { value, result } = roundTrip(schema);
    expect(result.success).toBe(true);
    expect(value).toEqual({
      title: "example",
      rating: 1,
      tags: ["example", "sample"],
      note: "example",
      author: { name: "example", email: "user@example.com" },
    });
  });

  it("picks numbers near the lower bound of a wide range", () => {
    const schema = z.object({ name: z.string(), age: z.int().min(18), price: z.number().positive() });
    const { value, result } = roundTrip(schema);
    expect(result.success).toBe(true);
    expect(value).toEqual({ name: "example", age: 18, price: 1.5 });
  });

  it("handles recursive schemas by leaving recursion at empty arrays", () => {
    const Category = z.object({
      name: z.string(),
      get children(): z.ZodArray<typeof Category> {
        return z.array(Category);
      },
    });
    const wrapped = z.object({ root: Category, other: Category.optional() });
    expect(roundTrip(Category).result.success).toBe(true);
    expect(roundTrip(wrapped).result.success).toBe(true);
  });

  it("handles discriminated unions and intersections", () => {
    const schema = z.object({
      shape: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("circle"), r: z.number().positive() }),
        z.object({ kind: z.literal("square"), side: z.number() }),
      ]),
      both: z.intersection(z.object({ a: z.string() }), z.object({ b: z.int() })),
    });
    const { value, result } = roundTrip(schema);
    expect(result.success).toBe(true);
    expect(value).toMatchObject({ shape: { kind: "circle" } });
  });
});

describe("exampleFromJsonSchema on plain JSON Schema", () => {
  it("is deterministic, and another seed gives another valid value", () => {
    const schema = {
      type: "object",
      properties: { n: { type: "integer" }, s: { type: "string" } },
      required: ["n"],
    };
    expect(exampleFromJsonSchema(schema, 7)).toEqual(exampleFromJsonSchema(schema, 7));
    expect(exampleFromJsonSchema(schema, 0)).not.toEqual(exampleFromJsonSchema(schema, 1));
    validFor(schema, 1);
  });

  it("resolves $ref into $defs and definitions, with JSON pointer escapes", () => {
    const value = exampleFromJsonSchema({
      type: "object",
      properties: { a: { $ref: "#/$defs/A" }, b: { $ref: "#/definitions/B~1C" } },
      required: ["a", "b"],
      $defs: { A: { type: "string", enum: ["x", "y"] } },
      definitions: { "B/C": { type: "integer", minimum: 10 } },
    });
    expect(value).toEqual({ a: "x", b: 10 });
  });

  it("merges allOf, takes the first non-null anyOf/oneOf branch and the first non-null type", () => {
    expect(
      validFor({
        allOf: [
          { type: "object", properties: { a: { type: "string" } }, required: ["a"] },
          { properties: { b: { type: "number", minimum: 3 } }, required: ["b"] },
        ],
      }),
    ).toEqual({ a: "example", b: 3 });
    expect(validFor({ anyOf: [{ type: "null" }, { type: "string", const: "hi" }] })).toBe("hi");
    expect(validFor({ oneOf: [{ type: "boolean" }, { type: "string" }] })).toBe(true);
    expect(validFor({ type: ["null", "integer"], minimum: 4 })).toBe(4);
    expect(exampleFromJsonSchema({ type: "null" })).toBeNull();
    expect(exampleFromJsonSchema({})).toBeNull();
    expect(exampleFromJsonSchema(true)).toBeNull();
  });

  it("merges allOf constraints: the stricter bound, the narrower type, every pattern", () => {
    expect(
      validFor({
        allOf: [
          { type: "number", minimum: 2, maximum: 9 },
          { type: ["integer", "null"], minimum: 4, maximum: 7 },
        ],
      }),
    ).toBe(4);
    const twoPatterns = exampleFromJsonSchema({
      allOf: [{ pattern: "^ab" }, { pattern: "cd$" }, { minLength: 6 }],
    });
    expect(twoPatterns).toMatch(/^ab.*cd$/);
    expect((twoPatterns as string).length).toBeGreaterThanOrEqual(6);
    expect(
      validFor({
        allOf: [
          { type: "object", properties: { a: { type: "string", minLength: 2 } }, required: ["a"] },
          { type: "object", properties: { a: { maxLength: 3 } } },
        ],
      }),
    ).toEqual({ a: "exa" });
  });

  it("keeps array items distinct under uniqueItems", () => {
    const value = validFor({
      type: "array",
      items: { type: "string", enum: ["a", "b", "c"] },
      minItems: 3,
      uniqueItems: true,
    });
    expect(new Set(value as string[]).size).toBe(3);
  });

  it("respects numeric bounds, exclusive bounds (both drafts) and multipleOf", () => {
    expect(validFor({ type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 })).toBeGreaterThan(0);
    expect(
      validFor({ type: "integer", minimum: 100, maximum: 200, multipleOf: 7 }) as number,
    ).toBeGreaterThanOrEqual(100);
    expect(exampleFromJsonSchema({ type: "integer", minimum: 5, exclusiveMinimum: true })).toBe(6);
    expect(exampleFromJsonSchema({ type: "number", maximum: -10 })).toBe(-10);
    expect(exampleFromJsonSchema({ type: "integer", maximum: 0, exclusiveMaximum: true })).toBe(-1);
    expect(exampleFromJsonSchema({ type: "integer", multipleOf: 1.5, minimum: 1 })).toBe(3);
    expect(exampleFromJsonSchema({ type: "number", multipleOf: 0.1, minimum: 2.25 })).toBe(2.3);
  });

  it("respects string length, formats and patterns", () => {
    expect(validFor({ type: "string", minLength: 20 })).toHaveLength(20);
    expect(validFor({ type: "string", maxLength: 3 })).toHaveLength(3);
    expect(validFor({ type: "string", format: "date-time" })).toBe("2024-01-01T12:00:00Z");
    expect(validFor({ type: "string", format: "uri" })).toBe("https://example.com/");
    expect(validFor({ type: "string", pattern: "^[A-Z]{2}\\d{3,}$", minLength: 8 })).toMatch(
      /^[A-Z]{2}\d{6}$/,
    );
    expect(exampleFromJsonSchema({ type: "string", pattern: "^(?!x)[a-c]+(?:-[0-9])?$" })).toMatch(/^[a-c]+/);
  });

  it("builds arrays: minItems, maxItems, tuples and uniqueItems", () => {
    expect(validFor({ type: "array", items: { type: "integer" }, minItems: 3, uniqueItems: true })).toEqual([
      1, 2, 3,
    ]);
    expect(validFor({ type: "array", items: { type: "string" }, maxItems: 0 })).toEqual([]);
    expect(
      validFor({ type: "array", prefixItems: [{ type: "string" }, { type: "boolean" }], items: false }),
    ).toEqual(["example", false]);
    expect(
      exampleFromJsonSchema({ type: "array", items: [{ type: "integer" }, { type: "string" }] }),
    ).toEqual([1, "sample"]);
  });

  it("fills minProperties from additionalProperties and required keys without a property schema", () => {
    expect(validFor({ type: "object", additionalProperties: { type: "boolean" }, minProperties: 2 })).toEqual(
      {
        key1: true,
        key2: true,
      },
    );
    expect(
      exampleFromJsonSchema({
        type: "object",
        required: ["x"],
        patternProperties: { "^x$": { type: "integer" } },
      }),
    ).toEqual({
      x: 1,
    });
  });

  it("returns copies of const and enum values, not the schema's own objects", () => {
    const schema = { const: { a: [1] } };
    const value = exampleFromJsonSchema(schema) as { a: number[] };
    value.a.push(2);
    expect(schema.const.a).toEqual([1]);
  });

  it("explains schemas it cannot satisfy", () => {
    expect(() => exampleFromJsonSchema(false)).toThrow(InvalidArgumentError);
    expect(() => exampleFromJsonSchema({ $ref: "https://example.com/s.json" })).toThrow(
      /only refs inside the schema/,
    );
    expect(() => exampleFromJsonSchema({ $ref: "#/$defs/Missing" })).toThrow(/points at nothing/);
    const infinite = { type: "object", properties: { self: { $ref: "#" } }, required: ["self"] };
    expect(() => exampleFromJsonSchema(infinite)).toThrow(/infinitely nested/);
  });
});
