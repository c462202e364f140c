import { hash } from "node:crypto";
import type { FilePart, ImagePart, TextPart } from "ai";

/** What a piece of media is, by its sniffed type. */
export type MediaKind = "image" | "audio" | "video" | "pdf" | "text";

const MARKER = Symbol.for("flowprompt.media");

/** The kind of a MIME type (undefined when FlowPrompt does not handle it). */
export function kindOf(mediaType: string): MediaKind | undefined {
  if (mediaType.startsWith("image/")) return "image";
  if (mediaType.startsWith("audio/")) return "audio";
  if (mediaType.startsWith("video/")) return "video";
  if (mediaType === "application/pdf") return "pdf";
  if (mediaType === "text/plain" || mediaType === "text/markdown" || mediaType === "text/html") return "text";
  return undefined;
}

/**
 * A piece of media (image, audio, video, PDF or text document) as bytes with a MIME type that was
 * read from the bytes, never trusted from a file name. Immutable. Use it as a prompt variable and
 * place it with `{{media url=photo}}`; cache keys see its content hash (`toJSON`), so the same bytes
 * under another path still hit.
 */
export class Media {
  readonly bytes: Uint8Array;
  readonly mediaType: string;
  readonly kind: MediaKind;
  /** Where it came from (a file name or URL), for messages; not part of its identity. */
  readonly name: string | undefined;
  /** Extra facts found while loading (width/height, duration, pages…). */
  readonly info: Readonly<Record<string, unknown>>;
  #sha256: string | undefined;

  constructor(
    bytes: Uint8Array,
    mediaType: string,
    options: { name?: string | undefined; info?: Record<string, unknown> } = {},
  ) {
    const kind = kindOf(mediaType);
    if (kind === undefined) throw new TypeError(`Media: unsupported media type ${mediaType}`);
    this.bytes = bytes;
    this.mediaType = mediaType;
    this.kind = kind;
    this.name = options.name;
    this.info = Object.freeze({ ...options.info });
    (this as unknown as Record<symbol, boolean>)[MARKER] = true;
  }

  /** True for a Media from any copy of FlowPrompt (where `instanceof` fails). */
  static isInstance(value: unknown): value is Media {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** Hex SHA-256 of the bytes (computed once). */
  get sha256(): string {
    this.#sha256 ??= hash("sha256", this.bytes, "hex");
    return this.#sha256;
  }

  get size(): number {
    return this.bytes.byteLength;
  }

  /** Identity for cache keys and logs: the type and the content hash, never the bytes or the path. */
  toJSON(): { media: string; sha256: string; bytes: number; detail?: string } {
    const detail = this.info.detail;
    return {
      media: this.mediaType,
      sha256: this.sha256,
      bytes: this.size,
      ...(typeof detail === "string" && { detail }),
    };
  }

  /** The bytes as UTF-8 text (for text documents). */
  text(): string {
    return new TextDecoder().decode(this.bytes);
  }

  toDataUrl(): string {
    return `data:${this.mediaType};base64,${Buffer.from(this.bytes).toString("base64")}`;
  }

  /**
   * The AI SDK prompt part: an image part for images, the text itself for text documents, a file
   * part for everything else (PDF, audio, video).
   */
  toPart(): TextPart | ImagePart | FilePart {
    if (this.kind === "image") {
      // A detail level chosen for this image (prepareImage's `detail`) goes to OpenAI as imageDetail.
      const detail = this.info.detail;
      return {
        type: "image",
        image: this.bytes,
        mediaType: this.mediaType,
        ...((detail === "low" || detail === "high") && {
          providerOptions: { openai: { imageDetail: detail } },
        }),
      };
    }
    if (this.kind === "text") return { type: "text", text: this.text() };
    return {
      type: "file",
      data: this.bytes,
      mediaType: this.mediaType,
      ...(this.name !== undefined && { filename: this.name.split("/").pop() }),
    };
  }

  /** A copy with other bytes (after resizing, transcoding…), keeping the name. */
  with(bytes: Uint8Array, mediaType: string, info: Record<string, unknown> = {}): Media {
    return new Media(bytes, mediaType, { name: this.name, info: { ...this.info, ...info } });
  }
}
