import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMPILE_OPTIONS, hbs } from "./engine.js";
import { fastRenderer } from "./fast.js";

const names = ["a", "b", "name", "x_1", "constructor", "toString", "__proto__"];
const piece = fc.oneof(
  fc
    .string({ unit: fc.constantFrom("a", " ", "\n", "é", "<", "&", "}", "{", "\\") })
    .filter((t) => !t.includes("{{")),
  fc.constantFrom(...names).map((n) => `{{${n}}}`),
  fc.constantFrom(...names).map((n) => `{{~${n}~}}`),
  fc.constantFrom(...names).map((n) => `{{{${n}}}}`),
  fc.constant("{{! a comment }}"),
);
const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
);

describe("fast renderer", () => {
  it("writes exactly what Handlebars writes for text and {{name}} templates", () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 8 }),
        fc.dictionary(fc.constantFrom(...names), value),
        (pieces, vars) => {
          const source = pieces.join("");
          let program: hbs.AST.Program;
          try {
            program = hbs.parse(source);
          } catch {
            return; // not a template (e.g. a stray "}" after "{{"); Handlebars refuses it too
          }
          const fast = fastRenderer(program);
          if (!fast) return;
          // Handlebars joins adjacent values with JS "+", so `{{a}}{{b}}` with true and 1 gives "2";
          // comparing on string values checks everything else (whitespace control, comments, nulls).
          const strings = Object.fromEntries(
            Object.entries(vars).map(([k, v]) => [k, v == null ? v : String(v)]),
          );
          const expected = (hbs.compile(source, COMPILE_OPTIONS) as (v: unknown) => string)(strings);
          const got = fast(vars);
          if (got !== null) expect(got).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("prints adjacent values as text, where Handlebars would add them as numbers", () => {
    const source = "{{a}}{{b}}";
    expect((hbs.compile(source, COMPILE_OPTIONS) as (v: unknown) => string)({ a: true, b: 1 })).toBe("2");
    expect(fastRenderer(hbs.parse(source))!({ a: true, b: 1 })).toBe("true1");
  });

  it("declines blocks, helpers, paths, partials and data", () => {
    for (const source of [
      "{{#if a}}x{{/if}}",
      "{{json a}}",
      "{{a.b}}",
      "{{> p}}",
      "{{@index}}",
      "{{this}}",
      "{{history}}",
      "{{lookup a b}}",
    ]) {
      expect(fastRenderer(hbs.parse(source)), source).toBeUndefined();
    }
    expect(fastRenderer(hbs.parse("Hi {{name}}!"))).toBeTypeOf("function");
  });

  it("hands function and symbol values back to Handlebars", () => {
    const fast = fastRenderer(hbs.parse("{{a}}"))!;
    expect(fast({ a: () => "x" })).toBeNull();
    expect(fast({ a: Symbol("s") })).toBeNull();
  });
});
