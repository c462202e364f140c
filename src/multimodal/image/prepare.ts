import sharp from "sharp";
import { CorruptMediaError } from "../errors/corrupt-media-error.js";
import { MediaTooLargeError } from "../errors/media-too-large-error.js";
import type { Media } from "../media.js";
import { type BoundsOptions, fitWithin, providerLimits, targetBounds } from "./fit.js";
import { type ImageInfo, imageInfo } from "./info.js";

export { IMAGE_PROVIDERS, type ImageProvider, PROVIDER_IMAGE_LIMITS } from "../limits.js";
export { type BoundsOptions, fitWithin, type ImageDetail, targetBounds } from "./fit.js";
export { type ImageInfo, imageInfo } from "./info.js";

export type ImageFormat = "jpeg" | "png" | "webp";

export interface PrepareImageOptions extends BoundsOptions {
  /** Output format; by default PNG for images with transparency or ≤ 256 colours, JPEG otherwise. */
  format?: ImageFormat | undefined;
  /** JPEG/WebP quality, 1–100 (default 85). */
  quality?: number | undefined;
  /** Largest result in bytes; replaces the provider's per-image limit. */
  maxBytes?: number | undefined;
}

/** Why an image has to change. */
export type ImageChange = "resize" | "rotate" | "first-frame" | "convert" | "too-large";

/** What `prepareImage` does to an image: its target size and the reasons (none: returned untouched). */
export interface ImagePlan {
  width: number;
  height: number;
  changes: ImageChange[];
}

/** The info `prepareImage` records on the Media it returns (merged into the original's info). */
export interface PreparedImageInfo {
  width: number;
  height: number;
  /** The displayed size before resizing, when it was resized. */
  resizedFrom?: { width: number; height: number };
  /** The size in bytes before re-encoding. */
  bytesBefore: number;
}

const TYPE: Record<ImageFormat, string> = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" };

/** Decides, from the header alone, what `prepareImage` will do (benchmarks and logs use it too). */
export function planImage(
  info: ImageInfo,
  media: { mediaType: string; size: number },
  options: PrepareImageOptions = {},
): ImagePlan {
  const limits = providerLimits(options.provider);
  const { width, height } = fitWithin(info.width, info.height, targetBounds(options));
  const changes: ImageChange[] = [];
  if (width !== info.width || height !== info.height) changes.push("resize");
  if (info.orientation !== 1) changes.push("rotate");
  if (info.pages > 1) changes.push("first-frame");
  const wanted = options.format === undefined ? undefined : TYPE[options.format];
  if (!limits.types.includes(media.mediaType) || (wanted !== undefined && wanted !== media.mediaType)) {
    changes.push("convert");
  }
  if (media.size > (options.maxBytes ?? limits.maxBytes)) changes.push("too-large");
  return { width, height, changes };
}

/**
 * Fits an image to a provider's limits: turns it upright (EXIF), keeps the first frame, scales it
 * down (never up) to the provider's recommended size, converts types the provider does not take,
 * and re-encodes it — PNG when it uses transparency or has ≤ 256 colours, JPEG otherwise, unless
 * `format` says. Metadata (EXIF, GPS) is dropped. An image that needs none of this is returned
 * untouched (same object, same bytes, same sha256). The result's `info` gets `PreparedImageInfo`.
 */
export async function prepareImage(media: Media, options: PrepareImageOptions = {}): Promise<Media> {
  const limits = providerLimits(options.provider);
  const maxBytes = options.maxBytes ?? limits.maxBytes;
  const quality = options.quality ?? 85;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) {
    throw new RangeError(`prepareImage: quality must be an integer from 1 to 100, got ${quality}`);
  }
  // Gemini takes HEIC/HEIF as is; sharp cannot decode them, so they pass when nothing else is asked.
  const undecodable = media.mediaType === "image/heic" || media.mediaType === "image/heif";
  if (undecodable && limits.types.includes(media.mediaType) && options.format === undefined) {
    if (media.size <= maxBytes) return media;
  }
  const info = await imageInfo(media);
  const plan = planImage(info, media, options);
  if (plan.changes.length === 0) return media;
  const source = media.name ?? `the ${media.mediaType} image`;
  let pixels: Pixels;
  try {
    let image = sharp(media.bytes, { pages: 1 }).autoOrient();
    if (plan.changes.includes("resize")) image = image.resize(plan.width, plan.height, { fit: "fill" });
    const { data, info: raw } = await image.raw().toBuffer({ resolveWithObject: true });
    pixels = { data, width: raw.width, height: raw.height, channels: raw.channels };
  } catch (error) {
    throw new CorruptMediaError(source, media.mediaType, { cause: error });
  }
  const { alpha, fewColours } = analyse(pixels);
  const format = options.format ?? (alpha || fewColours ? "png" : "jpeg");
  let size = { width: pixels.width, height: pixels.height };
  let q = quality;
  let bytes = await encode(pixels, alpha, format, q, size);
  for (let i = 0; bytes.byteLength > maxBytes && i < 10; i++) {
    if (format !== "png" && q > 50) q = Math.max(50, q - 15);
    else
      size = fitWithin(size.width, size.height, {
        maxEdge: Math.floor(Math.max(size.width, size.height) * 0.8),
      });
    bytes = await encode(pixels, alpha, format, q, size);
  }
  if (bytes.byteLength > maxBytes) {
    throw new MediaTooLargeError(source, maxBytes, bytes.byteLength, { kind: "image" });
  }
  const resized = size.width !== info.width || size.height !== info.height;
  const recorded: PreparedImageInfo = {
    width: size.width,
    height: size.height,
    ...(resized && { resizedFrom: { width: info.width, height: info.height } }),
    bytesBefore: media.size,
  };
  return media.with(bytes, TYPE[format], { ...recorded });
}

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

/** Whether any pixel is not fully opaque, and whether there are at most 256 distinct colours. */
function analyse({ data, channels }: Pixels): { alpha: boolean; fewColours: boolean } {
  const hasAlphaBand = channels === 2 || channels === 4;
  let alpha = false;
  if (hasAlphaBand) {
    for (let i = channels - 1; i < data.length; i += channels) {
      if (data[i] !== 255) {
        alpha = true;
        break;
      }
    }
  }
  const seen = new Set<number>();
  for (let i = 0; i < data.length; i += channels) {
    const colour = channels >= 3 ? (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]! : data[i]!;
    if (seen.has(colour)) continue;
    seen.add(colour);
    if (seen.size > 256) return { alpha, fewColours: false };
  }
  return { alpha, fewColours: true };
}

async function encode(
  pixels: Pixels,
  alpha: boolean,
  format: ImageFormat,
  quality: number,
  size: { width: number; height: number },
): Promise<Uint8Array> {
  const { data, width, height, channels } = pixels;
  let image = sharp(data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } });
  if (size.width !== width || size.height !== height)
    image = image.resize(size.width, size.height, { fit: "fill" });
  if (!alpha && (channels === 2 || channels === 4)) image = image.removeAlpha();
  if (format === "jpeg") image = image.flatten({ background: "#ffffff" }).jpeg({ quality });
  else if (format === "webp") image = image.webp({ quality });
  else image = image.png({ compressionLevel: 9 });
  return new Uint8Array(await image.toBuffer());
}
