import { exampleFromJsonSchema } from "../json-schema-example.js";
import type { Slots } from "./tasks/types.js";

type Schema = Record<string, unknown>;

/** Property names read as a slot (checked after the exact slot name). */
const SYNONYMS: [RegExp, string][] = [
  [/^(label|sentiment|class|category|polarity|verdict)$/i, "label"],
  [/^(answer|result|final_?answer|solution|value)$/i, "answer"],
  [/^(reasoning|rationale|explanation|steps|thoughts?|thinking|work)$/i, "reasoning"],
  [/^(confidence|probability|certainty)$/i, "confidence"],
  [/^(name|customer|payer|person|full_?name|customer_?name|payer_?name)$/i, "name"],
  [/^(date|paid_?on|payment_?date|when)$/i, "date"],
  [/^(amount|total|price|sum|paid|amount_?usd)$/i, "amount"],
  [/^((new|proposed|improved)_?)?(instruction|instructions|prompt|system_?prompt)$/i, "instruction"],
];
/** The slot a bare (non-object) schema is filled from. */
const MAIN = ["label", "answer", "name", "instruction"];

const isSchema = (v: unknown): v is Schema => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value for `schema` built from the reply's slots; what no slot covers gets a schema example. */
export function fillSchema(schema: unknown, slots: Slots, seed: number): unknown {
  if (!isSchema(schema)) return { ...slots };
  const props = schema.properties;
  if (!isSchema(props)) {
    const scalar = ["enum", "const", "anyOf", "oneOf"].some((k) => k in schema);
    if (schema.type === "object" || (schema.type === undefined && !scalar)) return { ...slots };
    const main = MAIN.map((k) => slots[k]).find((v) => v !== undefined);
    return main === undefined ? exampleFromJsonSchema(schema, seed) : coerce(main, schema);
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) {
    const slot = slots[key] ?? slots[SYNONYMS.find(([re]) => re.test(key))?.[1] ?? ""];
    if (slot !== undefined) out[key] = coerce(slot, prop);
    else if (required.has(key)) out[key] = exampleFromJsonSchema(isSchema(prop) ? prop : {}, seed);
  }
  return out;
}

function coerce(value: string | number, prop: unknown): unknown {
  if (!isSchema(prop)) return value;
  if (Array.isArray(prop.enum) && prop.enum.length > 0) {
    const hit = prop.enum.find((e) => String(e).toLowerCase() === String(value).toLowerCase());
    return hit ?? prop.enum[0];
  }
  const branch = [prop.anyOf, prop.oneOf].find(Array.isArray)?.find((b) => isSchema(b) && b.type !== "null");
  if (branch !== undefined) return coerce(value, branch);
  const types = Array.isArray(prop.type) ? prop.type : [prop.type];
  if (types.includes("number") || types.includes("integer")) {
    const n = Number(value);
    return Number.isFinite(n) ? n : 0;
  }
  if (types.includes("string")) return String(value);
  return value;
}
