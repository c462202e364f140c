import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";

/** Checks a ttlMs option: a positive number of ms (`Infinity` = never expires), or undefined. */
export function checkTtl(ttlMs: number | undefined, argument: string): number | undefined {
  if (ttlMs === undefined) return undefined;
  if (typeof ttlMs !== "number" || Number.isNaN(ttlMs) || ttlMs <= 0) {
    throw new InvalidArgumentError(
      argument,
      `expected a positive number of milliseconds, got ${String(ttlMs)}.`,
      "Omit it to keep entries until they are evicted or cleared, or pass e.g. 3_600_000 for one hour.",
    );
  }
  return ttlMs;
}
