import { readFileSync } from "node:fs";
import { expect } from "vitest";
import * as core from "../errors/index.js";

type ErrorClass = (abstract new (...args: never[]) => Error) & { code: string; name: string };

/** The error classes a module exports (those with a static `code`). */
export function errorClasses(module: Record<string, unknown>): ErrorClass[] {
  return Object.values(module).filter(
    (v): v is ErrorClass => typeof v === "function" && typeof (v as { code?: unknown }).code === "string",
  );
}

/**
 * A plug-in's errors: `count` classes with stable FP_ codes, none shared with each other or the
 * core's, and each code documented in `doc` (a docs/ page).
 */
export function expectDocumentedCodes(module: Record<string, unknown>, count: number, doc: URL): void {
  const classes = errorClasses(module);
  const codes = classes.map((c) => c.code);
  expect(codes).toHaveLength(count);
  const coreCodes = errorClasses(core as Record<string, unknown>).map((c) => c.code);
  expect(new Set([...codes, ...coreCodes]).size).toBe(codes.length + coreCodes.length);
  for (const code of codes) expect(code).toMatch(/^FP_[A-Z_]+$/);
  const text = readFileSync(doc, "utf8");
  for (const c of classes) expect(text, `${c.name} (${c.code})`).toContain(`\`${c.code}\``);
}
