import type { MediaKind } from "./media.js";

// Size limits for loading and preparing media, per kind and per provider. Every provider number
// cites where it was read; all were read on 2026-11-27 through the project's stored copies of the
// providers' documentation. Providers write "MB"; we read it as 10^6 bytes (the smaller reading,
// so that a limit is never overshot) unless the source says otherwise.

/** One megabyte as the providers write it. */
export const MB = 1_000_000;

/** Providers whose image limits `prepareImage` knows. */
export type ImageProvider = "openai" | "anthropic" | "google" | "mistral";
export const IMAGE_PROVIDERS: readonly ImageProvider[] = ["openai", "anthropic", "google", "mistral"];

/** A target for resizing: the image is scaled down (never up) until every given bound holds. */
export interface ImageBounds {
  /** Longest edge, px. */
  maxEdge?: number | undefined;
  /** Shortest edge, px. */
  maxShortEdge?: number | undefined;
  /** Width × height, px. */
  maxPixels?: number | undefined;
}

export interface ProviderImageLimits {
  /** What the provider resizes to anyway (sending more costs bytes and latency, buys nothing). */
  high: ImageBounds;
  /** Target for `detail: "low"`. */
  low: ImageBounds;
  /** Largest image, in raw bytes (before base64), that one request part may carry. */
  maxBytes: number;
  /** Image types the API accepts; anything else is converted. */
  types: readonly string[];
}

const COMMON_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;

/**
 * Per-provider image limits.
 *
 * - OpenAI — "Images and vision" guide, "Image input requirements" (platform.openai.com/docs/guides/images,
 *   read via the openai-hd4n6.mintlify.app mirror): PNG, JPEG, WEBP, non-animated GIF; up to 20MB per
 *   image, up to 500 images and 50 MB of image bytes per request; low detail is a 512px × 512px image;
 *   high detail "768px (short side) x 2000px (long side)". The cost section scales to fit 2048 × 2048,
 *   then the shortest side to 768px (same page; also image-token-meter's and pictoken's implementations).
 * - Anthropic — docs.claude.com/en/docs/build-with-claude/vision: images over 8000×8000 px are rejected;
 *   a long edge over 1568 px is scaled down; "resize images to no more than 1.15 megapixels (and within
 *   1568 pixels in both dimensions)"; JPEG, PNG, GIF, WebP; 32 MB per request. The 5 MB per-image cap
 *   is checked on the base64 text (5,242,880 characters — stated by aipoch/open-science PR #225; not
 *   found in the stored Anthropic page), so raw bytes must stay under 5 MiB × 3/4.
 * - Google (Gemini API) — ai.google.dev/gemini-api/docs/image-understanding: inline data for a total
 *   request under 20 MB, so at most ~15 MB raw once base64-encoded; types PNG, JPEG, WEBP, HEIC, HEIF.
 *   firebase.google.com/docs/vertex-ai/input-file-requirements: larger images are "scaled down and padded
 *   to fit a maximum resolution of 3072 x 3072". ai.google.dev/gemini-api/docs/tokens (and
 *   geminibyexample.com/027): images ≤ 384 px per side cost 258 tokens, larger ones are tiled into
 *   768 × 768 tiles of 258 tokens each — so "low" is one tile.
 * - Mistral — no official pixel or byte limit found in the stored docs (docs.mistral.ai/capabilities/vision
 *   gives none). Scaleway's Pixtral page says images over 1024 px are downscaled to fit 1024 × 1024; the
 *   10 MB per image is the commonly cited vision-FAQ figure, NOT verified. Treat both as provisional.
 */
export const PROVIDER_IMAGE_LIMITS: Readonly<Record<ImageProvider, ProviderImageLimits>> = {
  openai: {
    high: { maxEdge: 2048, maxShortEdge: 768 },
    low: { maxEdge: 512 },
    maxBytes: 20 * MB,
    types: COMMON_TYPES,
  },
  anthropic: {
    high: { maxEdge: 1568, maxPixels: 1_150_000 },
    low: { maxEdge: 1568, maxPixels: 1_150_000 },
    maxBytes: Math.floor((5 * 1024 * 1024 * 3) / 4),
    types: COMMON_TYPES,
  },
  google: {
    high: { maxEdge: 3072 },
    low: { maxEdge: 768 },
    maxBytes: 15 * MB,
    types: ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"],
  },
  mistral: {
    high: { maxEdge: 1024 },
    low: { maxEdge: 512 },
    maxBytes: 10 * MB,
    types: COMMON_TYPES,
  },
};

/**
 * The provider whose limits apply when none is named: Anthropic, the strictest of the documented ones
 * (smallest images, fewest bytes), so the result is accepted everywhere without a server-side resize.
 */
export const DEFAULT_IMAGE_PROVIDER: ImageProvider = "anthropic";

/** Other provider names whose image limits are one of the above (Azure OpenAI serves OpenAI's models). */
export const IMAGE_PROVIDER_ALIASES: Readonly<Record<string, ImageProvider>> = { azure: "openai" };

/** Other per-request limits, kept here so the PDF/audio/video helpers read the same table. */
export const PROVIDER_REQUEST_LIMITS = {
  /** OpenAI "Image input requirements": 50 MB of image bytes, 500 images per request. */
  openai: { imageBytesPerRequest: 50 * MB, imagesPerRequest: 500 },
  /** Anthropic vision + PDF support pages: 32 MB per request, 100 PDF pages, 8000 px hard image cap. */
  anthropic: { requestBytes: 32 * MB, pdfPages: 100, maxImageEdge: 8000 },
  /** Gemini image-understanding page: inline data for requests under 20 MB in total. */
  google: { inlineRequestBytes: 20 * MB },
} as const;

/**
 * What `loadMedia` accepts by default, per kind (override with `maxBytes`). Images: OpenAI's 20 MB per
 * image, the most generous per-image limit (prepareImage shrinks for the others). PDFs: Anthropic's
 * 32 MB request limit. Audio and video: Gemini's 20 MB inline request limit. Text: our own choice —
 * no provider states one; 10 MB of text is far beyond any context window.
 */
export const DEFAULT_MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 20 * MB,
  pdf: 32 * MB,
  audio: 20 * MB,
  video: 20 * MB,
  text: 10 * MB,
};

/** The largest default, the cap while the kind is not yet known. */
export const MAX_DEFAULT_BYTES = Math.max(...Object.values(DEFAULT_MAX_BYTES));

/** Bytes in human units (decimal, like the providers): `950 B`, `12.3 kB`, `20 MB`, `1.5 GB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = value >= 100 || Number.isInteger(value) ? Math.round(value).toString() : value.toFixed(1);
  return `${text.replace(/\.0$/, "")} ${units[unit]}`;
}
