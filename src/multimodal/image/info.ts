import sharp from "sharp";
import { CorruptMediaError } from "../errors/corrupt-media-error.js";
import { UnsupportedMediaError } from "../errors/unsupported-media-error.js";
import type { Media } from "../media.js";

/** Image types sharp (as shipped) decodes. HEIC/HEIF need an HEVC decoder it does not bundle. */
export const DECODABLE_IMAGE_TYPES: readonly string[] = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/tiff",
  "image/svg+xml",
];

/** Facts about an image, read from its header (no pixels decoded). */
export interface ImageInfo {
  /** Width as displayed, i.e. after the EXIF orientation is applied. */
  width: number;
  height: number;
  /** Width and height as stored (before EXIF orientation). */
  storedWidth: number;
  storedHeight: number;
  /** EXIF orientation, 1 (upright) when absent. */
  orientation: number;
  /** sharp's format name: jpeg, png, webp, gif, tiff, heif, svg. */
  format: string;
  hasAlpha: boolean;
  isPalette: boolean;
  /** Frames (animated GIF/WebP) or pages (TIFF); 1 for a still image. */
  pages: number;
}

function describe(media: Media): string {
  return media.name ?? `the ${media.mediaType} image`;
}

/** Reads an image's header. Corrupt bytes → CorruptMediaError; types sharp cannot decode → UnsupportedMediaError. */
export async function imageInfo(media: Media): Promise<ImageInfo> {
  if (media.kind !== "image" || !DECODABLE_IMAGE_TYPES.includes(media.mediaType)) {
    throw new UnsupportedMediaError(describe(media), media.mediaType, DECODABLE_IMAGE_TYPES, {
      hint: "Convert it to PNG or JPEG first (HEIC: e.g. `heif-convert`, or export from Photos).",
    });
  }
  return metadata(media.bytes, media.mediaType, describe(media));
}

async function metadata(bytes: Uint8Array, mediaType: string, source: string): Promise<ImageInfo> {
  try {
    const m = await sharp(bytes).metadata();
    if (!m.width || !m.height) throw new Error("no image size in the header");
    return {
      width: m.autoOrient.width,
      height: m.autoOrient.height,
      storedWidth: m.width,
      storedHeight: m.height,
      orientation: m.orientation ?? 1,
      format: m.format,
      hasAlpha: m.hasAlpha,
      isPalette: m.isPalette,
      pages: m.pages ?? 1,
    };
  } catch (error) {
    throw new CorruptMediaError(source, mediaType, { cause: error });
  }
}

/**
 * The displayed width and height recorded by `loadMedia` in `info`, or undefined for types sharp
 * cannot decode (and for non-images). Bytes that do not decode → CorruptMediaError.
 */
export async function readImageSize(
  bytes: Uint8Array,
  mediaType: string,
  source: string,
): Promise<{ width: number; height: number } | undefined> {
  if (!DECODABLE_IMAGE_TYPES.includes(mediaType)) return undefined;
  const { width, height } = await metadata(bytes, mediaType, source);
  return { width, height };
}
