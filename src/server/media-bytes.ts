/**
 * Tiny readers of media headers, so the server can estimate media tokens without an image library:
 * the type of some bytes, an image's size, an audio clip's length, a PDF's page count.
 */

/** The media type the bytes start like (undefined: not one the server knows). */
export function sniff(b: Uint8Array): string | undefined {
  const ascii = (at: number, s: string) => s.split("").every((c, i) => b[at + i] === c.charCodeAt(0));
  if (ascii(0, "\x89PNG\r\n\x1a\n")) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (ascii(0, "GIF87a") || ascii(0, "GIF89a")) return "image/gif";
  if (ascii(0, "RIFF") && ascii(8, "WEBP")) return "image/webp";
  if (ascii(0, "RIFF") && ascii(8, "WAVE")) return "audio/wav";
  if (ascii(0, "%PDF-")) return "application/pdf";
  if (ascii(0, "ID3") || (b[0] === 0xff && b[1] !== undefined && (b[1] & 0xe0) === 0xe0)) return "audio/mpeg";
  if (ascii(0, "OggS")) return "audio/ogg";
  if (ascii(0, "fLaC")) return "audio/flac";
  if (ascii(4, "ftyp")) return ascii(8, "M4A ") ? "audio/mp4" : "video/mp4";
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return "video/webm";
  return undefined;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** Width and height from a PNG, JPEG, GIF or WebP header (undefined when unreadable). */
export function imageSize(b: Uint8Array): ImageSize | undefined {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ok = (s: ImageSize | undefined) => (s && s.width > 0 && s.height > 0 ? s : undefined);
  try {
    switch (sniff(b)) {
      case "image/png":
        return ok({ width: dv.getUint32(16), height: dv.getUint32(20) });
      case "image/gif":
        return ok({ width: dv.getUint16(6, true), height: dv.getUint16(8, true) });
      case "image/webp":
        return ok(webpSize(b, dv));
      case "image/jpeg":
        return ok(jpegSize(b, dv));
      default:
        return undefined;
    }
  } catch {
    return undefined; // a header cut short
  }
}

function webpSize(b: Uint8Array, dv: DataView): ImageSize | undefined {
  const chunk = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (chunk === "VP8 ")
    return { width: dv.getUint16(26, true) & 0x3fff, height: dv.getUint16(28, true) & 0x3fff };
  if (chunk === "VP8L") {
    const bits = dv.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === "VP8X") {
    const u24 = (at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
    return { width: u24(24) + 1, height: u24(27) + 1 };
  }
  return undefined;
}

/** Walks the JPEG segments to the first start-of-frame marker (SOF0..SOF15 but DHT, JPG, DAC). */
function jpegSize(b: Uint8Array, dv: DataView): ImageSize | undefined {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = dv.getUint16(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: dv.getUint16(at + 5), width: dv.getUint16(at + 7) };
    at += 2 + length;
  }
  return undefined;
}

/**
 * Seconds of audio: exact for WAV (data size / byte rate), otherwise estimated from the size at
 * 128 kbit/s (16,000 bytes a second), a common MP3 and AAC rate.
 */
export function audioSeconds(b: Uint8Array): number {
  if (sniff(b) === "audio/wav") {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    let byteRate = 0;
    for (let at = 12; at + 8 <= b.length; ) {
      const id = String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
      const size = dv.getUint32(at + 4, true);
      if (id === "fmt " && at + 20 <= b.length) byteRate = dv.getUint32(at + 16, true);
      if (id === "data" && byteRate > 0) return Math.min(size, b.length - at - 8) / byteRate;
      at += 8 + size + (size % 2);
    }
  }
  return b.length / 16_000;
}

/** Pages of a PDF, counted from its `/Type /Page` objects (at least 1). */
export function pdfPages(b: Uint8Array): number {
  const text = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");
  return Math.max(1, text.match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** Strict base64 (standard or URL-safe alphabet, whitespace allowed); undefined when it is not. */
export function decodeBase64(s: string): Uint8Array | undefined {
  const t = s.replace(/\s+/g, "");
  if (!BASE64.test(t) && !BASE64URL.test(t)) return undefined;
  if (t.replace(/=+$/, "").length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(t, BASE64.test(t) ? "base64" : "base64url"));
}
