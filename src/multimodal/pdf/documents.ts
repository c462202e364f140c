import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { Media } from "../media.js";
import { htmlToText } from "./html.js";

export interface DocumentTextOptions {
  /** Keep at most this many characters (UTF-16 code units, as `string.length`; default 100 000). */
  maxChars?: number | undefined;
}

export interface DocumentText {
  /** The text, ending with a "[… truncated …]" line when it was cut. */
  text: string;
  truncated: boolean;
  /** Characters before truncation. */
  totalChars: number;
}

/** Decodes text bytes: UTF-8 unless a UTF-16 byte-order mark says otherwise; the BOM is dropped. */
export function decodeText(bytes: Uint8Array): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * Cuts `text` to at most `maxChars` characters, at a line break or a space near the limit when
 * there is one (and never inside a surrogate pair), and says so on a last line.
 */
export function truncateText(text: string, maxChars: number): DocumentText {
  if (text.length <= maxChars) return { text, truncated: false, totalChars: text.length };
  const note = `\n[… truncated: ${text.length - maxChars}+ more characters of ${text.length} not shown]`;
  let cut = maxChars;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  const soft = Math.max(text.lastIndexOf("\n", cut), text.lastIndexOf(" ", cut));
  if (soft >= cut - 200 && soft > 0) cut = soft;
  return { text: text.slice(0, cut).trimEnd() + note, truncated: true, totalChars: text.length };
}

/**
 * The text of a plain-text, Markdown or HTML document (a Media of kind "text") for a prompt.
 * Plain text and Markdown are kept as they are (line endings made "\n"); HTML loses its tags,
 * scripts and styles but keeps its text, headings, lists and link targets (see htmlToText).
 *
 * @throws InvalidArgumentError when `media` is not a text document or `maxChars` is not a positive
 *   whole number. For PDFs use pdfText.
 */
export function documentText(media: Media, options: DocumentTextOptions = {}): DocumentText {
  const maxChars = options.maxChars ?? 100_000;
  if (!Number.isInteger(maxChars) || maxChars < 1)
    throw new InvalidArgumentError("maxChars", `expected a positive whole number, got ${maxChars}.`);
  if (media?.kind !== "text")
    throw new InvalidArgumentError(
      "media",
      `documentText needs a text, Markdown or HTML document, got ${media?.mediaType ?? String(media)}` +
        `${media?.name ? ` (${media.name})` : ""}.`,
      media?.kind === "pdf" ? "For a PDF use pdfText(media)." : undefined,
    );
  const raw = decodeText(media.bytes).replace(/\r\n?/g, "\n");
  const text = media.mediaType === "text/html" ? htmlToText(raw) : raw;
  return truncateText(text, maxChars);
}
