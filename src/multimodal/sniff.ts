import { isUtf8 } from "node:buffer";
import { fileTypeFromBuffer } from "file-type";
import { MediaReadError } from "./errors/media-read-error.js";
import { MismatchedMediaTypeError } from "./errors/mismatched-media-type-error.js";
import { UnsupportedMediaError } from "./errors/unsupported-media-error.js";
import { kindOf, type MediaKind } from "./media.js";

/** The image/svg+xml type (not sniffed by file-type: recognised from the text). */
export const SVG = "image/svg+xml";

// The types loadMedia accepts (as file-type names them, normalised) with their file extensions, and
// the other names callers use for them.
export const TYPES = `image/png png|image/jpeg jpg jpeg|image/gif gif|image/webp webp|image/avif avif|image/tiff tif tiff
  |image/heic heic|image/heif heif|image/svg+xml svg|application/pdf pdf
  |audio/mpeg mp3|audio/wav wav|audio/flac flac|audio/aac aac|audio/ogg ogg oga opus|audio/mp4 m4a
  |audio/aiff aif aiff|audio/webm weba|video/mp4 mp4 m4v|video/webm webm|video/quicktime mov|video/mpeg mpeg mpg
  |video/matroska mkv|video/vnd.avi avi|video/3gpp 3gp|text/plain txt|text/markdown md markdown|text/html html htm`;
export const ALIASES = `image/jpeg image/jpg image/pjpeg|image/png image/x-png|audio/mpeg audio/mp3
  |audio/wav audio/x-wav audio/wave|audio/flac audio/x-flac|audio/aiff audio/x-aiff|audio/mp4 audio/x-m4a audio/m4a
  |video/mp4 video/x-m4v|video/vnd.avi video/x-msvideo video/avi|video/matroska video/x-matroska
  |text/markdown text/x-markdown|application/pdf application/x-pdf`;
export const table = (text: string) =>
  text.split("|").map((row) => row.trim().split(/\s+/) as [string, ...string[]]);
export const EXTENSIONS = new Map(
  table(TYPES).flatMap(([type, ...exts]) => exts.map((ext) => [ext, type] as const)),
);
export const ALIAS = new Map(
  table(ALIASES).flatMap(([type, ...names]) => names.map((name) => [name, type] as const)),
);
export const ALL_SUPPORTED = table(TYPES).map(([type]) => type);
export const TEXT_CLAIMS = new Set(["text/plain", "text/markdown", "text/html", SVG]);

/** Types `loadMedia` accepts, by kind. */
export const SUPPORTED_MEDIA_TYPES: Readonly<Record<MediaKind, readonly string[]>> = {
  image: ALL_SUPPORTED.filter((t) => kindOf(t) === "image"),
  pdf: ALL_SUPPORTED.filter((t) => kindOf(t) === "pdf"),
  audio: ALL_SUPPORTED.filter((t) => kindOf(t) === "audio"),
  video: ALL_SUPPORTED.filter((t) => kindOf(t) === "video"),
  text: ALL_SUPPORTED.filter((t) => kindOf(t) === "text"),
};

/** `Image/JPG; q=1` → `image/jpeg`: lower case, no parameters, common aliases resolved. */
export function normaliseMediaType(type: string): string {
  const base = (type.split(";")[0] ?? "").trim().toLowerCase();
  return ALIAS.get(base) ?? base;
}

export function extensionType(path: string): string | undefined {
  const match = /\.([a-z0-9]+)$/i.exec(path);
  return match === null ? undefined : EXTENSIONS.get((match[1] ?? "").toLowerCase());
}

/**
 * The type of `bytes`, read by file-type. Text (which has no signature) is recognised when the bytes
 * are UTF-8 without NULs and a claim names a text type (or SVG, which must then contain `<svg`). A
 * declared type must match exactly (audio/video containers may differ in the top-level type); the
 * extension of a file path must match the kind, so photo.jpg holding PNG bytes loads as image/png.
 */
export async function sniff(
  bytes: Uint8Array,
  source: string,
  claims: { declared: string | undefined; extension: string | undefined; hints: (string | undefined)[] },
): Promise<string> {
  if (bytes.byteLength === 0) throw new MediaReadError(source, "it is empty (0 bytes)");
  const rawDeclared = claims.declared?.trim();
  const declared =
    rawDeclared && normaliseMediaType(rawDeclared) !== "application/octet-stream"
      ? normaliseMediaType(rawDeclared)
      : undefined;
  const found = await fileTypeFromBuffer(bytes);
  const foundType = found === undefined ? undefined : normaliseMediaType(found.mime);
  const actual =
    foundType !== undefined && foundType !== "application/xml"
      ? foundType
      : textType(bytes, source, foundType, [
          declared,
          claims.extension,
          ...claims.hints.map((h) => h && normaliseMediaType(h)),
        ]);
  if (!ALL_SUPPORTED.includes(actual)) throw new UnsupportedMediaError(source, actual, ALL_SUPPORTED);
  if (declared !== undefined && !sameType(declared, actual)) {
    throw new MismatchedMediaTypeError(source, rawDeclared ?? declared, actual, "declared");
  }
  if (claims.extension !== undefined && !sameKind(kindOf(claims.extension), kindOf(actual))) {
    throw new MismatchedMediaTypeError(source, claims.extension, actual, "extension");
  }
  return actual;
}

export function textType(
  bytes: Uint8Array,
  source: string,
  found: string | undefined,
  claims: (string | undefined)[],
): string {
  if (bytes.includes(0) || !isUtf8(bytes)) throw new UnsupportedMediaError(source, found, ALL_SUPPORTED);
  const claim = claims.find((c) => c !== undefined && TEXT_CLAIMS.has(c));
  if (claim === SVG) {
    const head = new TextDecoder().decode(bytes.subarray(0, 64 * 1024));
    return /<svg[\s>]/i.test(head) ? SVG : "text/plain";
  }
  if (claim !== undefined) return claim;
  if (found !== undefined || claims[0] !== undefined) return found ?? "text/plain";
  throw new UnsupportedMediaError(source, undefined, ALL_SUPPORTED, {
    problem: "UTF-8 text of no known document type",
    hint: 'Give it a .txt, .md or .html name, or pass mediaType: "text/plain".',
  });
}

export function sameType(a: string, b: string): boolean {
  const [ta, sa] = a.split("/");
  const [tb, sb] = b.split("/");
  return a === b || (sa === sb && sameKind(kindOf(`${ta}/`), kindOf(`${tb}/`)));
}

export function sameKind(a: MediaKind | undefined, b: MediaKind | undefined): boolean {
  const av = (k: MediaKind | undefined) => k === "audio" || k === "video";
  return a === b || (av(a) && av(b));
}

/** The kind suggested by the first bytes: undefined for unknown data, "text" for UTF-8 so far. */
export async function guessKind(head: Uint8Array): Promise<MediaKind | undefined> {
  const found = await fileTypeFromBuffer(head);
  if (found !== undefined) {
    const type = normaliseMediaType(found.mime);
    return ALL_SUPPORTED.includes(type) ? kindOf(type) : undefined;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return head.includes(0) ? undefined : "text";
  } catch {
    return undefined;
  }
}
