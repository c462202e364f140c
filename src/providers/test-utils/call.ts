import type { LanguageModelV4, LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { vi } from "vitest";

/** One user turn, as the core sends it. */
export const CALL: LanguageModelV4CallOptions = {
  prompt: [{ role: "user", content: [{ type: "text", text: "Say hi" }] }],
};

/** The text of a doGenerate result. */
export async function generateText(model: LanguageModelV4, options = CALL): Promise<string> {
  const result = await model.doGenerate(options);
  return result.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: PromiseLike<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

/** Every environment variable the built-in providers read, cleared for the test (restore with vi.unstubAllEnvs). */
export function clearProviderEnv(): void {
  for (const name of [
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_BASE_URL",
    "GOOGLE_GENERATIVE_AI_API_KEY",
    "GOOGLE_GENERATIVE_AI_BASE_URL",
    "MISTRAL_API_KEY",
    "MISTRAL_BASE_URL",
    "AZURE_API_KEY",
    "AZURE_RESOURCE_NAME",
    "AZURE_BASE_URL",
    "OLLAMA_BASE_URL",
    "OPENAI_COMPATIBLE_BASE_URL",
    "OPENAI_COMPATIBLE_API_KEY",
  ]) {
    vi.stubEnv(name, undefined);
  }
}
