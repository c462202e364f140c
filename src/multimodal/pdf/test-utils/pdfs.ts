import { hash } from "node:crypto";
import {
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFStream,
  StandardFonts,
} from "pdf-lib";
import sharp from "sharp";
import { Media } from "../../media.js";

/** The text drawn on page `n` of a fixture made by `makePdf` (plain ASCII, so extraction is exact). */
export const pageText = (n: number): string => `This is page ${n} of the test document`;

export interface MakePdfOptions {
  /** Page count (default 3). */
  pages?: number;
  /** Document title in the Info dictionary. */
  title?: string;
  /** Draw a 200x100 pt red image on these pages (1-based). */
  imageOn?: number[];
  /** Page size in points (default US Letter, 612x792). */
  size?: [number, number];
  /** Text per page, overriding `pageText`. */
  text?: (n: number) => string;
}

async function build(options: MakePdfOptions, updateMetadata: boolean): Promise<PDFDocument> {
  const doc = await PDFDocument.create({ updateMetadata });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [width, height] = options.size ?? [612, 792];
  const image =
    options.imageOn && options.imageOn.length > 0
      ? await doc.embedPng(
          await sharp({ create: { width: 40, height: 20, channels: 3, background: "#d00" } })
            .png()
            .toBuffer(),
        )
      : undefined;
  for (let n = 1; n <= (options.pages ?? 3); n++) {
    const page = doc.addPage([width, height]);
    page.drawText((options.text ?? pageText)(n), { x: 50, y: height - 80, size: 14, font });
    if (image && options.imageOn?.includes(n))
      page.drawImage(image, { x: 50, y: height - 300, width: 200, height: 100 });
  }
  if (options.title !== undefined) doc.setTitle(options.title);
  return doc;
}

/** A PDF with `pages` pages, page n saying `pageText(n)`. Made with pdf-lib; nothing is downloaded. */
export async function makePdf(options: MakePdfOptions = {}): Promise<Uint8Array> {
  return (await build(options, true)).save();
}

/** `makePdf` wrapped in a Media. */
export async function pdfMedia(options: MakePdfOptions = {}, name = "test.pdf"): Promise<Media> {
  return new Media(await makePdf(options), "application/pdf", { name });
}

// --- The PDF Standard Security Handler, revision 2 (40-bit RC4), just enough to write test files. ---

const PAD = Buffer.from("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A", "hex");
const md5 = (...parts: Uint8Array[]): Buffer => hash("md5", Buffer.concat(parts), "buffer");
const padded = (password: string): Buffer =>
  Buffer.concat([Buffer.from(password, "latin1"), PAD]).subarray(0, 32);

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

/**
 * A `makePdf` document really encrypted with RC4 (every stream), so readers must decrypt it.
 * With a `userPassword` nothing opens it without that password; with the default empty one it
 * opens anywhere (only an owner password, restricting e.g. printing), like many "secured" PDFs.
 */
export async function makeEncryptedPdf(
  options: MakePdfOptions & { userPassword?: string; ownerPassword?: string } = {},
): Promise<Uint8Array> {
  const doc = await build(options, false);
  await doc.flush();
  const { context } = doc;
  const id = md5(Buffer.from(`flowprompt-fixture-${options.pages ?? 3}`));
  const permissions = -44; // no printing, copying or changing
  const o = rc4(
    md5(padded(options.ownerPassword ?? "owner")).subarray(0, 5),
    padded(options.userPassword ?? ""),
  );
  const le = Buffer.alloc(4);
  le.writeInt32LE(permissions);
  const key = md5(padded(options.userPassword ?? ""), o, le, id).subarray(0, 5);
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFStream)) continue;
    const n = ref.objectNumber;
    const g = ref.generationNumber;
    const objectKey = md5(
      key,
      Uint8Array.of(n & 255, (n >> 8) & 255, (n >> 16) & 255, g & 255, (g >> 8) & 255),
    );
    context.assign(ref, PDFRawStream.of(object.dict, rc4(objectKey.subarray(0, 10), object.getContents())));
  }
  const encrypt = context.obj({ Filter: "Standard", V: 1, R: 2, P: permissions });
  encrypt.set(PDFName.of("O"), PDFHexString.of(Buffer.from(o).toString("hex")));
  encrypt.set(PDFName.of("U"), PDFHexString.of(Buffer.from(rc4(key, PAD)).toString("hex")));
  encrypt.set(PDFName.of("Length"), PDFNumber.of(40));
  context.trailerInfo.Encrypt = context.register(encrypt);
  const ids = PDFArray.withContext(context);
  ids.push(PDFHexString.of(id.toString("hex")));
  ids.push(PDFHexString.of(id.toString("hex")));
  context.trailerInfo.ID = ids;
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** The first `fraction` of a valid PDF's bytes (a download cut short). */
export async function makeTruncatedPdf(fraction = 0.3, options: MakePdfOptions = {}): Promise<Uint8Array> {
  const bytes = await makePdf(options);
  return bytes.subarray(0, Math.floor(bytes.length * fraction));
}

/** Bytes that start like a PDF and then are garbage. */
export function makeGarbagePdf(size = 2048): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 7919 + 13) & 255;
  bytes.set(Buffer.from("%PDF-1.7\n"));
  return bytes;
}
