import type { LanguageModelV4, LanguageModelV4Prompt } from "@ai-sdk/provider";
import type { ChatMessage } from "./types.js";

/**
 * Turns chat messages into the provider specification's prompt. Text-only messages take a
 * direct path; messages with images, files or tool parts go through the AI SDK's own
 * conversion (which also downloads media the model cannot fetch by URL).
 */
export function toModelPrompt(
  messages: readonly ChatMessage[],
  model: LanguageModelV4,
  signal: AbortSignal | undefined,
): LanguageModelV4Prompt | Promise<LanguageModelV4Prompt> {
  const out: LanguageModelV4Prompt = [];
  for (const m of messages) {
    if (typeof m.content !== "string") return convertWithSdk(messages, model, signal);
    if (m.role === "system") out.push({ role: "system", content: m.content });
    else if (m.role === "user" || m.role === "assistant") {
      out.push({ role: m.role, content: [{ type: "text", text: m.content }] });
    } else return convertWithSdk(messages, model, signal);
  }
  return out;
}

async function convertWithSdk(
  messages: readonly ChatMessage[],
  model: LanguageModelV4,
  signal: AbortSignal | undefined,
): Promise<LanguageModelV4Prompt> {
  // Loaded on first use: only prompts with media or tool parts need it.
  const { convertToLanguageModelPrompt } = await import("ai/internal");
  return convertToLanguageModelPrompt({
    prompt: { instructions: undefined, messages: [...messages] } as never,
    supportedUrls: await model.supportedUrls,
    download: undefined,
    abortSignal: signal,
    provider: model.provider,
  });
}
