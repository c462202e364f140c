import { readFileSync } from "node:fs";
import { modelMessageSchema } from "ai";
import { InvalidArgumentError } from "commander";
import type { ChatMessage } from "../../core/types.js";
import type { colors } from "../output.js";
import { UsageError } from "../usage-error.js";

const ROLES = ["system", "user", "assistant", "tool"];

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
  parsed.forEach((m, i) => {
    const role = (m as { role?: unknown } | null)?.role;
    const problem = !ROLES.includes(role as string)
      ? `its role is ${JSON.stringify(role)}; expected one of ${ROLES.join(", ")}.`
      : !modelMessageSchema.safeParse(m).success
        ? `it is not a valid ${role} message.`
        : undefined;
    if (problem) {
      throw new UsageError(
        `--history ${path}: message ${i + 1}: ${problem}`,
        'Each message looks like { "role": "user", "content": "Hello" }.',
      );
    }
  });
  return parsed as ChatMessage[];
}

/** A commander parser for a finite number (integer and >= 1 when `positiveInt`); bad input exits 2. */
export function numberOption(positiveInt = false): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError("Expected a number.");
    if (positiveInt && (!Number.isInteger(n) || n < 1))
      throw new InvalidArgumentError("Expected a whole number of 1 or more.");
    return n;
  };
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
