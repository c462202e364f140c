import { hash } from "node:crypto";
import { canonicalJson } from "./cache-key.js";

export { canonicalJson };

/** Hex SHA-256 of a string. */
export function sha256(text: string): string {
  return hash("sha256", text, "hex");
}

/** A stable content hash of any JSON-like value (key order does not matter). */
export function contentHash(value: unknown): string {
  return sha256(canonicalJson(value));
}
