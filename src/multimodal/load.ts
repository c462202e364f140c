import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { fileTypeFromBuffer } from "file-type";
import { MediaReadError } from "./errors/media-read-error.js";
import { MediaTooLargeError } from "./errors/media-too-large-error.js";
import { UnsupportedMediaError } from "./errors/unsupported-media-error.js";
import { readImageSize } from "./image/info.js";
import { DEFAULT_MAX_BYTES, MAX_DEFAULT_BYTES } from "./limits.js";
import { Media, type MediaKind } from "./media.js";
import { extensionType, guessKind, SUPPORTED_MEDIA_TYPES, sniff } from "./sniff.js";

/** Base64 data, with the type it claims to be (checked against the bytes). */
export interface Base64Source {
  base64: string;
  mediaType?: string | undefined;
  name?: string | undefined;
}

/**
 * What `loadMedia` reads. A string is a `data:` URL, an `http(s)://` or `file:` URL, bare base64 or a
 * path — in that order. A bare string counts as base64 only when it is entirely base64 (A–Z a–z 0–9
 * + / with `=` padding, a multiple of 4 long) AND it decodes to bytes with a recognised binary
 * signature (PNG, JPEG, PDF…); anything else is a path, so a path is never taken for base64. Base64
 * text documents need `{ base64, mediaType }` or a `data:` URL.
 */
export type MediaSource = string | URL | Uint8Array | ArrayBuffer | Media | Base64Source;

export interface LoadMediaOptions {
  /** Refuse media over this many bytes (default: `DEFAULT_MAX_BYTES` for its kind). */
  maxBytes?: number | undefined;
  /** The kinds accepted here; another kind is an UnsupportedMediaError. */
  expect?: MediaKind | readonly MediaKind[] | undefined;
  /** The type the caller believes it is; checked against the bytes (a mismatch is an error). */
  mediaType?: string | undefined;
  /** A name for messages and file parts (default: the path or URL). */
  name?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Time allowed for an http(s) fetch, body included (default 30 s). */
  timeoutMs?: number | undefined;
  /** The fetch to use (tests). */
  fetch?: typeof fetch | undefined;
}

/** Reads media from a path, URL, data: URL, base64 or bytes; its type is always read from the bytes. */
export async function loadMedia(source: MediaSource, options: LoadMediaOptions = {}): Promise<Media> {
  if (Media.isInstance(source)) return check(source, options);
  const raw = await read(source, options);
  const mediaType = await sniff(raw.bytes, raw.source, {
    declared: options.mediaType ?? raw.declared,
    extension: raw.path === undefined ? undefined : extensionType(raw.path),
    hints: raw.hints ?? [],
  });
  const info = await readImageSize(raw.bytes, mediaType, raw.source);
  const media = new Media(raw.bytes, mediaType, { name: options.name ?? raw.name, info: info ?? {} });
  return check(media, options, raw.source);
}

function check(media: Media, options: LoadMediaOptions, source = media.name ?? "the media"): Media {
  const kinds: readonly MediaKind[] | undefined =
    options.expect === undefined ? undefined : ([] as MediaKind[]).concat(options.expect);
  if (kinds !== undefined && !kinds.includes(media.kind)) {
    const supported = kinds.flatMap((k) => SUPPORTED_MEDIA_TYPES[k]);
    throw new UnsupportedMediaError(source, media.mediaType, supported, {
      hint: `Expected ${kinds.join(" or ")}.`,
    });
  }
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES[media.kind];
  if (media.size > limit) throw new MediaTooLargeError(source, limit, media.size, { kind: media.kind });
  return media;
}

interface Raw {
  bytes: Uint8Array;
  /** For messages: the path, the URL without its query, or a description. */
  source: string;
  name?: string | undefined;
  path?: string | undefined;
  declared?: string | undefined;
  /** Types suggested but not claimed (a URL's extension, Content-Type): used only to name text. */
  hints?: (string | undefined)[];
}

async function read(source: Exclude<MediaSource, Media>, options: LoadMediaOptions): Promise<Raw> {
  const cap = options.maxBytes ?? MAX_DEFAULT_BYTES;
  if (source instanceof Uint8Array)
    return { bytes: new Uint8Array(source), source: options.name ?? "the data passed in" };
  if (source instanceof ArrayBuffer)
    return { bytes: new Uint8Array(source.slice(0)), source: options.name ?? "the data passed in" };
  if (source instanceof URL) return readUrl(source, options);
  if (typeof source === "object") {
    if (typeof source?.base64 !== "string") throw new TypeError("loadMedia: unsupported source");
    const where = source.name ?? options.name ?? "the base64 data";
    return {
      bytes: decodeBase64(source.base64, where, cap),
      source: where,
      name: source.name,
      declared: source.mediaType,
    };
  }
  if (/^data:/i.test(source)) return readDataUrl(source, options.name ?? "a data: URL", cap);
  if (/^(https?|file):/i.test(source)) {
    let url: URL;
    try {
      url = new URL(source);
    } catch (error) {
      throw new MediaReadError(source, "not a valid URL", { cause: error });
    }
    return readUrl(url, options);
  }
  if (await isBareBase64(source))
    return {
      bytes: decodeBase64(source, options.name ?? "the base64 string", cap),
      source: options.name ?? "the base64 string",
    };
  return readFile(source, options);
}

/** Entirely base64, and its first bytes carry a binary signature file-type knows. */
async function isBareBase64(text: string): Promise<boolean> {
  if (text.length < 16 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return false;
  const found = await fileTypeFromBuffer(Buffer.from(text.slice(0, 5468), "base64"));
  return found !== undefined && !found.mime.startsWith("text/") && found.mime !== "application/xml";
}

function decodeBase64(text: string, where: string, cap: number): Uint8Array {
  const clean = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) throw new MediaReadError(where, "not valid base64");
  const size = Math.floor((clean.replace(/=+$/, "").length * 3) / 4);
  if (size > cap) throw new MediaTooLargeError(where, cap, size);
  return new Uint8Array(Buffer.from(clean, "base64"));
}

function readDataUrl(url: string, where: string, cap: number): Raw {
  const match = /^data:([^,]*),(.*)$/is.exec(url);
  if (match === null) throw new MediaReadError(where, "malformed data: URL (no comma)");
  const meta = match[1] ?? "";
  const isBase64 = /;base64$/i.test(meta);
  const declared =
    meta
      .replace(/;base64$/i, "")
      .split(";")[0]
      ?.trim() || undefined;
  if (isBase64) return { bytes: decodeBase64(match[2] ?? "", where, cap), source: where, declared };
  let text: string;
  try {
    text = decodeURIComponent(match[2] ?? "");
  } catch (error) {
    throw new MediaReadError(where, "malformed percent-encoding", { cause: error });
  }
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength > cap) throw new MediaTooLargeError(where, cap, bytes.byteLength);
  return { bytes, source: where, declared };
}

async function readUrl(url: URL, options: LoadMediaOptions): Promise<Raw> {
  if (url.protocol === "file:") return readFile(fileURLToPath(url), options);
  const where = url.search === "" ? url.href : `${url.origin}${url.pathname}?…`;
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MediaReadError(where, `unsupported URL scheme ${url.protocol}`);
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
  try {
    const response = await (options.fetch ?? fetch)(url, {
      signal: AbortSignal.any(signals),
      redirect: "follow",
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw new MediaReadError(where, `HTTP ${response.status} ${response.statusText}`.trim());
    }
    const length = Number(response.headers.get("content-length") ?? Number.NaN);
    const body = response.body ?? (async function* () {})();
    const bytes = await readCapped(
      body,
      where,
      options.maxBytes,
      Number.isFinite(length) ? length : undefined,
    );
    const hints = [extensionType(url.pathname), response.headers.get("content-type") ?? undefined];
    return { bytes, source: where, name: where, hints };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof DOMException && error.name === "TimeoutError") {
      throw new MediaReadError(where, `timed out after ${timeoutMs / 1000} s`, { cause: error });
    }
    if (MediaReadError.isInstance(error) || MediaTooLargeError.isInstance(error)) throw error;
    throw new MediaReadError(where, `fetch failed (${(error as Error).message})`, { cause: error });
  }
}

async function readFile(path: string, options: LoadMediaOptions): Promise<Raw> {
  let size: number | undefined;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw new MediaReadError(path, "it is a directory");
    if (stats.isFile()) size = stats.size;
  } catch (error) {
    if (MediaReadError.isInstance(error)) throw error;
    throw new MediaReadError(path, describeFsError(error), { cause: error });
  }
  try {
    const bytes = await readCapped(
      createReadStream(path, { highWaterMark: 64 * 1024 }),
      path,
      options.maxBytes,
      size,
    );
    return { bytes, source: path, name: path, path };
  } catch (error) {
    if (MediaTooLargeError.isInstance(error)) throw error;
    throw new MediaReadError(path, describeFsError(error), { cause: error });
  }
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return `${(error as Error).message}`;
}

const HEAD = 4100;

/**
 * Reads a stream, stopping as soon as it passes the limit: `maxBytes`, else the default for the kind
 * guessed from the first 4100 bytes (the largest default until then). A known size (stat, Content-Length)
 * over the limit stops it before the body is read.
 */
async function readCapped(
  chunks: AsyncIterable<Uint8Array>,
  where: string,
  maxBytes: number | undefined,
  knownSize: number | undefined,
): Promise<Uint8Array> {
  let cap = maxBytes ?? MAX_DEFAULT_BYTES;
  let settled = maxBytes !== undefined;
  if (knownSize !== undefined && knownSize > cap) throw new MediaTooLargeError(where, cap, knownSize);
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    total += chunk.byteLength;
    if (!settled && total >= HEAD) {
      settled = true;
      const kind = await guessKind(concat(parts, total));
      if (kind !== undefined) cap = DEFAULT_MAX_BYTES[kind];
      const size = knownSize ?? total;
      if (size > cap)
        throw new MediaTooLargeError(where, cap, size, { kind, atLeast: knownSize === undefined });
    }
    if (total > cap) throw new MediaTooLargeError(where, cap, total, { atLeast: true });
  }
  return concat(parts, total);
}

function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
