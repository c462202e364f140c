import type { LanguageModelV4FilePart, LanguageModelV4Prompt } from "@ai-sdk/provider";
import { kindOf, partBytes } from "./media.js";
import { audioSeconds, type ImageSize, imageSize, pdfPages } from "./media-bytes.js";
import type { Flavor } from "./types.js";

/** Input tokens of a prompt's media, by modality (estimates from each provider's documentation). */
export interface MediaTokens {
  image: number;
  audio: number;
  video: number;
  document: number;
  total: number;
}

export const NO_MEDIA: MediaTokens = { image: 0, audio: 0, video: 0, document: 0, total: 0 };

/** Assumed when the bytes are not at hand (URLs, file ids) or their header is unreadable. */
const UNKNOWN_IMAGE: ImageSize = { width: 512, height: 512 };
const UNKNOWN_SECONDS = 10;
/** A letter-size page rendered at 72 dpi, for providers that read PDF pages as images. */
const PAGE: ImageSize = { width: 612, height: 792 };

export function mediaTokens(prompt: LanguageModelV4Prompt, flavor: Flavor, model: string): MediaTokens {
  const t = { image: 0, audio: 0, video: 0, document: 0, total: 0 };
  for (const m of prompt) {
    if (m.role !== "user") continue;
    for (const p of m.content) {
      if (p.type !== "file" || p.data.type === "text") continue;
      const kind = kindOf(p.mediaType);
      if (kind === "file" || (kind === "document" && p.mediaType !== "application/pdf")) continue;
      const n = Math.ceil(partTokens(p, kind, flavor, model));
      t[kind] += n;
      t.total += n;
    }
  }
  return t;
}

function partTokens(
  p: LanguageModelV4FilePart,
  kind: "image" | "audio" | "video" | "document",
  flavor: Flavor,
  model: string,
): number {
  const bytes = partBytes(p);
  const rule = RULES[flavor];
  if (kind === "image") return rule.image((bytes && imageSize(bytes)) ?? UNKNOWN_IMAGE, p, model);
  if (kind === "document") return (bytes ? pdfPages(bytes) : 1) * rule.page(model);
  const seconds = bytes ? audioSeconds(bytes) : UNKNOWN_SECONDS;
  return seconds * (kind === "audio" ? rule.audioPerSecond : rule.videoPerSecond);
}

interface Rule {
  image(size: ImageSize, p: LanguageModelV4FilePart, model: string): number;
  page(model: string): number;
  audioPerSecond: number;
  videoPerSecond: number;
}

/**
 * OpenAI, https://platform.openai.com/docs/guides/images-vision#calculating-costs: "low" detail costs
 * the base tokens; otherwise the image is scaled to fit 2048×2048, then its shortest side to 768 px,
 * and each 512-px tile costs the tile tokens on top of the base: 85 + 170 per tile for GPT-4o and
 * GPT-4.1, 2833 + 5667 per tile for gpt-4o-mini. Audio: about 10 tokens a second (user audio is
 * billed at 1 token per 100 ms, https://platform.openai.com/docs/guides/realtime-costs). PDFs are
 * read as text plus an image of each page: a page is counted as one page-sized image.
 */
const openaiRule: Rule = {
  image(size, p, model) {
    const [base, tile] = /gpt-4o-mini/.test(model) ? [2833, 5667] : [85, 170];
    const detail = (p.providerOptions?.openai as { imageDetail?: string } | undefined)?.imageDetail;
    if (detail === "low") return base;
    let { width: w, height: h } = size;
    const fit = Math.min(1, 2048 / Math.max(w, h));
    w *= fit;
    h *= fit;
    const shortest = Math.min(1, 768 / Math.min(w, h));
    return base + tile * Math.ceil((w * shortest) / 512) * Math.ceil((h * shortest) / 512);
  },
  page(model) {
    return this.image(
      PAGE,
      { type: "file", mediaType: "image/png", data: { type: "text", text: "" } },
      model,
    );
  },
  audioPerSecond: 10,
  videoPerSecond: 0,
};

/**
 * Anthropic, https://docs.claude.com/en/docs/build-with-claude/vision#evaluate-image-size: an image
 * whose long edge exceeds 1568 px is scaled down to it, then costs about width × height / 750
 * tokens. PDFs, https://docs.claude.com/en/docs/build-with-claude/pdf-support: "1,500 to 3,000
 * tokens per page"; the lower figure is used.
 */
const anthropicRule: Rule = {
  image({ width, height }) {
    const fit = Math.min(1, 1568 / Math.max(width, height));
    return (width * fit * height * fit) / 750;
  },
  page: () => 1500,
  audioPerSecond: 0,
  videoPerSecond: 0,
};

/**
 * Gemini, https://ai.google.dev/gemini-api/docs/tokens: an image with both sides ≤ 384 px is 258
 * tokens, a larger one is cut into 768×768 tiles of 258 tokens each; audio is 32 tokens a second,
 * video 263; https://ai.google.dev/gemini-api/docs/document-processing: 258 tokens per PDF page.
 */
const geminiRule: Rule = {
  image({ width, height }) {
    if (width <= 384 && height <= 384) return 258;
    return Math.ceil(width / 768) * Math.ceil(height / 768) * 258;
  },
  page: () => 258,
  audioPerSecond: 32,
  videoPerSecond: 263,
};

/**
 * Mistral (Pixtral), https://docs.mistral.ai/capabilities/vision/: images are scaled to fit
 * 1024×1024 and each 16×16-pixel patch is a token (about 4096 for a 1024×1024 image). PDF pages
 * are counted as page-sized images.
 */
const mistralRule: Rule = {
  image({ width, height }) {
    const fit = Math.min(1, 1024 / Math.max(width, height));
    return Math.ceil((width * fit) / 16) * Math.ceil((height * fit) / 16);
  },
  page() {
    return this.image(PAGE, undefined as never, "");
  },
  audioPerSecond: 0,
  videoPerSecond: 0,
};

const RULES: Record<Flavor, Rule> = {
  openai: openaiRule,
  azure: openaiRule,
  "openai-compatible": openaiRule,
  ollama: openaiRule,
  anthropic: anthropicRule,
  google: geminiRule,
  mistral: mistralRule,
};
