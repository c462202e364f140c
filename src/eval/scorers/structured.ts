import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { MissingExpectedError } from "../errors/missing-expected-error.js";
import { deepEqual } from "./deep-equal.js";
import { type BuiltinScorer, makeScorer } from "./types.js";

export interface StructuredMatchOptions {
  /**
   * The fields to compare: top-level names or dotted paths into nested objects ("address.city").
   * Default: the expected object's top-level fields.
   */
  fields?: readonly string[];
  /** Weight per field (default 1 each); the score is the weighted share of matching fields. */
  weights?: Readonly<Record<string, number>>;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** An object from a value: objects as they are, JSON text parsed (a model's raw reply), else undefined. */
function asObject(value: unknown): Obj | undefined {
  if (isObject(value)) return value;
  if (typeof value !== "string") return undefined;
  const text = value
    .trim()
    .replace(/^```(?:json)?\s*/i, "")
    .replace(/```$/, "");
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function at(obj: Obj, path: string): unknown {
  if (Object.hasOwn(obj, path) || !path.includes(".")) return obj[path];
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (!isObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[part];
  }
  return cur;
}

/**
 * Per-field accuracy for structured (schema) outputs: each field is compared by deep equality, and
 * the score is the (weighted) share of fields that match. `details.fields` has 1 or 0 per field and
 * `details.mismatched` lists the fields that differ. Output and expected may be objects or JSON text.
 */
export function structuredMatch(options: StructuredMatchOptions = {}): BuiltinScorer {
  const { fields, weights = {} } = options;
  if (
    fields !== undefined &&
    (!Array.isArray(fields) || fields.length === 0 || fields.some((f) => typeof f !== "string" || f === ""))
  ) {
    throw new InvalidArgumentError("structuredMatch() fields", "expected a non-empty list of field names.");
  }
  for (const [field, w] of Object.entries(weights)) {
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
      throw new InvalidArgumentError(
        `structuredMatch() weight of "${field}"`,
        `expected a number >= 0, got ${String(w)}.`,
      );
    }
  }
  return makeScorer("structured", true, (output, expected) => {
    if (expected === undefined) throw new MissingExpectedError("structured");
    const want = asObject(expected);
    if (want === undefined) {
      throw new InvalidArgumentError(
        "expected value of structuredMatch()",
        "expected an object (or its JSON).",
      );
    }
    const names = fields ?? Object.keys(want);
    if (names.length === 0)
      throw new InvalidArgumentError(
        "expected value of structuredMatch()",
        "the object has no fields to compare.",
      );
    const got = asObject(output);
    const perField: Record<string, number> = {};
    const mismatched: string[] = [];
    let total = 0;
    let matched = 0;
    for (const name of names) {
      const ok = got !== undefined && deepEqual(at(got, name), at(want, name));
      const w = weights[name] ?? 1;
      perField[name] = ok ? 1 : 0;
      total += w;
      if (ok) matched += w;
      else mismatched.push(name);
    }
    if (total === 0)
      throw new InvalidArgumentError("structuredMatch() weights", "every compared field has weight 0.");
    const score = Math.min(1, matched / total);
    const out: { score: number; reason?: string; details: Record<string, unknown> } = {
      score,
      details: { fields: perField, mismatched },
    };
    if (got === undefined) out.reason = "the output is not an object (nor JSON of one)";
    else if (mismatched.length > 0) out.reason = `fields that differ: ${mismatched.join(", ")}`;
    return out;
  });
}
