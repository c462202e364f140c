import { createHash } from "node:crypto";
import { InvalidArgumentError } from "./errors/invalid-argument-error.js";

/**
 * Deterministic JSON: object keys sorted at every level, so `{a, b}` and `{b, a}` give the same
 * text. `undefined` properties are dropped (as JSON.stringify does); Dates become ISO strings,
 * bytes base64, bigints decimal strings, Maps sorted entry lists and Sets sorted arrays.
 * Cycles are refused.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return `"${value.toString()}n"`;
    case "undefined":
    case "function":
    case "symbol":
      return "null";
  }
  if (value === null) return "null";
  const obj = value as object;
  if (obj instanceof Date) return JSON.stringify(Number.isNaN(obj.getTime()) ? null : obj.toISOString());
  if (obj instanceof Uint8Array) return `{"$bytes":${JSON.stringify(Buffer.from(obj).toString("base64"))}}`;
  if (obj instanceof URL) return JSON.stringify(obj.href);
  if (seen.has(obj)) {
    throw new InvalidArgumentError("value", "it contains a cycle, so it cannot be hashed or cached.");
  }
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((v) => write(v, seen)).join(",")}]`;
  } else if (obj instanceof Map) {
    const entries = [...obj.entries()].map(([k, v]) => `[${write(k, seen)},${write(v, seen)}]`).sort();
    out = `{"$map":[${entries.join(",")}]}`;
  } else if (obj instanceof Set) {
    out = `{"$set":[${[...obj]
      .map((v) => write(v, seen))
      .sort()
      .join(",")}]}`;
  } else {
    const keys = Object.keys(obj).sort();
    let body = "";
    for (const k of keys) {
      const v = (obj as Record<string, unknown>)[k];
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      body += `${body ? "," : ""}${JSON.stringify(k)}:${write(v, seen)}`;
    }
    out = `{${body}}`;
  }
  seen.delete(obj);
  return out;
}

/** Hex SHA-256 of a string. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A stable content hash of any JSON-like value (key order does not matter). */
export function contentHash(value: unknown): string {
  return sha256(canonicalJson(value));
}
