import { z } from "zod";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { JSONSchema, StandardJSONSchemaV1, StandardSchemaV1 } from "../core/schema.js";
import { closest } from "../core/text.js";

/** A Standard Schema validator that also hands back the JSON Schema it was made from. */
export type JsonSchemaValidator<T = unknown> = StandardSchemaV1<T> &
  StandardJSONSchemaV1<T> & {
    /** The JSON Schema as given (a copy). */
    readonly jsonSchema: JSONSchema;
  };

/** One problem found in a JSON Schema, with the path of the offending keyword. */
export interface JsonSchemaProblem {
  path: (string | number)[];
  message: string;
}

const TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"];
const SCHEMA_MAPS = ["properties", "$defs", "definitions", "patternProperties", "dependentSchemas"];
const SCHEMA_LISTS = ["anyOf", "oneOf", "allOf", "prefixItems"];
const SINGLE_SCHEMAS = ["not", "if", "then", "else", "contains", "propertyNames"];
const SCHEMA_OR_BOOL = [
  "additionalProperties",
  "unevaluatedProperties",
  "items",
  "additionalItems",
  "unevaluatedItems",
];
const NUMBERS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const COUNTS = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
const STRINGS = [
  "title",
  "description",
  "format",
  "pattern",
  "$schema",
  "$id",
  "$ref",
  "$comment",
  "contentMediaType",
];
const OTHER = [
  "enum",
  "const",
  "default",
  "examples",
  "required",
  "uniqueItems",
  "nullable",
  "readOnly",
  "writeOnly",
  "deprecated",
  // Known keywords not checked here (only kept from being mistaken for typos).
  "minContains",
  "maxContains",
  "dependentRequired",
  "dependencies",
  "contentEncoding",
  "contentSchema",
  "$anchor",
  "$dynamicRef",
  "$dynamicAnchor",
  "$vocabulary",
  "discriminator",
  "example",
  "propertyOrdering",
];
const KEYWORDS = [
  "type",
  ...SCHEMA_MAPS,
  ...SCHEMA_LISTS,
  ...SINGLE_SCHEMAS,
  ...SCHEMA_OR_BOOL,
  ...NUMBERS,
  ...COUNTS,
  ...STRINGS,
  ...OTHER,
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

/**
 * Checks the structure of a JSON Schema (types, keyword shapes, `required` against `properties`,
 * likely typos of keywords) and returns every problem with its path. Zod's converter accepts many
 * malformed schemas silently; this catches them before a model is ever asked for the output.
 */
export function checkJsonSchema(schema: unknown, path: (string | number)[] = []): JsonSchemaProblem[] {
  const problems: JsonSchemaProblem[] = [];
  walk(schema, path, problems);
  return problems;
}

function walk(schema: unknown, path: (string | number)[], out: JsonSchemaProblem[]): void {
  if (typeof schema === "boolean") return;
  if (!isRecord(schema)) {
    out.push({ path, message: `a schema must be a mapping, not ${kind(schema)}` });
    return;
  }
  for (const [key, value] of Object.entries(schema)) {
    const at = [...path, key];
    if (key === "type") {
      const list = Array.isArray(value) ? value : [value];
      if (list.length === 0) out.push({ path: at, message: "`type` is an empty list" });
      for (const t of list) {
        if (typeof t !== "string" || !TYPES.includes(t)) {
          const hint = typeof t === "string" ? closest(t, TYPES) : undefined;
          out.push({
            path: at,
            message:
              `unknown type ${JSON.stringify(t)}` +
              (hint ? ` (did you mean "${hint}"?)` : "") +
              `; JSON Schema types are ${TYPES.join(", ")}`,
          });
        }
      }
    } else if (SCHEMA_MAPS.includes(key)) {
      if (!isRecord(value))
        out.push({ path: at, message: `\`${key}\` must be a mapping of schemas, not ${kind(value)}` });
      else for (const [name, sub] of Object.entries(value)) walk(sub, [...at, name], out);
    } else if (SCHEMA_LISTS.includes(key)) {
      if (!Array.isArray(value) || value.length === 0) {
        out.push({ path: at, message: `\`${key}\` must be a non-empty list of schemas, not ${kind(value)}` });
      } else
        value.forEach((sub, i) => {
          walk(sub, [...at, i], out);
        });
    } else if (SINGLE_SCHEMAS.includes(key)) {
      walk(value, at, out);
    } else if (SCHEMA_OR_BOOL.includes(key)) {
      if (key === "items" && Array.isArray(value))
        value.forEach((sub, i) => {
          walk(sub, [...at, i], out);
        });
      else if (typeof value !== "boolean") walk(value, at, out);
    } else if (NUMBERS.includes(key)) {
      if (typeof value !== "number")
        out.push({ path: at, message: `\`${key}\` must be a number, not ${kind(value)}` });
    } else if (COUNTS.includes(key)) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
        out.push({ path: at, message: `\`${key}\` must be a non-negative integer, not ${kind(value)}` });
      }
    } else if (STRINGS.includes(key)) {
      if (typeof value !== "string")
        out.push({ path: at, message: `\`${key}\` must be a string, not ${kind(value)}` });
      else if (key === "pattern") {
        try {
          new RegExp(value, "u");
        } catch {
          out.push({
            path: at,
            message: `\`pattern\` is not a valid regular expression: ${JSON.stringify(value)}`,
          });
        }
      }
    } else if (key === "enum") {
      if (!Array.isArray(value) || value.length === 0) {
        out.push({ path: at, message: `\`enum\` must be a non-empty list of values, not ${kind(value)}` });
      }
    } else if (key === "required") {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        out.push({ path: at, message: `\`required\` must be a list of property names, not ${kind(value)}` });
      } else if (isRecord(schema.properties)) {
        const props = schema.properties;
        for (const name of value as string[]) {
          if (!(name in props)) {
            const hint = closest(name, Object.keys(props));
            out.push({
              path: at,
              message:
                `\`required\` lists "${name}", which is not in \`properties\`` +
                (hint ? ` (did you mean "${hint}"?)` : ""),
            });
          }
        }
      }
    } else if (!OTHER.includes(key) && !key.startsWith("x-")) {
      const hint = closest(key, KEYWORDS);
      if (hint && hint !== key)
        out.push({ path: at, message: `unknown keyword "${key}" (did you mean "${hint}"?)` });
    }
  }
}

function copy(schema: JSONSchema): JSONSchema {
  return structuredClone(schema);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Turns a JSON Schema into a Standard Schema validator (built with Zod's `z.fromJSONSchema`) that
 * also implements Standard JSON Schema: `["~standard"].jsonSchema.output()` returns the original
 * schema, so providers get exactly what the file said for structured output.
 *
 * Throws InvalidArgumentError when the schema is malformed (see `checkJsonSchema`).
 */
export function jsonSchemaValidator<T = unknown>(jsonSchema: JSONSchema): JsonSchemaValidator<T> {
  const problems = checkJsonSchema(jsonSchema);
  if (problems.length > 0) {
    const list = problems
      .map((p) => (p.path.length ? `${p.path.join(".")}: ${p.message}` : p.message))
      .join("; ");
    throw new InvalidArgumentError(
      "JSON Schema",
      list,
      "Fix the schema; see https://json-schema.org/understanding-json-schema.",
    );
  }
  const original = deepFreeze(copy(jsonSchema));
  let zodSchema: z.ZodType;
  try {
    zodSchema = z.fromJSONSchema(copy(original));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidArgumentError("JSON Schema", message, "Zod could not convert this JSON Schema.");
  }
  const convert = (options: StandardJSONSchemaV1.Options): Record<string, unknown> => {
    if (options.target === "draft-2020-12" || options.target === "draft-07") return copy(original);
    // Other targets (e.g. "openapi-3.0"): let Zod convert; it throws for targets it does not support.
    return z.toJSONSchema(zodSchema, { target: options.target as "openapi-3.0" }) as Record<string, unknown>;
  };
  const standard = zodSchema["~standard"];
  return {
    jsonSchema: original,
    "~standard": {
      version: 1,
      vendor: "flowprompt",
      validate: (value: unknown) =>
        standard.validate(value) as StandardSchemaV1.Result<T> | Promise<StandardSchemaV1.Result<T>>,
      jsonSchema: { input: convert, output: convert },
    },
  };
}
