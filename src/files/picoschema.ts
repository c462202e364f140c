import type { JSONSchema } from "../core/schema.js";

/**
 * Picoschema (Dotprompt's compact schema language) to JSON Schema, synchronously.
 *
 * Mirrors `picoschema()` of the `dotprompt` package (checked against it by a differential test),
 * but runs synchronously, so `parsePromptFile` stays a pure function, and reports problems with
 * the path of the offending field so the loader can name its line. Deliberate differences: field
 * names are trimmed (`tags (array)` names `tags`), a field with no type, a list where a type is
 * expected, and `name(string)` are errors instead of silent odd schemas; the top-level string
 * `any` gives `{}`, and so does FlowPrompt's `media` (with a description); a JSON Schema `type` may be a list.
 */

const SCALARS = ["any", "boolean", "integer", "media", "null", "number", "string"];
const JSON_TYPES = [...SCALARS.filter((t) => t !== "any" && t !== "media"), "object", "array"];
const WILDCARD = "(*)";

/** A problem in a Picoschema or JSON Schema, at a path of keys; `at` says whether the key or the value is wrong. */
export class SchemaProblem extends Error {
  readonly path: readonly (string | number)[];
  readonly at: "key" | "value";

  constructor(message: string, path: readonly (string | number)[], at: "key" | "value" = "value") {
    super(message);
    this.name = "SchemaProblem";
    this.path = path;
    this.at = at;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Dotprompt's rule: a mapping with a JSON `type`, or with `properties`, is JSON Schema; anything else is Picoschema. */
export function isJsonSchema(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const t = schema.type;
  if (typeof t === "string" && (JSON_TYPES.includes(t) || t === "any")) return true;
  if (Array.isArray(t) && t.length > 0 && t.every((x) => typeof x === "string" && JSON_TYPES.includes(x)))
    return true;
  return isRecord(schema.properties);
}

/** Converts a schema written in Picoschema or JSON Schema to JSON Schema. Throws SchemaProblem. */
export function toJsonSchema(schema: unknown): JSONSchema {
  if (typeof schema === "string") return scalar(schema, []);
  if (isJsonSchema(schema)) {
    const s = schema as JSONSchema;
    return s.type === undefined ? { ...s, type: "object" } : s;
  }
  return parsePico(schema, []);
}

function extractDescription(input: string): [string, string | undefined] {
  const comma = input.indexOf(",");
  if (comma < 0) return [input.trim(), undefined];
  const description = input.slice(comma + 1).replace(/^ */, "");
  return [input.slice(0, comma).trim(), description === "" ? undefined : description];
}

function scalar(text: string, path: readonly (string | number)[]): JSONSchema {
  const [type, description] = extractDescription(text);
  if (!SCALARS.includes(type)) {
    const what =
      type === "object" || type === "array" || type === "enum"
        ? `"${type}" goes in parentheses after the field name: \`field(${type}): ...\``
        : `unknown type "${type}"; Picoschema types are ${SCALARS.join(", ")}, plus (object), (array) and (enum) after a field name`;
    throw new SchemaProblem(what, path);
  }
  if (type === "any") return description ? { description } : {};
  // A Media (flowprompt/multimodal) or any value a {{media url=…}} can place: no JSON type to check.
  if (type === "media")
    return { description: description ?? "media: an image, PDF, audio, video or document" };
  return description ? { type, description } : { type };
}

function parsePico(obj: unknown, path: readonly (string | number)[]): JSONSchema {
  if (typeof obj === "string") return scalar(obj, path);
  if (obj === null || obj === undefined) {
    throw new SchemaProblem("no type given; write a type such as `string`, or a mapping of fields", path);
  }
  if (Array.isArray(obj)) {
    throw new SchemaProblem(
      "a list is not a Picoschema type; write `field(enum): [a, b]` for allowed values or `field(array): string` for a list",
      path,
    );
  }
  if (!isRecord(obj)) {
    throw new SchemaProblem(
      `expected a type such as \`string\` or a mapping of fields, not ${JSON.stringify(obj)}`,
      path,
    );
  }
  const properties: Record<string, JSONSchema> = {};
  const required: string[] = [];
  let additionalProperties: JSONSchema | false = false;
  for (const [key, value] of Object.entries(obj)) {
    const at = [...path, key];
    if (key === WILDCARD) {
      additionalProperties = parsePico(value, at);
      continue;
    }
    const open = key.indexOf("(");
    const rawName = (open < 0 ? key : key.slice(0, open)).trim();
    let typeInfo = open < 0 ? undefined : key.slice(open + 1);
    if (typeInfo !== undefined) {
      if (!typeInfo.trimEnd().endsWith(")")) {
        throw new SchemaProblem(`field "${key}" has "(" without a closing ")"`, at, "key");
      }
      typeInfo = typeInfo.trimEnd().slice(0, -1);
    }
    const optional = rawName.endsWith("?");
    const name = optional ? rawName.slice(0, -1) : rawName;
    if (name === "" || /\s/.test(name)) {
      throw new SchemaProblem(`"${key}" is not a valid field name`, at, "key");
    }
    if (!optional) required.push(name);
    if (typeInfo === undefined) {
      const prop = { ...parsePico(value, at) };
      if (optional && typeof prop.type === "string") prop.type = [prop.type, "null"];
      properties[name] = prop;
      continue;
    }
    const [type, description] = extractDescription(typeInfo);
    let prop: JSONSchema;
    if (type === "array") {
      prop = { type: optional ? ["array", "null"] : "array", items: parsePico(value, at) };
    } else if (type === "object") {
      if (!isRecord(value))
        throw new SchemaProblem(`"${key}" is an object: give its fields as a mapping`, at);
      prop = parsePico(value, at);
      if (optional) prop.type = [prop.type, "null"];
    } else if (type === "enum") {
      if (!Array.isArray(value) || value.length === 0) {
        throw new SchemaProblem(`"${key}" is an enum: give its values as a list, e.g. [a, b, c]`, at);
      }
      const values: unknown[] = [...value];
      if (optional && !values.includes(null)) values.push(null);
      prop = { enum: values };
    } else if (SCALARS.includes(type)) {
      throw new SchemaProblem(
        `"${key}": parentheses are only for object, array and enum; write \`${rawName}: ${type}${description ? `, ${description}` : ""}\``,
        at,
        "key",
      );
    } else {
      throw new SchemaProblem(
        `"${key}": unknown type "${type}" in parentheses; use object, array or enum`,
        at,
        "key",
      );
    }
    if (description) prop.description = description;
    properties[name] = prop;
  }
  const out: JSONSchema = { type: "object", properties };
  if (required.length > 0) out.required = required;
  out.additionalProperties = additionalProperties;
  return out;
}
