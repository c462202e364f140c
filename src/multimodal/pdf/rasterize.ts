import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { CorruptMediaError } from "../errors/corrupt-media-error.js";
import { PdfToolMissingError } from "../errors/pdf-tool-missing-error.js";
import { readImageSize } from "../image/info.js";
import { Media } from "../media.js";
import { findProgram, isExecutable } from "../programs.js";
import { sourceOf, withPdf } from "./open.js";
import { type PageRange, pageRuns, parsePageRange } from "./pages.js";

const run = promisify(execFile);

export interface PdfToImagesOptions {
  /** Which pages (default: all, up to `maxPages`). */
  pages?: PageRange | undefined;
  /** Resolution, 10…600 (default 100: a US Letter page becomes 850×1100 px). */
  dpi?: number | undefined;
  /** Default "png" (sharp text); "jpeg" is smaller for scans and photos. */
  format?: "png" | "jpeg" | undefined;
  /** JPEG quality 1…100 (default 85). */
  quality?: number | undefined;
  /** Refuse to render more pages than this (default 20); pick pages or raise it. */
  maxPages?: number | undefined;
  /** Kills pdftoppm and rejects with the signal's reason (use AbortSignal.timeout for a time limit). */
  signal?: AbortSignal | undefined;
  /** Path of pdftoppm (default: FLOWPROMPT_PDFTOPPM, /usr/bin/pdftoppm, then PATH). */
  pdftoppm?: string | undefined;
}

/** The pdftoppm to run. An explicit option or FLOWPROMPT_PDFTOPPM must exist (no silent fallback). */
export function locatePdftoppm(explicit?: string): string {
  const pinned = explicit ?? (process.env.FLOWPROMPT_PDFTOPPM || undefined);
  if (pinned !== undefined) {
    if (isExecutable(pinned)) return pinned;
    const where = explicit !== undefined ? "the pdftoppm option" : "FLOWPROMPT_PDFTOPPM";
    throw new PdfToolMissingError("pdftoppm", [`${where} (${pinned})`]);
  }
  const search = findProgram("pdftoppm");
  if (search.path === undefined) throw new PdfToolMissingError("pdftoppm", search.tried);
  return search.path;
}

function checkNumber(name: string, value: number, min: number, max: number, integer: boolean): number {
  if (typeof value !== "number" || !(value >= min && value <= max) || (integer && !Number.isInteger(value)))
    throw new InvalidArgumentError(
      name,
      `expected ${integer ? "a whole number" : "a number"} from ${min} to ${max}, got ${value}.`,
    );
  return value;
}

/**
 * Renders PDF pages to images with Poppler's `pdftoppm` (run as a child process on a temporary
 * copy, removed afterwards), for models that read images but not PDFs, or scans without a text
 * layer. Returns one image Media per page, in page order, named "<name>#page=N", with
 * `info: { page, dpi, width, height }`.
 *
 * @throws PdfToolMissingError when pdftoppm is not installed; InvalidArgumentError for pages
 *   outside the PDF, more pages than `maxPages` or a bad option; EncryptedPdfError when it needs a
 *   password; CorruptMediaError when it cannot be read or rendered; the signal's reason on abort.
 */
export async function pdfPagesToImages(media: Media, options: PdfToImagesOptions = {}): Promise<Media[]> {
  const dpi = checkNumber("dpi", options.dpi ?? 100, 10, 600, false);
  const quality = checkNumber("quality", options.quality ?? 85, 1, 100, true);
  const maxPages = checkNumber("maxPages", options.maxPages ?? 20, 1, Number.MAX_SAFE_INTEGER, true);
  const format = options.format ?? "png";
  if (format !== "png" && format !== "jpeg")
    throw new InvalidArgumentError("format", `expected "png" or "jpeg", got ${JSON.stringify(format)}.`);
  options.signal?.throwIfAborted();
  const pages = await withPdf(media, "pdfPagesToImages", async (pdf) =>
    parsePageRange(options.pages, pdf.numPages),
  );
  if (pages.length > maxPages)
    throw new InvalidArgumentError(
      "pages",
      `${pages.length} pages selected, more than maxPages (${maxPages}).`,
      `Pick fewer pages (pages: "1-${maxPages}") or raise maxPages.`,
    );
  const pdftoppm = locatePdftoppm(options.pdftoppm);
  const dir = await mkdtemp(join(tmpdir(), "flowprompt-pdf-"));
  try {
    const input = join(dir, "in.pdf");
    await writeFile(input, media.bytes);
    for (const [first, last] of pageRuns(pages)) {
      const args = ["-r", String(dpi), "-f", String(first), "-l", String(last)];
      args.push(
        ...(format === "png" ? ["-png"] : ["-jpeg", "-jpegopt", `quality=${quality}`]),
        input,
        join(dir, "p"),
      );
      await render(pdftoppm, args, media, options.signal);
    }
    const files = new Map<number, string>();
    for (const file of await readdir(dir)) {
      const match = /^p-(\d+)\.(?:png|jpg)$/.exec(file);
      if (match) files.set(Number(match[1]), file);
    }
    const images: Media[] = [];
    for (const page of pages) {
      const file = files.get(page);
      if (file === undefined)
        throw new CorruptMediaError(sourceOf(media), media.mediaType, {
          cause: new Error(`pdftoppm made no image of page ${page}`),
        });
      const bytes = new Uint8Array(await readFile(join(dir, file)));
      const type = format === "png" ? "image/png" : "image/jpeg";
      const name = `${media.name ?? "document.pdf"}#page=${page}`;
      const size = await readImageSize(bytes, type, name);
      images.push(new Media(bytes, type, { name, info: { page, dpi, ...size } }));
    }
    return images;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function render(
  pdftoppm: string,
  args: string[],
  media: Media,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    await run(pdftoppm, args, { signal, killSignal: "SIGKILL", maxBuffer: 1 << 20, windowsHide: true });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    const { code, stderr } = error as { code?: unknown; stderr?: unknown };
    if (code === "ENOENT" || code === "EACCES") throw new PdfToolMissingError("pdftoppm", [pdftoppm], error);
    const detail =
      typeof stderr === "string" && stderr.trim()
        ? stderr.trim().split("\n").slice(-3).join("; ")
        : String(error);
    throw new CorruptMediaError(sourceOf(media), media.mediaType, {
      cause: new Error(`pdftoppm failed: ${detail}`),
    });
  }
}
