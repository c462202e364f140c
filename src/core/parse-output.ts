import type { SchemaIssue } from "./errors/schema-issue.js";

/**
 * Reads a JSON value from a model reply: the whole text, or the inside of a ``` fence, or the
 * outermost {…} / […] span (models like to add a sentence around the JSON).
 */
export function extractJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; issues: SchemaIssue[] } {
  const direct = tryParse(text);
  if (direct.ok) return direct;
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)```/.exec(text);
  if (fence) {
    const inner = tryParse(fence[1]!);
    if (inner.ok) return inner;
  }
  for (const [open, close] of [
    ["{", "}"],
    ["[", "]"],
  ] as const) {
    const start = text.indexOf(open);
    const end = text.lastIndexOf(close);
    if (start !== -1 && end > start) {
      const span = tryParse(text.slice(start, end + 1));
      if (span.ok) return span;
    }
  }
  const preview = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return {
    ok: false,
    issues: [{ path: "", message: `the reply is not JSON (${direct.error}): ${JSON.stringify(preview)}` }],
  };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
