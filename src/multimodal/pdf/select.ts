import { Media } from "../media.js";
import { pdfError, withPdf } from "./open.js";
import { type PageRange, parsePageRange } from "./pages.js";

/**
 * A new PDF Media with only the selected pages, in document order, so a native file part can
 * carry a page range (fewer pages: fewer tokens, less upload). Uses PDF.js's page extraction
 * (through unpdf), so it needs no other PDF library at run time; PDFs with only an owner password
 * work too (the copy stays encrypted the same way). Selecting every page returns `media` itself.
 *
 * The result keeps `media.name`; its `info` is `{ pageCount, sourcePages }` (the original page
 * numbers), not the original's info.
 *
 * @throws InvalidArgumentError for pages outside the PDF (the message names the page count);
 *   EncryptedPdfError when it needs a password; CorruptMediaError when it cannot be read.
 */
export async function pdfSubset(media: Media, pages: PageRange): Promise<Media> {
  return withPdf(media, "pdfSubset", async (pdf) => {
    const selected = parsePageRange(pages, pdf.numPages);
    if (selected.length === pdf.numPages) return media;
    let bytes: Uint8Array;
    try {
      bytes = await pdf.extractPages([{ document: null, includePages: selected.map((page) => page - 1) }]);
    } catch (error) {
      throw pdfError(media, error);
    }
    return new Media(bytes, "application/pdf", {
      name: media.name,
      info: { pageCount: selected.length, sourcePages: selected },
    });
  });
}
