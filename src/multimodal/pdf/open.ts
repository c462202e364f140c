import { getDocumentProxy } from "unpdf";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { CorruptMediaError } from "../errors/corrupt-media-error.js";
import { EncryptedPdfError } from "../errors/encrypted-pdf-error.js";
import type { Media } from "../media.js";

/** The PDF.js document proxy (from unpdf) our helpers work on. */
export type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** Where a PDF came from, for messages. */
export const sourceOf = (media: Media): string => media.name ?? "the PDF";

/** @throws InvalidArgumentError unless `media` is a PDF. */
export function assertPdf(media: Media, fn: string): void {
  if (media?.kind !== "pdf")
    throw new InvalidArgumentError(
      "media",
      `${fn} needs a PDF, got ${media?.mediaType ?? String(media)}${media?.name ? ` (${media.name})` : ""}.`,
      "Load the file with loadMedia; its type is read from the bytes.",
    );
}

/** Maps PDF.js errors to FlowPrompt's: a password → EncryptedPdfError, anything else → CorruptMediaError. */
export function pdfError(media: Media, error: unknown): Error {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "PasswordException")
    return new EncryptedPdfError(media.name, { passwordRequired: true, cause: error });
  return new CorruptMediaError(sourceOf(media), media.mediaType, { cause: error });
}

/**
 * Opens a PDF with PDF.js (on a copy of the bytes: PDF.js may take over its buffer) and runs `use`
 * on it, always releasing the document afterwards.
 *
 * @throws EncryptedPdfError when it needs a password; CorruptMediaError when PDF.js cannot read it.
 */
export async function withPdf<T>(
  media: Media,
  fn: string,
  use: (pdf: PdfDocument) => Promise<T>,
): Promise<T> {
  assertPdf(media, fn);
  let pdf: PdfDocument;
  try {
    // verbosity 0: errors only (no "Indexing all PDF objects" warnings on stderr).
    pdf = await getDocumentProxy(new Uint8Array(media.bytes), { verbosity: 0 });
  } catch (error) {
    throw pdfError(media, error);
  }
  try {
    return await use(pdf);
  } finally {
    await pdf.loadingTask.destroy();
  }
}
