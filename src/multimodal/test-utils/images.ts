import sharp, { type Sharp } from "sharp";

// Test images made at test time with sharp (nothing downloaded, nothing checked in), plus a few bytes
// of other formats built in memory for negative tests.

export type TestImageFormat = "jpeg" | "png" | "webp" | "gif" | "tiff" | "avif";

export interface MakeImageOptions {
  format?: TestImageFormat;
  /** A solid colour (default), a diagonal colour gradient, or Gaussian noise (like a photo: many colours). */
  fill?: "solid" | "gradient" | "noise";
  /** CSS colour for `solid` (default `#3366cc`). */
  colour?: string;
  /** Add an alpha channel: the left half is transparent. */
  alpha?: boolean;
  /** Write this EXIF orientation (JPEG only): 6 means "rotate 90° clockwise to display". */
  orientation?: number;
  quality?: number;
}

/** An image of `width` × `height` px (as stored; EXIF orientation is only a tag). */
export async function makeImage(
  width: number,
  height: number,
  options: MakeImageOptions = {},
): Promise<Uint8Array> {
  const fill = options.fill ?? "solid";
  let image: Sharp;
  if (fill === "gradient") {
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
      `<stop offset="0" stop-color="#ff0000"/><stop offset="0.5" stop-color="#00ff00"/>` +
      `<stop offset="1" stop-color="#0000ff"/></linearGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#g)"/></svg>`;
    image = sharp(Buffer.from(svg)).removeAlpha();
  } else {
    const noise = fill === "noise" ? { noise: { type: "gaussian" as const, mean: 128, sigma: 40 } } : {};
    image = sharp({
      create: { width, height, channels: 3, background: options.colour ?? "#3366cc", ...noise },
    });
  }
  if (options.alpha) {
    const mask = Buffer.alloc(width * height, 255);
    for (let y = 0; y < height; y++) mask.fill(0, y * width, y * width + Math.floor(width / 2));
    const rgb = await image.raw().toBuffer();
    image = sharp(rgb, { raw: { width, height, channels: 3 } }).joinChannel(mask, {
      raw: { width, height, channels: 1 },
    });
  }
  const format = options.format ?? "png";
  const quality = options.quality ?? 90;
  if (format === "jpeg") image = image.jpeg({ quality });
  else if (format === "webp") image = image.webp({ quality });
  else if (format === "gif") image = image.gif();
  else if (format === "tiff") image = image.tiff();
  else if (format === "avif") image = image.avif({ quality, effort: 0 });
  else image = image.png();
  if (options.orientation !== undefined) image = image.withMetadata({ orientation: options.orientation });
  return new Uint8Array(await image.toBuffer());
}

/** An animated GIF of `frames` frames of different colours. */
export async function makeAnimatedGif(width: number, height: number, frames = 3): Promise<Uint8Array> {
  const colours = ["#ff0000", "#00ff00", "#0000ff", "#ffff00"];
  const raw = Buffer.concat(
    await Promise.all(
      Array.from({ length: frames }, (_, i) =>
        sharp({ create: { width, height, channels: 3, background: colours[i % colours.length]! } })
          .raw()
          .toBuffer(),
      ),
    ),
  );
  const image = sharp(raw, { raw: { width, height: height * frames, channels: 3, pageHeight: height } });
  return new Uint8Array(await image.gif({ loop: 0, delay: Array(frames).fill(100) }).toBuffer());
}

/** A small SVG document (text that is an image). */
export function makeSvg(width = 40, height = 20): Uint8Array {
  return new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="${width}" height="${height}" fill="#c00"/></svg>`,
  );
}

const ascii = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

/** The start of a PDF: enough for type sniffing, not a readable document. */
export const pdfHeader = (): Uint8Array => ascii("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n");

/** A zip local-file header with an empty file called a.txt. */
export const zipBytes = (): Uint8Array =>
  ascii(
    "PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x05\x00\x00\x00a.txt",
  );

/** A DOS/Windows executable header (MZ … PE). */
export function exeBytes(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set(ascii("MZ"), 0);
  bytes.set([0x80, 0, 0, 0], 0x3c);
  bytes.set(ascii("PE\0\0"), 0x80);
  return bytes;
}

/** A PNG signature and IHDR start followed by garbage: sniffed as PNG, not decodable. */
export function corruptPng(): Uint8Array {
  const bytes = new Uint8Array(200).fill(0x5a);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], 0);
  return bytes;
}
