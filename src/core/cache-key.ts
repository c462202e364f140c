import { hash } from "node:crypto";
import { InvalidArgumentError } from "./errors/invalid-argument-error.js";

/** Bumped whenever the key's content or encoding changes, so old entries are simply missed. */
const KEY_FORMAT = "fp-cache-key-v1";

/** Thrown inside `write()` on a cycle; each level adds its segment so the error can name the path. */
class CycleSignal {
  readonly path: string[] = [];
}

/**
 * Deterministic JSON: object keys sorted recursively, so two values that differ only in key order
 * give the same text. Otherwise it follows `JSON.stringify`: `undefined`, functions and symbols are
 * dropped from objects and become `null` in arrays (and at the top level), non-finite numbers become
 * `null`, `toJSON()` is honoured (Dates give ISO strings). Beyond JSON: bigint becomes its decimal
 * string, typed arrays and ArrayBuffers a base64 string, a Map a sorted array of `[key, value]`
 * pairs and a Set a sorted array of its values (their insertion order does not matter).
 *
 * @throws InvalidArgumentError when the value contains a cycle.
 */
export function canonicalJson(value: unknown): string {
  if (isFlatSortedRecord(value)) return JSON.stringify(value);
  try {
    return write(value, []) ?? "null";
  } catch (error) {
    if (!(error instanceof CycleSignal)) throw error;
    const path = error.path.length === 0 ? "the value itself" : `$${error.path.join("")}`;
    throw new InvalidArgumentError(
      "value",
      `it contains a circular reference (at ${path}), which cannot be turned into a cache key.`,
      "Pass plain data (objects, arrays, strings, numbers) without back-references.",
    );
  }
}

/**
 * The common case, a plain object of strings, numbers, booleans and nulls whose keys are already
 * sorted: the engine's JSON.stringify writes exactly the canonical text, faster.
 */
function isFlatSortedRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype)
    return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return false;
    if (previous !== undefined && previous > key) return false;
    previous = key;
    const v = (value as Record<string, unknown>)[key];
    const t = typeof v;
    if (t === "number") {
      if (!Number.isFinite(v)) return false;
    } else if (t !== "string" && t !== "boolean" && v !== null) return false;
  }
  return true;
}

function write(value: unknown, ancestors: object[]): string | undefined {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return `"${value.toString()}"`;
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  const obj = value as object;
  if (ancestors.includes(obj)) throw new CycleSignal();
  ancestors.push(obj);
  const out = writeObject(obj, ancestors);
  ancestors.pop();
  return out;
}

function writeObject(obj: object, ancestors: object[]): string | undefined {
  const proto = Object.getPrototypeOf(obj);
  if (proto === Object.prototype || proto === null) {
    return writeRecord(obj as Record<string, unknown>, ancestors);
  }
  if (Array.isArray(obj)) return writeArray(obj, ancestors);
  if (ArrayBuffer.isView(obj)) {
    return `"${Buffer.from(obj.buffer, obj.byteOffset, obj.byteLength).toString("base64")}"`;
  }
  if (obj instanceof ArrayBuffer) return `"${Buffer.from(obj).toString("base64")}"`;
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? "null" : `"${obj.toISOString()}"`;
  if (obj instanceof Map) return writeMap(obj, ancestors);
  if (obj instanceof Set) return writeSet(obj, ancestors);
  if (obj instanceof String || obj instanceof Number || obj instanceof Boolean) {
    return write(obj.valueOf(), ancestors);
  }
  const toJSON = (obj as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return write(toJSON.call(obj, ""), ancestors);
  return writeRecord(obj as Record<string, unknown>, ancestors);
}

function writeRecord(obj: Record<string, unknown>, ancestors: object[]): string {
  const keys = Object.keys(obj);
  if (!isSorted(keys)) keys.sort();
  let out = "{";
  for (const key of keys) {
    let item: string | undefined;
    try {
      item = write(obj[key], ancestors);
    } catch (error) {
      throw onPath(error, key);
    }
    if (item === undefined) continue;
    out += (out.length === 1 ? "" : ",") + quote(key) + ":" + item;
  }
  return out + "}";
}

function writeArray(arr: readonly unknown[], ancestors: object[]): string {
  let out = "[";
  for (let i = 0; i < arr.length; i++) {
    if (i > 0) out += ",";
    try {
      out += write(arr[i], ancestors) ?? "null";
    } catch (error) {
      throw onPath(error, i);
    }
  }
  return out + "]";
}

function writeMap(map: Map<unknown, unknown>, ancestors: object[]): string {
  const pairs: string[] = [];
  for (const [k, v] of map) {
    try {
      pairs.push(`[${write(k, ancestors) ?? "null"},${write(v, ancestors) ?? "null"}]`);
    } catch (error) {
      throw onPath(error, typeof k === "string" || typeof k === "number" ? k : String(k));
    }
  }
  return `[${pairs.sort().join(",")}]`;
}

function writeSet(set: Set<unknown>, ancestors: object[]): string {
  const items: string[] = [];
  for (const v of set) {
    try {
      items.push(write(v, ancestors) ?? "null");
    } catch (error) {
      throw onPath(error, "<set item>");
    }
  }
  return `[${items.sort().join(",")}]`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters JSON escapes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `JSON.stringify(text)`, skipping its slower path for the common text that needs no escaping. */
/**
 * The key's fixed part for one prompt (name, hash, model, params), reused while the model and the
 * params object stay the same, with the digests of recently seen variables: a repeated request
 * (a cache hit) then costs a canonical JSON and one small Map lookup instead of a SHA-256.
 */
interface Head {
  namespace: string;
  modelId: string;
  params: object | undefined;
  text: string;
  /** Keys of recently seen variables, by their canonical JSON. */
  keys: Map<string, string>;
}

const heads = new WeakMap<object, Head>();
const KEYS_MAX = 1024;
const DIGEST_VARS_MAX = 512;

function headText(
  promptName: string,
  promptHash: string,
  modelId: string,
  params: object | undefined,
): string {
  return `${KEY_FORMAT}\n${quote(promptName)}\n${quote(promptHash)}\n${quote(modelId)}\n${params === undefined ? "{}" : canonicalJson(params)}`;
}

function headOf(input: CacheKeyInput, scope: object, namespace: string): Head {
  const memo = heads.get(scope);
  if (
    memo &&
    memo.modelId === input.modelId &&
    memo.params === input.params &&
    memo.namespace === namespace
  ) {
    return memo;
  }
  const head: Head = {
    namespace,
    modelId: input.modelId,
    params: input.params,
    text: headText(input.promptName, input.promptHash, input.modelId, input.params),
    keys: new Map(),
  };
  heads.set(scope, head);
  return head;
}

function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** Object keys usually come in a stable order already; checking is cheaper than sorting. */
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/** Adds a path segment to a cycle error on its way out; other errors pass unchanged. */
function onPath(error: unknown, segment: string | number): unknown {
  if (error instanceof CycleSignal) {
    error.path.unshift(
      typeof segment === "number"
        ? `[${segment}]`
        : /^[A-Za-z_$][\w$]*$/.test(segment)
          ? `.${segment}`
          : `[${JSON.stringify(segment)}]`,
    );
  }
  return error;
}

/** What identifies a cached run. Two runs with equal fields get the same key. */
export interface CacheKeyInput {
  promptName: string;
  /** The prompt's content hash (templates, schemas, default model and params). */
  promptHash: string;
  vars?: Record<string, unknown> | undefined;
  /** "provider:model-id" of the model that will answer. */
  modelId: string;
  params?: object | undefined;
  /** Chat history passed at run time; it changes the request, so it is part of the key. */
  history?: readonly unknown[] | undefined;
  /** Distinguishes repeated samples of one request; `3` and `"3"` are the same sample. */
  sampleId?: string | number | undefined;
  /** Prefix of the key (default "fp"); `clear(namespace)` drops only its entries. */
  namespace?: string | undefined;
  /**
   * An object that stands for this prompt (the run context's `prompt`): the key's fixed part
   * (name, hash, model, params) is computed once per scope while model and params object stay the
   * same. Params objects must not be mutated after use (FlowPrompt freezes the prompt's own).
   */
  scope?: object | undefined;
}

/**
 * The cache key of a run: `${namespace}:${sha256 hex}`. The hash covers the prompt's name and hash,
 * the model id, the params, the variables, the history and the sample id. Every part is written as
 * JSON (which never contains a raw newline) and joined by newlines, so no two different inputs
 * produce the same hashed text.
 */
export function cacheKey(input: CacheKeyInput): string {
  const namespace = input.namespace ?? "fp";
  if (namespace === "") {
    throw new InvalidArgumentError(
      "cache namespace",
      "it is empty.",
      'Omit it (default "fp") or give a name.',
    );
  }
  const { history, sampleId, scope } = input;
  const vars = input.vars === undefined ? "{}" : canonicalJson(input.vars);
  const plain = (history === undefined || history.length === 0) && sampleId === undefined;
  if (scope && plain && vars.length <= DIGEST_VARS_MAX) {
    // The usual request: memoized per prompt by the variables' JSON alone.
    const head = headOf(input, scope, namespace);
    let key = head.keys.get(vars);
    if (key === undefined) {
      key = `${namespace}:${hash("sha256", `${head.text}\n${vars}\n\n`, "hex")}`;
      if (head.keys.size >= KEYS_MAX) head.keys.clear();
      head.keys.set(vars, key);
    }
    return key;
  }
  const text =
    headText(input.promptName, input.promptHash, input.modelId, input.params) +
    "\n" +
    vars +
    "\n" +
    (history === undefined || history.length === 0 ? "" : canonicalJson(history)) +
    "\n" +
    (sampleId === undefined ? "" : quote(String(sampleId)));
  return `${namespace}:${hash("sha256", text, "hex")}`;
}
