import type { Media } from "../media.js";
import { withPdf } from "./open.js";

/** What `pdfInfo` reads from a PDF without reading its pages. */
export interface PdfInfo {
  pageCount: number;
  /**
   * True when the PDF is encrypted but opens without a password (an owner password restricting
   * printing or copying). A PDF that needs a password to open throws EncryptedPdfError instead.
   */
  encrypted: boolean;
  /** The PDF version from the header, e.g. "1.7". */
  version: string | undefined;
  /** From the document information dictionary, else the XMP metadata. */
  title: string | undefined;
  author: string | undefined;
  subject: string | undefined;
  /** The program that made it (Creator), e.g. "Microsoft Word". */
  creator: string | undefined;
  producer: string | undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;

/**
 * Page count, encryption and metadata of a PDF: cheap, it reads the cross-reference table and
 * the document catalog, not the pages.
 *
 * @throws EncryptedPdfError when the PDF needs a password; CorruptMediaError when it cannot be read;
 *   InvalidArgumentError when `media` is not a PDF.
 */
export async function pdfInfo(media: Media): Promise<PdfInfo> {
  return withPdf(media, "pdfInfo", async (pdf) => {
    const { info, metadata } = (await pdf.getMetadata()) as unknown as {
      info: Record<string, unknown>;
      metadata: { get(name: string): unknown } | null;
    };
    return {
      pageCount: pdf.numPages,
      encrypted: text(info.EncryptFilterName) !== undefined,
      version: text(info.PDFFormatVersion),
      title: text(info.Title) ?? text(metadata?.get("dc:title")),
      author: text(info.Author) ?? text(metadata?.get("dc:creator")),
      subject: text(info.Subject),
      creator: text(info.Creator),
      producer: text(info.Producer),
    };
  });
}
