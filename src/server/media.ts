import { createHash } from "node:crypto";
import type {
  LanguageModelV4FilePart,
  LanguageModelV4Prompt,
  SharedV4ProviderOptions,
} from "@ai-sdk/provider";
import { decodeBase64 } from "./media-bytes.js";

/** Media a wire format rejects; the parser answers it with the provider's 400. */
export class InvalidMedia extends Error {
  constructor(
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Runs a parser, turning `InvalidMedia` into the wire format's invalid request. */
export function catchMedia<T>(parse: () => T): T | { invalid: string; param?: string; code?: string } {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof InvalidMedia)) throw error;
    return { invalid: error.message, param: error.param, code: error.code };
  }
}

interface Extra {
  filename?: string | undefined;
  providerOptions?: SharedV4ProviderOptions;
}

/** A file part holding decoded bytes. */
export function dataPart(bytes: Uint8Array, mediaType: string, extra: Extra = {}): LanguageModelV4FilePart {
  return { type: "file", mediaType, data: { type: "data", data: bytes }, ...clean(extra) };
}

/** A file part pointing at a URL (never fetched); undefined when `url` is not a URL. */
export function urlPart(
  url: string,
  mediaType: string,
  extra: Extra = {},
): LanguageModelV4FilePart | undefined {
  if (!URL.canParse(url)) return undefined;
  return { type: "file", mediaType, data: { type: "url", url: new URL(url) }, ...clean(extra) };
}

/** A file part naming a file uploaded to the provider (`file_id`). */
export function referencePart(
  provider: string,
  id: string,
  mediaType: string,
  extra: Extra = {},
): LanguageModelV4FilePart {
  return {
    type: "file",
    mediaType,
    data: { type: "reference", reference: { [provider]: id } },
    ...clean(extra),
  };
}

function clean(extra: Extra): Extra {
  const out: Extra = {};
  if (extra.filename !== undefined) out.filename = extra.filename;
  if (extra.providerOptions !== undefined) out.providerOptions = extra.providerOptions;
  return out;
}

/** A `data:` URL split into its media type and payload (undefined: not a data URL). */
export function parseDataUrl(s: string): { mediaType: string; data: string; base64: boolean } | undefined {
  const m = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(s);
  if (!m) return undefined;
  return { mediaType: m[1]!.trim().toLowerCase(), data: m[3]!, base64: /;base64/i.test(m[2]!) };
}

/** The bytes of a data URL's payload (undefined when the base64 is not valid). */
export function dataUrlBytes(d: { data: string; base64: boolean }): Uint8Array | undefined {
  if (d.base64) return decodeBase64(d.data);
  try {
    return new TextEncoder().encode(decodeURIComponent(d.data));
  } catch {
    return undefined; // a broken %-escape
  }
}

export function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s) && URL.canParse(s);
}

/** What a recorded request keeps of one media part: its kind, type, size and hash, never the bytes. */
export interface MediaSummary {
  kind: "image" | "audio" | "video" | "document" | "file";
  mediaType: string;
  /** Decoded size (absent for URLs and references). */
  bytes?: number;
  /** First 16 hex digits of the SHA-256 of the bytes. */
  sha256?: string;
  url?: string;
  /** A provider file id (`file_id`). */
  reference?: string;
  filename?: string;
}

export function kindOf(mediaType: string): MediaSummary["kind"] {
  const top = mediaType.split("/")[0];
  if (top === "image" || top === "audio" || top === "video") return top;
  if (mediaType === "application/pdf" || top === "text") return "document";
  return "file";
}

export function sha256Prefix(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

/** The bytes of a file part with inline data (base64 strings decoded), else undefined. */
export function partBytes(p: LanguageModelV4FilePart): Uint8Array | undefined {
  if (p.data.type !== "data") return undefined;
  const d = p.data.data;
  return typeof d === "string" ? decodeBase64(d) : d;
}

/** Every media part of the prompt's user messages, in order. */
export function summarizeMedia(prompt: LanguageModelV4Prompt): MediaSummary[] {
  const out: MediaSummary[] = [];
  for (const m of prompt) {
    if (m.role !== "user") continue;
    for (const p of m.content) {
      if (p.type !== "file" || p.data.type === "text") continue;
      const s: MediaSummary = { kind: kindOf(p.mediaType), mediaType: p.mediaType };
      const bytes = partBytes(p);
      if (bytes) Object.assign(s, { bytes: bytes.length, sha256: sha256Prefix(bytes) });
      if (p.data.type === "url") s.url = p.data.url.href;
      if (p.data.type === "reference") s.reference = Object.values(p.data.reference)[0];
      if (p.filename !== undefined) s.filename = p.filename;
      out.push(s);
    }
  }
  return out;
}

const MEDIA_KEYS = new Set(["url", "image_url", "file_data", "data", "document_url", "image", "images"]);

/**
 * A copy of a request body with inline media (data URLs, base64 under the media fields) replaced by
 * `"[<n> bytes, sha256 <prefix>]"`, so recorded requests stay small.
 */
export function shrinkMedia(value: unknown, key = ""): unknown {
  if (typeof value === "string") return MEDIA_KEYS.has(key) ? shrinkString(value) : value;
  if (Array.isArray(value)) return value.map((v) => shrinkMedia(v, key === "images" ? key : ""));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = shrinkMedia(v, k);
  return out;
}

function shrinkString(s: string): string {
  const d = parseDataUrl(s);
  if (d?.base64) {
    const bytes = decodeBase64(d.data);
    return bytes ? `data:${d.mediaType};base64,[${describe(bytes)}]` : s;
  }
  if (s.length < 64 || d) return s;
  const bytes = decodeBase64(s);
  return bytes ? `[${describe(bytes)}]` : s;
}

function describe(bytes: Uint8Array): string {
  return `${bytes.length} bytes, sha256 ${sha256Prefix(bytes)}`;
}
