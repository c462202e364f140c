import type { MediaKind } from "./media.js";

/**
 * What each provider's chat models accept as input parts, by media kind (text documents are sent
 * as text, so every provider takes them). From the providers' documentation and the AI SDK's
 * provider pages (read 2026-11): OpenAI chat takes images, PDF files and wav/mp3 audio (audio on its
 * audio-capable models); Anthropic images and PDF documents; Google Gemini images, PDFs, audio and
 * video; Mistral images and PDF documents; Ollama images. FlowPrompt's own `mock` and `sim` take all.
 * A model outside its provider's usual set (a text-only model of a multimodal provider) is the
 * user's to know: pass `capabilities` to the middleware to override.
 */
export const PROVIDER_CAPABILITIES: Readonly<Record<string, readonly MediaKind[]>> = {
  openai: ["text", "image", "pdf", "audio"],
  azure: ["text", "image", "pdf", "audio"],
  anthropic: ["text", "image", "pdf"],
  google: ["text", "image", "pdf", "audio", "video"],
  mistral: ["text", "image", "pdf"],
  ollama: ["text", "image"],
  "openai-compatible": ["text", "image"],
  mock: ["text", "image", "pdf", "audio", "video"],
  sim: ["text", "image", "pdf", "audio", "video"],
};

/** The provider of a "provider:model-id" string. */
export function providerOf(modelId: string): string {
  const colon = modelId.indexOf(":");
  return colon === -1 ? modelId : modelId.slice(0, colon);
}

/** What the model accepts: the overrides, else its provider's set, else text and images (a safe guess). */
export function acceptedKinds(
  modelId: string,
  overrides: Readonly<Record<string, readonly MediaKind[]>> = {},
): readonly MediaKind[] {
  return (
    overrides[modelId] ??
    overrides[providerOf(modelId)] ??
    PROVIDER_CAPABILITIES[providerOf(modelId)] ?? ["text", "image"]
  );
}

/** Providers that accept a kind (for "use one of these instead" hints). */
export function providersAccepting(kind: MediaKind): string[] {
  return Object.entries(PROVIDER_CAPABILITIES)
    .filter(([name, kinds]) => kinds.includes(kind) && name !== "mock" && name !== "sim")
    .map(([name]) => name);
}
