/**
 * Splits ffmpeg's `image2pipe` output (JPEG or PNG images back to back) into single images as the
 * bytes arrive, by walking each format's structure (JPEG segments and entropy-coded data, PNG chunks),
 * so that a byte budget can stop ffmpeg between two images.
 */
export class ImageStream {
  readonly #format: "jpeg" | "png";
  #buffer: Buffer = Buffer.alloc(0);
  /** Where to resume walking the current image (after its last complete segment). */
  #resume = 0;

  constructor(format: "jpeg" | "png") {
    this.#format = format;
  }

  /** Adds bytes; returns the images completed by them. */
  push(chunk: Buffer): Buffer[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const images: Buffer[] = [];
    for (;;) {
      const walk =
        this.#format === "jpeg" ? jpegEnd(this.#buffer, this.#resume) : pngEnd(this.#buffer, this.#resume);
      if (walk.end === undefined) {
        this.#resume = walk.resume;
        return images;
      }
      images.push(this.#buffer.subarray(0, walk.end));
      this.#buffer = this.#buffer.subarray(walk.end);
      this.#resume = 0;
    }
  }

  /** Bytes received that do not (yet) form a whole image. */
  get pending(): number {
    return this.#buffer.length;
  }
}

interface Walk {
  /** One past the image's last byte, when complete. */
  end?: number;
  /** A safe place to start walking again when more bytes arrive. */
  resume: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngEnd(b: Buffer, from: number): Walk {
  if (b.length < 8) return { resume: 0 };
  if (from === 0 && !b.subarray(0, 8).equals(PNG_SIGNATURE))
    throw new Error("ffmpeg wrote something that is not a PNG");
  let at = Math.max(from, 8);
  while (at + 8 <= b.length) {
    const length = b.readUInt32BE(at);
    const type = b.toString("latin1", at + 4, at + 8);
    const next = at + 12 + length;
    if (next > b.length) break;
    if (type === "IEND") return { end: next, resume: 0 };
    at = next;
  }
  return { resume: at };
}

function jpegEnd(b: Buffer, from: number): Walk {
  if (b.length < 2) return { resume: 0 };
  if (from === 0 && (b[0] !== 0xff || b[1] !== 0xd8))
    throw new Error("ffmpeg wrote something that is not a JPEG");
  let at = Math.max(from, 2);
  while (at + 1 < b.length) {
    if (b[at] !== 0xff) {
      // Entropy-coded data after a start of scan: find the next marker that is not stuffing (FF 00) or a restart.
      const ff = b.indexOf(0xff, at);
      if (ff < 0) return { resume: b.length };
      if (ff + 1 >= b.length) return { resume: ff };
      const m = b[ff + 1]!;
      at = m === 0x00 || (m >= 0xd0 && m <= 0xd7) ? ff + 2 : ff;
      continue;
    }
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xd9) return { end: at + 2, resume: 0 };
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      // Byte stuffing or a restart marker inside entropy-coded data (when resuming at an FF), or TEM.
      at += 2;
      continue;
    }
    if (at + 4 > b.length) break;
    const next = at + 2 + b.readUInt16BE(at + 2);
    if (next > b.length) break;
    at = next; // after SOS this lands in entropy-coded data, walked above
  }
  return { resume: at };
}
