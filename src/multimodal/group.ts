import type { FilePart, ImagePart, TextPart } from "ai";
import type { Media } from "./media.js";

/**
 * Several media placed by one `{{media url=x}}`, each optionally after a text label: a video's
 * frames with their timestamps, a PDF's pages as images. Its identity for cache keys is the labels
 * and the content hashes of its items.
 */
export class MediaGroup {
  readonly items: readonly { label?: string; media: Media }[];
  /** Text placed before the items (e.g. "Frames of clip.mp4, 8 of 8:"). */
  readonly title: string | undefined;

  constructor(items: readonly { label?: string; media: Media }[], title?: string) {
    this.items = items;
    this.title = title;
  }

  toParts(): (TextPart | ImagePart | FilePart)[] {
    const parts: (TextPart | ImagePart | FilePart)[] = [];
    if (this.title !== undefined) parts.push({ type: "text", text: `${this.title}\n` });
    for (const { label, media } of this.items) {
      if (label !== undefined) parts.push({ type: "text", text: `${label}\n` });
      parts.push(media.toPart());
    }
    return parts;
  }

  toPart(): TextPart | ImagePart | FilePart {
    return this.toParts()[0] ?? { type: "text", text: "" };
  }

  toJSON() {
    return { title: this.title ?? null, items: this.items.map((i) => [i.label ?? null, i.media.toJSON()]) };
  }
}
