import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { isStandardSchema, toJsonSchema, validate } from "../core/schema.js";
import { checkJsonSchema, jsonSchemaValidator } from "./json-schema.js";

const PERSON = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    name: { type: "string", minLength: 1 },
    age: { type: ["integer", "null"], minimum: 0 },
    role: { enum: ["admin", "user"] },
    tags: { type: "array", items: { type: "string" } },
  },
  required: ["name", "role"],
  additionalProperties: false,
};

describe("jsonSchemaValidator", () => {
  it("is a Standard Schema that validates with the JSON Schema's rules", () => {
    const s = jsonSchemaValidator(PERSON);
    expect(isStandardSchema(s)).toBe(true);
    expect(s["~standard"].vendor).toBe("flowprompt");
    expect(validate(s, { name: "Ada", role: "admin", age: null, tags: ["x"] })).toEqual({
      ok: true,
      value: { name: "Ada", role: "admin", age: null, tags: ["x"] },
    });
    const bad = validate(s, { name: "", role: "root", extra: 1 });
    expect(bad).toMatchObject({ ok: false });
    if (!(bad instanceof Promise) && !bad.ok) {
      expect(bad.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["name", "role"]));
    }
  });

  it("hands back the original JSON Schema for structured output", () => {
    const s = jsonSchemaValidator(PERSON);
    expect(s["~standard"].jsonSchema.output({ target: "draft-2020-12" })).toEqual(PERSON);
    expect(s["~standard"].jsonSchema.input({ target: "draft-07" })).toEqual(PERSON);
    const { $schema: _drop, ...withoutDialect } = PERSON;
    expect(toJsonSchema(s)).toEqual(withoutDialect);
    expect(s.jsonSchema).toEqual(PERSON);
  });

  it("cannot be changed through what it returns or through the input object", () => {
    const input = structuredClone(PERSON);
    const s = jsonSchemaValidator(input);
    input.properties.name.minLength = 99;
    const out = s["~standard"].jsonSchema.output({ target: "draft-2020-12" }) as typeof PERSON;
    out.properties.name.minLength = 50;
    expect(s["~standard"].jsonSchema.output({ target: "draft-2020-12" })).toEqual(PERSON);
    expect(Object.isFrozen(s.jsonSchema)).toBe(true);
  });

  it("lets Zod convert to other targets", () => {
    const s = jsonSchemaValidator({ type: "object", properties: { a: { type: "string" } }, required: ["a"] });
    expect(s["~standard"].jsonSchema.output({ target: "openapi-3.0" })).toMatchObject({ type: "object" });
  });

  it("throws InvalidArgumentError for a malformed schema, listing every problem", () => {
    try {
      jsonSchemaValidator({ type: "object", properties: { a: { type: "strin" }, b: { minLength: -1 } } });
      expect.unreachable();
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe(
        'Invalid JSON Schema: properties.a.type: unknown type "strin" (did you mean "string"?); JSON Schema types are ' +
          "string, number, integer, boolean, object, array, null; properties.b.minLength: `minLength` must be a " +
          "non-negative integer, not a number (-1)",
      );
    }
  });
});

describe("checkJsonSchema", () => {
  it("accepts well-formed schemas, booleans, $defs, combinators and vendor keywords", () => {
    expect(
      checkJsonSchema({
        $defs: { id: { type: "string", pattern: "^[a-z]+$" } },
        anyOf: [{ $ref: "#/$defs/id" }, { type: "null" }],
        items: [true, { type: "number" }],
        not: false,
        "x-order": 1,
        minContains: 1,
        propertyOrdering: ["a"],
        title: "T",
      }),
    ).toEqual([]);
  });

  it("reports each problem with its path", () => {
    expect(
      checkJsonSchema({
        type: [],
        oneOf: {},
        required: "a",
        pattern: "(",
        enum: [],
        maximum: "10",
        additionalProperties: { type: 1 },
        descripton: "typo",
        unrelated: "kept",
      }),
    ).toEqual([
      { path: ["type"], message: "`type` is an empty list" },
      { path: ["oneOf"], message: "`oneOf` must be a non-empty list of schemas, not a mapping" },
      { path: ["required"], message: '`required` must be a list of property names, not a string ("a")' },
      { path: ["pattern"], message: '`pattern` is not a valid regular expression: "("' },
      { path: ["enum"], message: "`enum` must be a non-empty list of values, not a list" },
      { path: ["maximum"], message: '`maximum` must be a number, not a string ("10")' },
      {
        path: ["additionalProperties", "type"],
        message:
          "unknown type 1; JSON Schema types are string, number, integer, boolean, object, array, null",
      },
      { path: ["descripton"], message: 'unknown keyword "descripton" (did you mean "description"?)' },
    ]);
    expect(checkJsonSchema("string")).toEqual([
      { path: [], message: 'a schema must be a mapping, not a string ("string")' },
    ]);
  });
});
