import type {
  JSONValue,
  LanguageModelV4FilePart,
  LanguageModelV4Prompt,
  LanguageModelV4TextPart,
  LanguageModelV4ToolCallPart,
  LanguageModelV4ToolResultPart,
} from "@ai-sdk/provider";

/** A part of a wire message, in the mock model's terms. */
export type Part =
  | LanguageModelV4TextPart
  | LanguageModelV4FilePart
  | LanguageModelV4ToolCallPart
  | LanguageModelV4ToolResultPart;

/** Builds the mock model's prompt from wire messages of any provider. */
export class PromptBuilder {
  readonly prompt: LanguageModelV4Prompt = [];

  system(text: string): void {
    if (text !== "") this.prompt.push({ role: "system", content: text });
  }

  /** Adds a message; tool results go into a tool message, tool calls only stay in assistant messages. */
  add(role: "user" | "assistant", parts: readonly Part[]): void {
    const results = parts.filter((p): p is LanguageModelV4ToolResultPart => p.type === "tool-result");
    if (results.length > 0) this.prompt.push({ role: "tool", content: results });
    if (role === "assistant") {
      const rest = parts.filter((p) => p.type !== "tool-result");
      if (rest.length > 0) this.prompt.push({ role: "assistant", content: rest });
      return;
    }
    const rest = parts.filter(
      (p): p is LanguageModelV4TextPart | LanguageModelV4FilePart => p.type === "text" || p.type === "file",
    );
    if (rest.length > 0 || results.length === 0) this.prompt.push({ role: "user", content: rest });
  }
}

export function text(value: string): LanguageModelV4TextPart {
  return { type: "text", text: value };
}

export function toolCall(id: string, name: string, input: unknown): LanguageModelV4ToolCallPart {
  return { type: "tool-call", toolCallId: id, toolName: name, input };
}

export function toolResult(id: string, name: string, value: unknown): LanguageModelV4ToolResultPart {
  const output: LanguageModelV4ToolResultPart["output"] =
    typeof value === "string"
      ? { type: "text", value }
      : { type: "json", value: (value ?? null) as JSONValue };
  return { type: "tool-result", toolCallId: id, toolName: name, output };
}

/** Parses a JSON string the client sent (tool arguments), keeping the text when it is not JSON. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}
