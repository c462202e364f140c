import { beforeAll, describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { CorruptMediaError } from "../errors/corrupt-media-error.js";
import { EncryptedPdfError } from "../errors/encrypted-pdf-error.js";
import { Media } from "../media.js";
import { pdfInfo } from "./info.js";
import { makeEncryptedPdf, makeGarbagePdf, makeTruncatedPdf, pageText, pdfMedia } from "./test-utils/pdfs.js";
import { pdfText } from "./text.js";

const pdf = (bytes: Uint8Array, name = "doc.pdf") => new Media(bytes, "application/pdf", { name });

let five: Media;
beforeAll(async () => {
  five = await pdfMedia({ pages: 5, title: "Quarterly report" }, "report.pdf");
});

describe("pdfText", () => {
  it("gives every page's text with its number, and a joined text with [page N] lines", async () => {
    const result = await pdfText(five);
    expect(result.pageCount).toBe(5);
    expect(result.pages).toEqual([1, 2, 3, 4, 5].map((number) => ({ number, text: pageText(number) })));
    expect(result.text).toBe([1, 2, 3, 4, 5].map((n) => `[page ${n}]\n${pageText(n)}`).join("\n\n"));
  });

  it("reads only the selected pages, in page order", async () => {
    const result = await pdfText(five, { pages: "4,1-2" });
    expect(result.pages.map((page) => page.number)).toEqual([1, 2, 4]);
    expect(result.pages[2]!.text).toBe(pageText(4));
    expect(result.pageCount).toBe(5);
    expect(result.text).toBe(
      `[page 1]\n${pageText(1)}\n\n[page 2]\n${pageText(2)}\n\n[page 4]\n${pageText(4)}`,
    );
    expect((await pdfText(five, { pages: { from: 5 } })).text).toBe(`[page 5]\n${pageText(5)}`);
  });

  it("rejects pages outside the PDF, naming its page count", async () => {
    const error = await pdfText(five, { pages: "2-9" }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/page 9 .*out of range \(the PDF has 5 pages\)/);
  });

  it("keeps multi-line pages and gives an empty string for a page without text", async () => {
    const media = await pdfMedia({ pages: 2, text: (n) => (n === 1 ? "" : "Line one") });
    const result = await pdfText(media);
    expect(result.pages).toEqual([
      { number: 1, text: "" },
      { number: 2, text: "Line one" },
    ]);
  });

  it("stops when the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(pdfText(five, { signal: controller.signal })).rejects.toThrow("stop");
  });
});

describe("pdfInfo", () => {
  it("reads the page count, the title and that it is not encrypted", async () => {
    const info = await pdfInfo(five);
    expect(info).toMatchObject({ pageCount: 5, encrypted: false, title: "Quarterly report", version: "1.7" });
    expect(info.producer).toContain("pdf-lib");
  });

  it("reports a PDF with only an owner password as encrypted, and still reads its text", async () => {
    const media = pdf(await makeEncryptedPdf({ pages: 2 }));
    expect(await pdfInfo(media)).toMatchObject({ pageCount: 2, encrypted: true, title: undefined });
    expect((await pdfText(media)).pages[1]).toEqual({ number: 2, text: pageText(2) });
  });
});

describe("unreadable PDFs", () => {
  it("throws EncryptedPdfError for a PDF that needs a password", async () => {
    const media = pdf(await makeEncryptedPdf({ userPassword: "secret" }), "locked.pdf");
    for (const call of [() => pdfText(media), () => pdfInfo(media)]) {
      const error = await call().catch((e: unknown) => e);
      expect(EncryptedPdfError.isInstance(error)).toBe(true);
      const encrypted = error as EncryptedPdfError;
      expect(encrypted.code).toBe("FP_PDF_ENCRYPTED");
      expect(encrypted.passwordRequired).toBe(true);
      expect(encrypted.file).toBe("locked.pdf");
      expect(encrypted.message).toContain("locked.pdf is encrypted and needs a password");
      expect(encrypted.hint).toContain("qpdf");
      expect(encrypted.toJSON()).toMatchObject({ code: "FP_PDF_ENCRYPTED", passwordRequired: true });
    }
  });

  it.each([
    ["truncated", () => makeTruncatedPdf(0.5)],
    ["garbage", async () => makeGarbagePdf()],
    ["empty", async () => new Uint8Array(0)],
  ])("throws CorruptMediaError for a %s PDF", async (_, make) => {
    const media = pdf(await make(), "broken.pdf");
    for (const call of [() => pdfText(media), () => pdfInfo(media)]) {
      const error = await call().catch((e: unknown) => e);
      expect(CorruptMediaError.isInstance(error)).toBe(true);
      expect((error as CorruptMediaError).source).toBe("broken.pdf");
      expect((error as CorruptMediaError).mediaType).toBe("application/pdf");
    }
  });

  it("refuses media that is not a PDF", async () => {
    const text = new Media(new TextEncoder().encode("hi"), "text/plain", { name: "notes.txt" });
    const error = await pdfText(text).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("pdfText needs a PDF, got text/plain (notes.txt)");
  });
});
