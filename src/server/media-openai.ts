import type { LanguageModelV4FilePart } from "@ai-sdk/provider";
import {
  dataPart,
  dataUrlBytes,
  InvalidMedia,
  isHttpUrl,
  parseDataUrl,
  referencePart,
  urlPart,
} from "./media.js";
import { sniff } from "./media-bytes.js";
import { isRecord, str } from "./prompt.js";

const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const EXAMPLE = "'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='";
/** Content part types of other wire formats, which OpenAI rejects instead of ignoring. */
export const FOREIGN_PARTS = new Set([
  "image",
  "document",
  "input_image",
  "input_file",
  "video_url",
  "inline_data",
]);

function invalid(message: string, param?: string, code = "invalid_value"): never {
  throw new InvalidMedia(message, param, code);
}

/**
 * An OpenAI image (`image_url.url` of Chat Completions, `image_url` of Responses): a base64 data URL
 * of a PNG, JPEG, GIF or WebP, or an http(s) URL (kept as a URL, never fetched).
 */
export function openaiImage(
  url: unknown,
  detail: unknown,
  param: string,
  detailParam: string,
): LanguageModelV4FilePart {
  if (detail !== undefined && detail !== null && !["auto", "low", "high"].includes(String(detail)))
    invalid(
      `Invalid value: '${String(detail)}'. Supported values are: 'auto', 'low', and 'high'.`,
      detailParam,
    );
  const providerOptions = typeof detail === "string" ? { openai: { imageDetail: detail } } : undefined;
  if (typeof url !== "string")
    invalid(
      `Invalid type for '${param}': expected a string, but got ${url === undefined ? "nothing" : typeof url} instead.`,
      param,
      "invalid_type",
    );
  if (isHttpUrl(url)) return urlPart(url, "image", { providerOptions })!;
  const d = parseDataUrl(url);
  const expected = `Invalid '${param}'. Expected a base64-encoded data URL with an image MIME type (e.g. ${EXAMPLE}), but got`;
  if (!d)
    invalid(
      `Invalid image URL: '${param}'. ${expected.slice(expected.indexOf("Expected"))} a value without the 'data:' prefix.`,
      param,
    );
  if (!IMAGE_TYPES.has(d.mediaType))
    invalid(`${expected} unsupported MIME type '${d.mediaType || "(empty)"}'.`, param);
  if (d.data === "") invalid(`${expected} empty base64-encoded bytes.`, param);
  const bytes = dataUrlBytes(d) ?? invalid(`${expected} invalid base64-encoded bytes.`, param);
  if (!IMAGE_TYPES.has(sniff(bytes) ?? ""))
    invalid(
      "You uploaded an unsupported image. Please make sure your image is valid.",
      undefined,
      "invalid_image_format",
    );
  return dataPart(bytes, d.mediaType, { providerOptions });
}

/** OpenAI `input_audio`: `{ data: <base64>, format: "wav" | "mp3" }`. */
export function openaiAudio(value: unknown, param: string): LanguageModelV4FilePart {
  if (!isRecord(value))
    invalid(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
  const format = value.format;
  if (format !== "wav" && format !== "mp3")
    invalid(`Invalid value: '${String(format)}'. Supported values are: 'wav' and 'mp3'.`, `${param}.format`);
  const data = str(value.data) ?? "";
  const bytes =
    dataUrlBytes({ data, base64: true }) ??
    invalid(`Invalid '${param}.data'. Expected base64-encoded audio bytes.`, `${param}.data`);
  if (bytes.length === 0)
    invalid(
      `Invalid '${param}.data'. Expected base64-encoded audio bytes, but got an empty string.`,
      `${param}.data`,
    );
  return dataPart(bytes, format === "wav" ? "audio/wav" : "audio/mpeg");
}

/**
 * An OpenAI file (`file` of Chat Completions, `input_file` of Responses): `file_data` as a base64
 * data URL, `file_url` (Responses) or `file_id`, with an optional `filename`.
 */
export function openaiFile(value: Record<string, unknown>, param: string): LanguageModelV4FilePart {
  const filename = str(value.filename);
  const data = str(value.file_data);
  const fileUrl = str(value.file_url);
  const id = str(value.file_id);
  if (data !== undefined) {
    const d = parseDataUrl(data);
    const expected = `Invalid '${param}.file_data'. Expected a base64-encoded data URL with a MIME type (e.g. 'data:application/pdf;base64,SGVsbG8='), but got`;
    if (!d) invalid(`${expected} a value without the 'data:' prefix.`, `${param}.file_data`);
    if (!d.mediaType) invalid(`${expected} no MIME type.`, `${param}.file_data`);
    const bytes =
      dataUrlBytes(d) ?? invalid(`${expected} invalid base64-encoded bytes.`, `${param}.file_data`);
    if (d.mediaType === "application/pdf" && sniff(bytes) !== "application/pdf")
      invalid(`Invalid file data: '${param}.file_data'. The file is not a valid PDF.`, `${param}.file_data`);
    return dataPart(bytes, d.mediaType, { filename });
  }
  const type =
    filename?.toLowerCase().endsWith(".pdf") || !filename ? "application/pdf" : "application/octet-stream";
  if (fileUrl !== undefined) {
    const part = urlPart(fileUrl, type, { filename });
    if (part) return part;
    invalid(`Invalid '${param}.file_url': '${fileUrl}' is not a valid URL.`, `${param}.file_url`);
  }
  if (id !== undefined) return referencePart("openai", id, type, { filename });
  return invalid(
    `Missing required parameter: '${param}.file_data' (or 'file_id').`,
    `${param}.file_data`,
    "missing_required_parameter",
  );
}

/** Mistral `document_url`: an https URL or a base64 data URL of a PDF. */
export function mistralDocument(url: unknown, param: string): LanguageModelV4FilePart {
  if (typeof url === "string" && isHttpUrl(url)) return urlPart(url, "application/pdf")!;
  const d = typeof url === "string" ? parseDataUrl(url) : undefined;
  if (!d) invalid(`${param}: Input should be a valid URL or a base64 data URL`, param);
  const bytes = dataUrlBytes(d) ?? invalid(`${param}: Invalid base64 data`, param);
  return dataPart(bytes, d.mediaType || sniff(bytes) || "application/pdf");
}

/** Ollama's `images` on a message: base64 strings (a data URL is tolerated). */
export function ollamaImages(images: unknown): LanguageModelV4FilePart[] {
  if (!Array.isArray(images)) return [];
  return images.map((image) => {
    const raw = typeof image === "string" ? image : "";
    const d = parseDataUrl(raw);
    const data = d ? d.data : raw;
    const bad = data.search(/[^A-Za-z0-9+/=\r\n]/);
    if (bad >= 0 || data === "")
      throw new InvalidMedia(`illegal base64 data at input byte ${Math.max(0, bad)}`);
    const bytes = dataUrlBytes({ data, base64: true });
    if (!bytes) throw new InvalidMedia(`illegal base64 data at input byte ${data.length}`);
    const type = sniff(bytes);
    if (!type?.startsWith("image/")) throw new InvalidMedia("image: unknown format");
    return dataPart(bytes, type);
  });
}
