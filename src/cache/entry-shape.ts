import type { CachedRun, FinishReason } from "../core/types.js";

const FINISH_REASONS: ReadonlySet<string> = new Set<FinishReason>([
  "stop",
  "length",
  "content-filter",
  "tool-calls",
  "error",
  "interrupted",
  "other",
]);

const USAGE_FIELDS = [
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "totalTokens",
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a value read back from outside the process (a file, Redis) has the shape of a CachedRun. */
export function isCachedRun(value: unknown): value is CachedRun {
  if (!isRecord(value)) return false;
  const { text, model, finishReason, usage, costUsd, createdAt } = value;
  return (
    typeof text === "string" &&
    typeof model === "string" &&
    typeof finishReason === "string" &&
    FINISH_REASONS.has(finishReason) &&
    isRecord(usage) &&
    USAGE_FIELDS.every((field) => typeof usage[field] === "number") &&
    (costUsd === null || typeof costUsd === "number") &&
    typeof createdAt === "number"
  );
}
