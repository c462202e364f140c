import { picoschema } from "dotprompt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isJsonSchema, SchemaProblem, toJsonSchema } from "./picoschema.js";

function problem(schema: unknown): SchemaProblem {
  try {
    toJsonSchema(schema);
  } catch (error) {
    if (error instanceof SchemaProblem) return error;
    throw error;
  }
  throw new Error("expected a SchemaProblem");
}

describe("Picoschema → JSON Schema", () => {
  it("converts scalars, descriptions, optional fields, arrays, objects, enums and wildcards", () => {
    expect(
      toJsonSchema({
        title: "string, the title",
        "year?": "integer",
        "tags(array, labels)": "string",
        "author(object)": { name: "string", "email?": "string" },
        "mood?(enum)": ["happy", "sad"],
        extra: "any, anything",
        "(*)": "number",
      }),
    ).toEqual({
      type: "object",
      properties: {
        title: { type: "string", description: "the title" },
        year: { type: ["integer", "null"] },
        tags: { type: "array", items: { type: "string" }, description: "labels" },
        author: {
          type: "object",
          properties: { name: { type: "string" }, email: { type: ["string", "null"] } },
          required: ["name"],
          additionalProperties: false,
        },
        mood: { enum: ["happy", "sad", null] },
        extra: { description: "anything" },
      },
      required: ["title", "tags", "author", "extra"],
      additionalProperties: { type: "number" },
    });
  });

  it("passes JSON Schema through (Dotprompt's rule: a JSON `type`, or `properties`)", () => {
    const json = { type: "object", properties: { a: { type: "string" } } };
    expect(toJsonSchema(json)).toBe(json);
    expect(toJsonSchema({ properties: { a: { type: "string" } } })).toEqual({ ...json });
    expect(toJsonSchema({ type: ["string", "null"] })).toEqual({ type: ["string", "null"] });
    expect(isJsonSchema({ name: "string" })).toBe(false);
    expect(toJsonSchema("number, a score")).toEqual({ type: "number", description: "a score" });
    expect(toJsonSchema("any")).toEqual({});
  });

  it("names the path and whether the key or the value is wrong", () => {
    expect(problem({ a: { b: "strin" } })).toMatchObject({ path: ["a", "b"], at: "value" });
    expect(problem({ a: { b: "strin" } }).message).toMatch(/^unknown type "strin"/);
    expect(problem({ "t(string)": "x" })).toMatchObject({ path: ["t(string)"], at: "key" });
    expect(problem({ "t(thing)": "x" }).message).toBe(
      '"t(thing)": unknown type "thing" in parentheses; use object, array or enum',
    );
    expect(problem({ "t(array": "x" }).message).toBe('field "t(array" has "(" without a closing ")"');
    expect(problem({ t: ["a", "b"] }).message).toMatch(/a list is not a Picoschema type/);
    expect(problem({ "t(enum)": "a" }).message).toMatch(/give its values as a list/);
    expect(problem({ "t(object)": "string" }).message).toMatch(/give its fields as a mapping/);
    expect(problem({ t: 5 }).message).toBe("expected a type such as `string` or a mapping of fields, not 5");
    expect(problem({ t: null }).message).toMatch(/no type given/);
    expect(problem({ "?": "string" }).message).toBe('"?" is not a valid field name');
    expect(problem({ t: "array" }).message).toBe(
      '"array" goes in parentheses after the field name: `field(array): ...`',
    );
  });
});

// ---- differential test against Dotprompt's own (async) converter ----

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/).filter((w) => w !== "type" && w !== "properties");
const description = fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,12}$/), { nil: undefined });
const scalarType = fc.constantFrom("string", "number", "integer", "boolean", "null", "any");
const withDescription = (type: string, d: string | undefined) => (d === undefined ? type : `${type}, ${d}`);

type Pico = string | { [key: string]: Pico | string[] };

function picoObject(depth: number): fc.Arbitrary<Record<string, Pico | string[]>> {
  const kinds =
    depth > 0
      ? (["scalar", "array", "object", "nested", "enum"] as const)
      : (["scalar", "array", "enum"] as const);
  const child = depth > 0 ? picoObject(depth - 1) : fc.constant({});
  return fc
    .uniqueArray(
      fc.record({
        name: word,
        optional: fc.boolean(),
        kind: fc.constantFrom(...kinds),
        type: scalarType,
        description,
        child,
        values: fc.uniqueArray(word, { minLength: 1, maxLength: 3 }),
      }),
      { selector: (f) => f.name, maxLength: 4 },
    )
    .map((fields) => {
      const out: Record<string, Pico | string[]> = {};
      for (const f of fields) {
        const name = `${f.name}${f.optional ? "?" : ""}`;
        const paren = (t: string) => `${name}(${withDescription(t, f.description)})`;
        if (f.kind === "scalar") out[name] = withDescription(f.type, f.description);
        else if (f.kind === "array") out[paren("array")] = f.type;
        else if (f.kind === "object") out[paren("object")] = f.child as Pico;
        else if (f.kind === "nested") out[name] = f.child as Pico;
        else out[paren("enum")] = f.values;
      }
      return out;
    });
}

describe("Picoschema: same JSON Schema as Dotprompt's picoschema()", () => {
  it("for random valid schemas", async () => {
    await fc.assert(
      fc.asyncProperty(picoObject(2), async (schema) => {
        const ours = toJsonSchema(structuredClone(schema));
        const theirs = await picoschema(structuredClone(schema));
        expect(JSON.parse(JSON.stringify(ours))).toEqual(JSON.parse(JSON.stringify(theirs)));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
