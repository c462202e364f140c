import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { compilePattern, exampleFromPattern } from "./regex-example.js";

type Schema = Record<string, unknown>;

/** Extra `pattern`s gathered when `allOf` members each carry one (kept off the string keys). */
const PATTERNS = Symbol("patterns");
type Merged = Schema & { [PATTERNS]?: string[] };

interface Ctx {
  root: unknown;
  seed: number;
}

/** Below this many `$ref` hops on the current path, optional properties and example array items are included. */
const FULL_REF_DEPTH = 3;
const MAX_DEPTH = 200;
const WORDS = ["example", "sample", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];

/**
 * A value valid for a JSON Schema, derived deterministically from the schema and `seed` (the same
 * inputs always give the same value; another seed gives another valid value where the schema allows).
 *
 * Covers what structured-output schemas use: objects (required and optional properties), arrays
 * (`minItems`, `maxItems`, `prefixItems`, `uniqueItems`), strings (`enum`, `const`, common `format`s,
 * `minLength`/`maxLength`, `pattern` on a best-effort basis), numbers and integers (inclusive and
 * exclusive bounds, `multipleOf`), booleans, null, `anyOf`/`oneOf` (the first non-null branch),
 * `allOf` (merged), `$ref` to `$defs`/`definitions` (recursion stops at optional fields) and
 * type arrays such as `["string", "null"]`.
 */
export function exampleFromJsonSchema(schema: object | boolean, seed = 0): unknown {
  const s = Number.isFinite(seed) ? Math.abs(Math.trunc(seed)) : 0;
  return generate(schema, { root: schema, seed: s }, 0, 0, 0);
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function clone<T>(value: T): T {
  return typeof value === "object" && value !== null ? structuredClone(value) : value;
}

function generate(schema: unknown, ctx: Ctx, variant: number, refDepth: number, depth: number): unknown {
  if (depth > MAX_DEPTH) {
    throw new InvalidArgumentError(
      "JSON Schema",
      "it requires an infinitely nested value (a required property refers back to its own object).",
      "Make the recursive property optional or allow an empty array.",
    );
  }
  const { s, refs } = normalize(schema, ctx, refDepth);
  if (s === undefined) return null;
  if ("const" in s) return clone(s.const);
  if (Array.isArray(s.enum) && s.enum.length > 0) return clone(s.enum[(ctx.seed + variant) % s.enum.length]);
  switch (typeOf(s)) {
    case "object":
      return exampleObject(s, ctx, variant, refs, depth);
    case "array":
      return exampleArray(s, ctx, variant, refs, depth);
    case "string":
      return exampleString(s, ctx.seed + variant);
    case "integer":
      return exampleNumber(s, true, ctx.seed + variant);
    case "number":
      return exampleNumber(s, false, ctx.seed + variant);
    case "boolean":
      return (ctx.seed + variant) % 2 === 0;
    default:
      return null;
  }
}

/** Resolves `$ref`, merges `allOf` and picks an `anyOf`/`oneOf` branch until none is left. */
function normalize(schema: unknown, ctx: Ctx, refDepth: number): { s: Merged | undefined; refs: number } {
  if (schema === false) {
    throw new InvalidArgumentError("JSON Schema", "a `false` schema accepts no value, so no example exists.");
  }
  if (!isSchema(schema)) return { s: undefined, refs: refDepth };
  let s: Merged = schema;
  let refs = refDepth;
  for (let guard = 0; guard < 1000; guard++) {
    if (typeof s.$ref === "string") {
      const { $ref, ...rest } = s;
      const target = resolveRef($ref, ctx.root);
      refs++;
      if (target === false) return normalize(false, ctx, refs);
      s = merge(isSchema(target) ? target : {}, rest);
      continue;
    }
    if (Array.isArray(s.allOf)) {
      const { allOf, ...rest } = s;
      let out: Merged = rest;
      for (const part of allOf) {
        const n = normalize(part, ctx, refs);
        refs = Math.max(refs, n.refs);
        if (n.s) out = merge(out, n.s);
      }
      s = out;
      continue;
    }
    const branches = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
    if (branches && branches.length > 0) {
      const { anyOf: _a, oneOf: _o, ...rest } = s;
      const pick = branches.find((b) => !(isSchema(b) && b.type === "null")) ?? branches[0];
      s = merge(rest, isSchema(pick) ? pick : {});
      continue;
    }
    return { s, refs };
  }
  throw new InvalidArgumentError("JSON Schema", "its `$ref`s point at each other in a loop.");
}

function resolveRef(ref: string, root: unknown): unknown {
  if (!ref.startsWith("#")) {
    throw new InvalidArgumentError(
      "JSON Schema",
      `cannot resolve $ref "${ref}": only refs inside the schema (like "#/$defs/Name") are supported.`,
    );
  }
  let node = root;
  const path = ref.slice(1);
  if (path === "" || path === "/") return root;
  for (const raw of path.slice(1).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !(key in node)) {
      throw new InvalidArgumentError("JSON Schema", `$ref "${ref}" points at nothing (no "${key}").`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const MIN_KEYS = new Set([
  "minimum",
  "exclusiveMinimum",
  "minLength",
  "minItems",
  "minProperties",
  "minContains",
]);
const MAX_KEYS = new Set([
  "maximum",
  "exclusiveMaximum",
  "maxLength",
  "maxItems",
  "maxProperties",
  "maxContains",
]);

/** Combines two schemas that must both hold (allOf, or a $ref with sibling keywords). */
function merge(a: Merged, b: Merged): Merged {
  const out: Merged = { ...a };
  const patterns = [...(a[PATTERNS] ?? []), ...(b[PATTERNS] ?? [])];
  for (const [key, value] of Object.entries(b)) {
    const prev = out[key];
    if (prev === undefined) {
      out[key] = value;
    } else if (key === "properties" && isSchema(prev) && isSchema(value)) {
      const props: Schema = { ...prev };
      for (const [name, sub] of Object.entries(value))
        props[name] = name in props ? { allOf: [props[name], sub] } : sub;
      out.properties = props;
    } else if (key === "required" && Array.isArray(prev) && Array.isArray(value)) {
      out.required = [...new Set([...prev, ...value])];
    } else if (typeof prev === "number" && typeof value === "number" && MIN_KEYS.has(key)) {
      out[key] = Math.max(prev, value);
    } else if (typeof prev === "number" && typeof value === "number" && MAX_KEYS.has(key)) {
      out[key] = Math.min(prev, value);
    } else if (key === "pattern" && typeof value === "string" && value !== prev) {
      patterns.push(value);
    } else if (key === "type") {
      out.type = intersectTypes(prev, value);
    } else if ((key === "items" || key === "additionalProperties") && isSchema(prev) && isSchema(value)) {
      out[key] = { allOf: [prev, value] };
    } else if (key === "allOf" && Array.isArray(prev) && Array.isArray(value)) {
      out.allOf = [...prev, ...value];
    }
  }
  if (patterns.length > 0) out[PATTERNS] = patterns;
  return out;
}

function intersectTypes(a: unknown, b: unknown): unknown {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  const both = as.filter(
    (t) =>
      bs.includes(t) ||
      (t === "integer" && bs.includes("number")) ||
      (t === "number" && bs.includes("integer")),
  );
  const narrowed = both.map((t) => (t === "number" && bs.includes("integer") ? "integer" : t));
  if (narrowed.length === 0) return b;
  return narrowed.length === 1 ? narrowed[0] : narrowed;
}

function typeOf(s: Schema): string | undefined {
  const t = s.type;
  if (typeof t === "string") return t;
  if (Array.isArray(t))
    return (t.find((x) => x !== "null") as string | undefined) ?? (t.length > 0 ? "null" : undefined);
  if ("properties" in s || "required" in s || "additionalProperties" in s || "patternProperties" in s)
    return "object";
  if ("minProperties" in s || "propertyNames" in s) return "object";
  if ("items" in s || "prefixItems" in s || "minItems" in s || "maxItems" in s || "contains" in s)
    return "array";
  if ("minLength" in s || "maxLength" in s || "pattern" in s || "format" in s || PATTERNS in s)
    return "string";
  if (
    "minimum" in s ||
    "maximum" in s ||
    "exclusiveMinimum" in s ||
    "exclusiveMaximum" in s ||
    "multipleOf" in s
  ) {
    return "number";
  }
  return undefined;
}

function exampleObject(
  s: Schema,
  ctx: Ctx,
  variant: number,
  refs: number,
  depth: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = isSchema(s.properties) ? s.properties : {};
  const required = new Set(Array.isArray(s.required) ? s.required.filter((k) => typeof k === "string") : []);
  const full = refs < FULL_REF_DEPTH;
  for (const [key, sub] of Object.entries(props)) {
    if (sub === false || (!required.has(key) && !full)) continue;
    out[key] = generate(sub, ctx, variant, refs, depth + 1);
  }
  const extra = isSchema(s.additionalProperties) ? s.additionalProperties : {};
  for (const key of required) {
    if (!(key in out))
      out[key] = generate(patternPropertyFor(s, key) ?? extra, ctx, variant, refs, depth + 1);
  }
  const minProps = num(s.minProperties) ?? 0;
  for (let i = 1; Object.keys(out).length < minProps && s.additionalProperties !== false && i < 10_000; i++) {
    const key = `key${i}`;
    if (!(key in out)) out[key] = generate(extra, ctx, variant, refs, depth + 1);
  }
  return out;
}

function patternPropertyFor(s: Schema, key: string): unknown {
  if (!isSchema(s.patternProperties)) return undefined;
  for (const [pattern, sub] of Object.entries(s.patternProperties)) {
    if (compilePattern(pattern)?.test(key)) return sub;
  }
  return undefined;
}

function exampleArray(s: Schema, ctx: Ctx, variant: number, refs: number, depth: number): unknown[] {
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : [];
  const rest = Array.isArray(s.items) ? s.additionalItems : s.items;
  const min = num(s.minItems) ?? 0;
  const max = num(s.maxItems) ?? Number.POSITIVE_INFINITY;
  const restAllowed = rest !== false;
  const wanted = Math.max(min, prefix.length, restAllowed && refs < FULL_REF_DEPTH ? 1 : 0);
  const count = Math.min(wanted, max, restAllowed ? Number.POSITIVE_INFINITY : prefix.length);
  const unique = s.uniqueItems === true;
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const sub = i < prefix.length ? prefix[i] : rest;
    let value = generate(sub, ctx, variant + i, refs, depth + 1);
    if (unique) {
      for (let attempt = 1; seen.has(JSON.stringify(value)) && attempt < 16; attempt++) {
        value = generate(sub, ctx, variant + i + attempt * count, refs, depth + 1);
      }
      seen.add(JSON.stringify(value));
    }
    out.push(value);
  }
  if (s.contains !== undefined && out.length > 0) {
    out[0] = generate({ allOf: [rest ?? {}, s.contains] }, ctx, variant, refs, depth + 1);
  } else if (s.contains !== undefined && max >= 1) {
    out.push(generate(s.contains, ctx, variant, refs, depth + 1));
  }
  return out;
}

// ---------- strings ----------

function formatExample(format: unknown, v: number): string | undefined {
  const d = String((v % 28) + 1).padStart(2, "0");
  switch (format) {
    case "date-time":
      return `2024-01-${d}T12:00:00Z`;
    case "date":
      return `2024-01-${d}`;
    case "time":
      return "12:00:00Z";
    case "duration":
      return `P${v + 1}D`;
    case "email":
    case "idn-email":
      return v === 0 ? "user@example.com" : `user${v}@example.com`;
    case "uri":
    case "url":
    case "iri":
    case "uri-reference":
    case "iri-reference":
      return v === 0 ? "https://example.com/" : `https://example.com/${v}`;
    case "uri-template":
      return "https://example.com/{id}";
    case "hostname":
    case "idn-hostname":
      return v === 0 ? "example.com" : `host${v}.example.com`;
    case "ipv4":
      return `192.0.2.${(v % 254) + 1}`;
    case "ipv6":
      return `2001:db8::${((v % 65534) + 1).toString(16)}`;
    case "uuid":
    case "guid":
      return `123e4567-e89b-42d3-a456-${(426614174000 + v).toString().padStart(12, "0").slice(-12)}`;
    case "regex":
      return "^.*$";
    case "json-pointer":
      return "/example";
    case "relative-json-pointer":
      return "0";
    case "cuid":
      return "cjld2cjxh0000qzrmn831i7rn";
    case "cuid2":
      return "tz4a98xxat96iws9zmbrgj3a";
    case "ulid":
      return "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    case "nanoid":
      return "V1StGXR8_Z5jdHi6B-myT";
    case "base64":
      return "ZXhhbXBsZQ==";
    case "base64url":
      return "ZXhhbXBsZQ";
    case "emoji":
      return "😀";
    case "e164":
      return "+14155552671";
    case "jwt":
      return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl";
    case "hex":
      return "c0ffee";
    case "cidrv4":
      return "192.0.2.0/24";
    case "cidrv6":
      return "2001:db8::/32";
    case "mac":
      return "00:1a:2b:3c:4d:5e";
    default:
      return undefined;
  }
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function exampleString(s: Merged, v: number): string {
  const min = num(s.minLength) ?? 0;
  const max = num(s.maxLength) ?? Number.POSITIVE_INFINITY;
  const patterns = [...(typeof s.pattern === "string" ? [s.pattern] : []), ...(s[PATTERNS] ?? [])];
  const regexes = patterns.map(compilePattern).filter((r): r is RegExp => r !== undefined);
  const valid = (x: string) => {
    const n = codePoints(x);
    return n >= min && n <= max && regexes.every((r) => r.test(x));
  };
  let word = v < WORDS.length ? WORDS[v]! : `${WORDS[v % WORDS.length]} ${Math.floor(v / WORDS.length)}`;
  if (word.length < min)
    word = `${word} `
      .repeat(Math.ceil(min / (word.length + 1)))
      .slice(0, min)
      .replace(/ $/, ".");
  const candidates: string[] = [];
  const fmt = formatExample(s.format, v);
  if (fmt !== undefined) candidates.push(fmt);
  if (patterns.length > 0) {
    for (const variant of [v, 0, 1, 2, 3]) {
      const base = combinedPatternExample(patterns, 0, variant);
      if (base === undefined) continue;
      candidates.push(base);
      const short = min - codePoints(base);
      if (short > 0) candidates.push(combinedPatternExample(patterns, short, variant) ?? base);
    }
  }
  candidates.push(word);
  for (const c of candidates) if (valid(c)) return c;
  for (const c of candidates) {
    for (const fitted of fitLength(c, min, max)) if (valid(fitted)) return fitted;
  }
  return fitLength(candidates[0]!, min, max)[0]!;
}

/**
 * One string for several patterns that must all match (zod's startsWith/includes/endsWith):
 * the examples of `^`-anchored patterns first, then the unanchored ones, then the `$`-anchored ones.
 */
function combinedPatternExample(patterns: string[], extra: number, variant: number): string | undefined {
  if (patterns.length === 1) return exampleFromPattern(patterns[0]!, extra, variant);
  const starts = patterns.filter((p) => p.startsWith("^"));
  const ends = patterns.filter((p) => !p.startsWith("^") && p.endsWith("$") && !p.endsWith("\\$"));
  const middle = patterns.filter((p) => !starts.includes(p) && !ends.includes(p));
  let out = "";
  let budget = extra;
  for (const p of [...starts, ...middle, ...ends]) {
    const part = exampleFromPattern(p, budget, variant);
    if (part === undefined) return undefined;
    budget = 0;
    out += part;
  }
  return out;
}

/** Ways to bring `text` within [min, max] code points: padding inserted at each position (end first), or cutting. */
function fitLength(text: string, min: number, max: number): string[] {
  const chars = [...text];
  if (chars.length > max) return [chars.slice(0, max).join(""), chars.slice(chars.length - max).join("")];
  if (chars.length >= min) return [text];
  const need = min - chars.length;
  if (chars.length === 0)
    return [
      "example "
        .repeat(Math.ceil(need / 8))
        .slice(0, need)
        .replace(/ $/, "x"),
    ];
  const outs: string[] = [];
  for (const pad of ["x", "a", "0", "X", " ", "-"]) {
    const p = pad.repeat(need);
    for (let at = chars.length; at >= Math.max(0, chars.length - 64); at--) {
      outs.push(chars.slice(0, at).join("") + p + chars.slice(at).join(""));
    }
  }
  return outs;
}

// ---------- numbers ----------

function exampleNumber(s: Schema, integer: boolean, v: number): number {
  let lo = Number.NEGATIVE_INFINITY;
  let hi = Number.POSITIVE_INFINITY;
  let loEx = false;
  let hiEx = false;
  const minimum = num(s.minimum);
  const maximum = num(s.maximum);
  const exMin = num(s.exclusiveMinimum);
  const exMax = num(s.exclusiveMaximum);
  if (minimum !== undefined) lo = minimum;
  if (maximum !== undefined) hi = maximum;
  if (exMin !== undefined && exMin >= lo) [lo, loEx] = [exMin, true];
  if (exMax !== undefined && exMax <= hi) [hi, hiEx] = [exMax, true];
  // draft-04: boolean exclusiveMinimum/exclusiveMaximum modify minimum/maximum
  if (s.exclusiveMinimum === true && minimum !== undefined) loEx = true;
  if (s.exclusiveMaximum === true && maximum !== undefined) hiEx = true;

  const inside = (x: number) => (loEx ? x > lo : x >= lo) && (hiEx ? x < hi : x <= hi);
  let target = integer ? 1 + v : 1.5 + v;
  if (!inside(target)) {
    // start from the bound that was crossed, stepping inwards; a narrow range takes its middle
    const near = target <= lo ? lo + v + (loEx ? 1 : 0) : hi - v - (hiEx ? 1 : 0);
    target = inside(near) || !(Number.isFinite(lo) && Number.isFinite(hi)) ? near : lo + (hi - lo) / 2;
  }

  const m = num(s.multipleOf);
  let step = m !== undefined && m > 0 ? m : integer ? 1 : undefined;
  if (integer && step !== undefined && !Number.isInteger(step)) {
    const base = step;
    step = 1;
    for (let k = 1; k <= 1000; k++) {
      if (Number.isInteger(round(base * k))) {
        step = round(base * k);
        break;
      }
    }
  }
  if (step !== undefined) {
    let kMin = Number.isFinite(lo) ? Math.ceil(round(lo / step)) : Number.NEGATIVE_INFINITY;
    if (loEx && round(kMin * step) <= lo) kMin++;
    let kMax = Number.isFinite(hi) ? Math.floor(round(hi / step)) : Number.POSITIVE_INFINITY;
    if (hiEx && round(kMax * step) >= hi) kMax--;
    const k = Math.min(Math.max(Math.round(target / step), kMin), kMax);
    return round(k * step);
  }
  return target;
}

/** Rounds away binary noise (0.1 * 3 = 0.30000000000000004) so `multipleOf` checks pass. */
function round(x: number): number {
  return Number.isInteger(x) || !Number.isFinite(x) ? x : Number(x.toPrecision(15));
}
