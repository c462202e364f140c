import type { LanguageModelV4FilePart } from "@ai-sdk/provider";
import { dataPart, InvalidMedia, referencePart, urlPart } from "./media.js";
import { decodeBase64, sniff } from "./media-bytes.js";
import { isRecord, type Part, str, text } from "./prompt.js";

const ANTHROPIC_IMAGES = ["image/jpeg", "image/png", "image/gif", "image/webp"];

function anthropicError(message: string, param: string): never {
  throw new InvalidMedia(`${param}: ${message}`, param);
}

/**
 * An Anthropic `image` or `document` block: a `base64` source (images: JPEG, PNG, GIF, WebP;
 * documents: PDF), a `url` source (kept as a URL), a `file` source (a file id), and for documents
 * a `text` or `content` source (read as text).
 */
export function anthropicMedia(block: Record<string, unknown>, at: string): Part {
  const kind = block.type as "image" | "document";
  const s = block.source;
  const param = `${at}.${kind}.source`;
  const filename = str(block.title);
  if (!isRecord(s)) anthropicError("Field required", param);
  if (s.type === "base64") {
    const mediaType = str(s.media_type) ?? "";
    const allowed = kind === "image" ? ANTHROPIC_IMAGES : ["application/pdf"];
    if (!allowed.includes(mediaType)) {
      const list = allowed.map((t) => `'${t}'`);
      const choices = list.length > 1 ? `${list.slice(0, -1).join(", ")} or ${list.at(-1)}` : list[0];
      anthropicError(`Input should be ${choices}`, `${param}.base64.media_type`);
    }
    const bytes = decodeBase64(str(s.data) ?? "");
    if (!bytes || bytes.length === 0) anthropicError("Invalid base64 data", `${param}.base64.data`);
    if (kind === "document" && sniff(bytes) !== "application/pdf")
      anthropicError("The PDF specified was not valid.", `${param}.base64.data`);
    if (kind === "image" && sniff(bytes) !== mediaType)
      anthropicError(`Image does not match the provided media type ${mediaType}`, `${param}.base64.data`);
    return dataPart(bytes, mediaType, { filename });
  }
  const fallback = kind === "image" ? "image" : "application/pdf";
  if (s.type === "url") {
    const part = urlPart(str(s.url) ?? "", fallback, { filename });
    if (!part) anthropicError("Input should be a valid URL", `${param}.url.url`);
    return part;
  }
  if (s.type === "file" && typeof s.file_id === "string")
    return referencePart("anthropic", s.file_id, fallback, { filename });
  if (kind === "document" && s.type === "text" && typeof s.data === "string") return text(s.data);
  if (kind === "document" && s.type === "content" && Array.isArray(s.content))
    return text(s.content.map((c) => (isRecord(c) && typeof c.text === "string" ? c.text : "")).join("\n"));
  const tags =
    kind === "image" ? "'base64', 'url' or 'file'" : "'base64', 'text', 'content', 'url' or 'file'";
  return anthropicError(
    `Input tag '${String(s.type)}' found using 'type' does not match any of the expected tags: ${tags}`,
    param,
  );
}

/** Media types Gemini reads inline (https://ai.google.dev/gemini-api/docs/image-understanding, …). */
function geminiSupports(mediaType: string): boolean {
  if (/^(audio|video|text)\/[\w.+-]+$/.test(mediaType)) return true;
  return /^image\/(png|jpeg|webp|heic|heif|gif)$/.test(mediaType) || mediaType === "application/pdf";
}

/**
 * A Gemini `inlineData` / `inline_data` part (`{ mimeType, data }`, base64) or `fileData` /
 * `file_data` part (`{ mimeType, fileUri }`, kept as a URL).
 */
export function geminiMedia(p: Record<string, unknown>, at: string): LanguageModelV4FilePart | undefined {
  const inline = isRecord(p.inlineData) ? p.inlineData : isRecord(p.inline_data) ? p.inline_data : undefined;
  if (inline) {
    const mediaType = str(inline.mimeType) ?? str(inline.mime_type) ?? "";
    const field = `${at}.inline_data`;
    if (mediaType === "")
      throw new InvalidMedia(
        `* GenerateContentRequest.${field}.mime_type: mime_type is not specified\n`,
        field,
      );
    const data = str(inline.data) ?? "";
    const bytes = decodeBase64(data);
    if (!bytes) {
      const shown = data.length > 40 ? `${data.slice(0, 40)}...` : data;
      const message = `Invalid value at '${field}.data' (TYPE_BYTES), Base64 decoding failed for "${shown}"`;
      throw new InvalidMedia(message, `${field}.data`, "field");
    }
    if (!geminiSupports(mediaType)) throw new InvalidMedia(`Unsupported MIME type: ${mediaType}`);
    return dataPart(bytes, mediaType);
  }
  const file = isRecord(p.fileData) ? p.fileData : isRecord(p.file_data) ? p.file_data : undefined;
  if (!file) return undefined;
  const uri = str(file.fileUri) ?? str(file.file_uri) ?? "";
  const mediaType = str(file.mimeType) ?? str(file.mime_type) ?? "application/octet-stream";
  if (mediaType !== "application/octet-stream" && !geminiSupports(mediaType))
    throw new InvalidMedia(`Unsupported MIME type: ${mediaType}`);
  const part = urlPart(uri, mediaType);
  if (!part) {
    const message = `Invalid value at '${at}.file_data.file_uri': "${uri}" is not a valid URI.`;
    throw new InvalidMedia(message, `${at}.file_data.file_uri`, "field");
  }
  return part;
}
