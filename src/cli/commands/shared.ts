import { readFileSync } from "node:fs";
import type { ChatMessage } from "../../core/types.js";
import type { colors } from "../output.js";
import { UsageError } from "../usage-error.js";

export function readHistory(path: string | undefined): ChatMessage[] | undefined {
  if (!path) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`--history ${path}: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed))
    throw new UsageError(`--history ${path}: expected a JSON array of { role, content }.`);
  return parsed as ChatMessage[];
}

export function formatMessages(messages: readonly ChatMessage[], c: ReturnType<typeof colors>): string {
  return messages
    .map((m) => {
      const body =
        typeof m.content === "string"
          ? m.content
          : m.content
              .map((p) =>
                p.type === "text"
                  ? p.text
                  : `[${p.type}${"mediaType" in p && p.mediaType ? ` ${p.mediaType}` : ""}]`,
              )
              .join("");
      return `${c.bold(c.cyan(`── ${m.role} `))}\n${body}`;
    })
    .join("\n\n");
}

export function formatCost(usd: number | null): string {
  if (usd === null) return "cost unknown";
  if (usd === 0) return "$0";
  return usd < 0.01 ? `$${usd.toFixed(6)}` : `$${usd.toFixed(4)}`;
}
