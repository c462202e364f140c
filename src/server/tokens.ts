import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { splitChunks as splitPieces } from "../models/hash-random.js";

/** Characters per output chunk in streams (about one token). */
export const CHUNK_CHARS = 4;

/** Splits text into chunks of about `size` characters, never inside a surrogate pair. */
export function splitChunks(text: string, size = CHUNK_CHARS): string[] {
  return splitPieces(text, size);
}

/** Input tokens of a prompt, counted as the mock model counts them (text, tool calls and results). */
export function promptTokens(prompt: LanguageModelV4Prompt): number {
  let chars = 0;
  for (const m of prompt) {
    if (typeof m.content === "string") {
      chars += m.content.length;
      continue;
    }
    for (const part of m.content) {
      if (part.type === "text") chars += part.text.length;
      else if (part.type === "file" && part.data.type === "text") chars += part.data.text.length;
      else if (part.type === "tool-call")
        chars +=
          typeof part.input === "string" ? part.input.length : (JSON.stringify(part.input)?.length ?? 0);
      else if (part.type === "tool-result") chars += JSON.stringify(part.output)?.length ?? 0;
    }
  }
  return Math.ceil(chars / 4);
}

/** The text in stream-sized pieces, each with its share of `outputTokens` (for pacing). */
export function pieces(text: string, outputTokens: number): { text: string; tokens: number }[] {
  const parts = splitChunks(text);
  return parts.map((t) => ({ text: t, tokens: outputTokens / parts.length }));
}
