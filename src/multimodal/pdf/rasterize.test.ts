import { chmod, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { CorruptMediaError } from "../errors/corrupt-media-error.js";
import { EncryptedPdfError } from "../errors/encrypted-pdf-error.js";
import { PdfToolMissingError } from "../errors/pdf-tool-missing-error.js";
import { Media } from "../media.js";
import { pdfPagesToImages } from "./rasterize.js";
import { makeEncryptedPdf, pdfMedia } from "./test-utils/pdfs.js";

const ours = async () =>
  new Set((await readdir(tmpdir())).filter((name) => name.startsWith("flowprompt-pdf-")));
const pixel = async (image: Media, x: number, y: number) => {
  const { data, info } = await sharp(image.bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at], data[at + 1], data[at + 2]];
};

let doc: Media;
let scripts: string;
let before: Set<string>;
beforeAll(async () => {
  before = await ours();
  // Page 2 has a red image at x 50–250 pt, 200–300 pt from the top.
  doc = await pdfMedia({ pages: 3, imageOn: [2] }, "slides.pdf");
  scripts = await mkdtemp(join(tmpdir(), "fp-pdf-test-"));
});
afterAll(async () => {
  await rm(scripts, { recursive: true, force: true });
});

async function script(name: string, body: string): Promise<string> {
  const path = join(scripts, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe("pdfPagesToImages", () => {
  it("renders the selected pages as PNGs sized by the DPI, in page order", async () => {
    const images = await pdfPagesToImages(doc, { pages: "3,1", dpi: 72 });
    expect(images.map((image) => image.info.page)).toEqual([1, 3]);
    for (const image of images) {
      expect(image.kind).toBe("image");
      expect(image.mediaType).toBe("image/png");
      expect([...image.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const meta = await sharp(image.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", 612, 792]);
      expect(image.info).toMatchObject({ dpi: 72, width: 612, height: 792 });
    }
    expect(images[1]!.name).toBe("slides.pdf#page=3");
  });

  it("scales with the DPI (default 100) and draws the page's image", async () => {
    const [page2] = await pdfPagesToImages(doc, { pages: 2 });
    expect(await sharp(page2!.bytes).metadata()).toMatchObject({ width: 850, height: 1100 });
    const [big] = await pdfPagesToImages(doc, { pages: [2], dpi: 144 });
    expect(big!.info).toMatchObject({ width: 1224, height: 1584 });
    // 150 pt from the left, 250 pt from the top: inside the red image on page 2 only.
    const [r, g, b] = await pixel(big!, 300, 500);
    expect(r).toBeGreaterThan(180);
    expect(g! + b!).toBeLessThan(80);
    const [page1] = await pdfPagesToImages(doc, { pages: 1, dpi: 144 });
    expect(await pixel(page1!, 300, 500)).toEqual([255, 255, 255]);
  });

  it("renders JPEGs", async () => {
    const images = await pdfPagesToImages(doc, { format: "jpeg", dpi: 50, quality: 60 });
    expect(images).toHaveLength(3);
    for (const image of images) {
      expect(image.mediaType).toBe("image/jpeg");
      expect([...image.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      const meta = await sharp(image.bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 425, 550]);
      expect(image.info).toMatchObject({ width: 425, height: 550 });
    }
  });

  it("renders a PDF that has only an owner password", async () => {
    const media = new Media(await makeEncryptedPdf({ pages: 2 }), "application/pdf");
    const images = await pdfPagesToImages(media, { dpi: 20 });
    expect(images.map((image) => [image.info.page, image.name])).toEqual([
      [1, "document.pdf#page=1"],
      [2, "document.pdf#page=2"],
    ]);
  });

  it("refuses more pages than maxPages, and bad options", async () => {
    const error = await pdfPagesToImages(doc, { maxPages: 2 }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("3 pages selected, more than maxPages (2)");
    await expect(pdfPagesToImages(doc, { pages: "4" })).rejects.toThrow("the PDF has 3 pages");
    await expect(pdfPagesToImages(doc, { dpi: 5 })).rejects.toThrow("Invalid dpi");
    await expect(pdfPagesToImages(doc, { quality: 0.5 })).rejects.toThrow("Invalid quality");
    await expect(pdfPagesToImages(doc, { format: "gif" as "png" })).rejects.toThrow("Invalid format");
  });

  it("throws EncryptedPdfError for a PDF that needs a password", async () => {
    const media = new Media(await makeEncryptedPdf({ userPassword: "pw" }), "application/pdf");
    await expect(pdfPagesToImages(media)).rejects.toSatisfy(EncryptedPdfError.isInstance);
  });

  it("throws PdfToolMissingError, with the install command, when pdftoppm is missing", async () => {
    const error = await pdfPagesToImages(doc, { pdftoppm: "/nowhere/pdftoppm" }).catch((e: unknown) => e);
    expect(PdfToolMissingError.isInstance(error)).toBe(true);
    const missing = error as PdfToolMissingError;
    expect(missing.code).toBe("FP_PDF_TOOL_MISSING");
    expect(missing.tried).toEqual(["the pdftoppm option (/nowhere/pdftoppm)"]);
    expect(missing.hint).toContain("sudo apt-get install poppler-utils");
    expect(missing.hint).toContain("pdfText(media)");
    vi.stubEnv("FLOWPROMPT_PDFTOPPM", "/nowhere/else");
    try {
      const fromEnv = await pdfPagesToImages(doc).catch((e: unknown) => e);
      expect((fromEnv as PdfToolMissingError).tried).toEqual(["FLOWPROMPT_PDFTOPPM (/nowhere/else)"]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("reports pdftoppm's error as CorruptMediaError", async () => {
    const failing = await script("fail.sh", "echo 'Syntax Error: broken xref' >&2; exit 1");
    const error = await pdfPagesToImages(doc, { pdftoppm: failing }).catch((e: unknown) => e);
    expect(CorruptMediaError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("pdftoppm failed: Syntax Error: broken xref");
    const silent = await script("silent.sh", "exit 0");
    await expect(pdfPagesToImages(doc, { pdftoppm: silent })).rejects.toThrow(
      "pdftoppm made no image of page 1",
    );
  });

  it("kills pdftoppm when the signal aborts, and rejects with its reason", async () => {
    const slow = await script("slow.sh", "exec sleep 10");
    const started = Date.now();
    const reason = new Error("user gave up");
    const call = pdfPagesToImages(doc, { pdftoppm: slow, signal: AbortSignal.timeout(300) });
    await expect(call).rejects.toThrow(/timed out|aborted/i);
    expect(Date.now() - started).toBeLessThan(5_000);
    const controller = new AbortController();
    controller.abort(reason);
    await expect(pdfPagesToImages(doc, { signal: controller.signal })).rejects.toBe(reason);
  });

  it("leaves no temporary files behind", async () => {
    const left = [...(await ours())].filter((name) => !before.has(name));
    expect(left).toEqual([]);
  });
});
