import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";
import type { SchemaIssue } from "./errors/schema-issue.js";

export type { StandardJSONSchemaV1, StandardSchemaV1 };

export type JSONSchema = Record<string, unknown>;

export type InferOutput<S> = S extends StandardSchemaV1<unknown, infer O> ? O : never;
export type InferInput<S> = S extends StandardSchemaV1<infer I, unknown> ? I : never;

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; issues: SchemaIssue[] };

function toIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>): SchemaIssue[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((p) => String(typeof p === "object" && p !== null ? p.key : p)).join("."),
    message: issue.message,
  }));
}

/** Validates with any Standard Schema (Zod, Valibot, ArkType, …). Answers synchronously when the schema does. */
export function validate<T>(
  schema: StandardSchemaV1<unknown, T>,
  value: unknown,
): ValidationOutcome<T> | Promise<ValidationOutcome<T>> {
  const result = schema["~standard"].validate(value);
  if (result instanceof Promise) {
    return result.then((r) =>
      r.issues ? { ok: false, issues: toIssues(r.issues) } : { ok: true, value: r.value },
    );
  }
  return result.issues ? { ok: false, issues: toIssues(result.issues) } : { ok: true, value: result.value };
}

/**
 * The JSON Schema of a schema's output, for the provider's structured-output mode and for hashing.
 * Works for any schema implementing Standard JSON Schema (Zod 4.2+, …) and for schemas made from
 * JSON Schema by FlowPrompt's loader (which carry it).
 */
export function toJsonSchema(
  schema: StandardSchemaV1,
  io: "input" | "output" = "output",
): JSONSchema | undefined {
  const std = (schema as unknown as Partial<StandardJSONSchemaV1>)["~standard"];
  const conv = std?.jsonSchema;
  if (!conv) return undefined;
  const out = conv[io]({ target: "draft-2020-12" }) as JSONSchema;
  const { $schema: _ignored, ...rest } = out;
  return rest;
}

export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { "~standard"?: { validate?: unknown } })["~standard"]?.validate === "function"
  );
}
