import type { Media } from "../media.js";
import { withPdf } from "./open.js";
import { type PageRange, parsePageRange } from "./pages.js";

export interface PdfPageText {
  /** 1-based page number in the PDF. */
  number: number;
  text: string;
}

export interface PdfText {
  /** The selected pages, in order. */
  pages: PdfPageText[];
  /** Pages in the whole PDF. */
  pageCount: number;
  /** Every selected page, each preceded by a "[page N]" line, separated by blank lines. */
  text: string;
}

export interface PdfTextOptions {
  /** Which pages (default: all). */
  pages?: PageRange | undefined;
  /** Stops between pages; rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/**
 * The text layer of a PDF, page by page (PDF.js through unpdf; no OCR: a scanned page without a
 * text layer gives ""). Lines end where the PDF ends them; spaces are kept as the PDF has them.
 *
 * @throws InvalidArgumentError for pages outside the PDF (the message names the page count);
 *   EncryptedPdfError when it needs a password; CorruptMediaError when it cannot be read.
 */
export async function pdfText(media: Media, options: PdfTextOptions = {}): Promise<PdfText> {
  options.signal?.throwIfAborted();
  return withPdf(media, "pdfText", async (pdf) => {
    const numbers = parsePageRange(options.pages, pdf.numPages);
    const pages: PdfPageText[] = [];
    for (const number of numbers) {
      options.signal?.throwIfAborted();
      const content = await (await pdf.getPage(number)).getTextContent();
      const text = content.items
        .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
        .join("")
        .trimEnd();
      pages.push({ number, text });
    }
    return {
      pages,
      pageCount: pdf.numPages,
      text: pages.map((page) => `[page ${page.number}]\n${page.text}`).join("\n\n"),
    };
  });
}
