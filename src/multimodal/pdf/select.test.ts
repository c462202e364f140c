import { extractImages } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { CorruptMediaError } from "../errors/corrupt-media-error.js";
import { EncryptedPdfError } from "../errors/encrypted-pdf-error.js";
import { Media } from "../media.js";
import { pdfInfo } from "./info.js";
import { pdfSubset } from "./select.js";
import { makeEncryptedPdf, makeTruncatedPdf, pageText, pdfMedia } from "./test-utils/pdfs.js";
import { pdfText } from "./text.js";

let doc: Media;
beforeAll(async () => {
  doc = await pdfMedia({ pages: 12, imageOn: [7] }, "contract.pdf");
});

describe("pdfSubset", () => {
  it("keeps exactly the selected pages, in document order", async () => {
    const subset = await pdfSubset(doc, "9,2-3,7");
    expect(subset.kind).toBe("pdf");
    expect(subset.mediaType).toBe("application/pdf");
    expect(subset.name).toBe("contract.pdf");
    expect(subset.info).toEqual({ pageCount: 4, sourcePages: [2, 3, 7, 9] });
    const { pages, pageCount } = await pdfText(subset);
    expect(pageCount).toBe(4);
    expect(pages.map((page) => page.text)).toEqual([2, 3, 7, 9].map(pageText));
    expect(subset.sha256).not.toBe(doc.sha256);
  });

  it("makes a smaller file that a native file part can carry", async () => {
    const one = await pdfSubset(doc, 1);
    expect((await pdfInfo(one)).pageCount).toBe(1);
    expect(one.size).toBeLessThan(doc.size);
    expect(one.toPart()).toMatchObject({
      type: "file",
      mediaType: "application/pdf",
      filename: "contract.pdf",
    });
  });

  it("keeps a page's image", async () => {
    const images = async (media: Media) =>
      (await extractImages(new Uint8Array(media.bytes), 1)).map(({ width, height }) => [width, height]);
    expect(await images(await pdfSubset(doc, [7]))).toEqual([[40, 20]]);
    expect(await images(await pdfSubset(doc, [6]))).toEqual([]);
  });

  it("returns the same Media when every page is selected", async () => {
    expect(await pdfSubset(doc, "1-")).toBe(doc);
  });

  it("rejects pages outside the PDF", async () => {
    await expect(pdfSubset(doc, { from: 10, to: 13 })).rejects.toThrow(/page 13 .*the PDF has 12 pages/);
  });

  it("works on a PDF with only an owner password", async () => {
    const media = new Media(await makeEncryptedPdf({ pages: 3 }), "application/pdf");
    const subset = await pdfSubset(media, "3");
    expect((await pdfText(subset)).pages).toEqual([{ number: 1, text: pageText(3) }]);
  });

  it("throws EncryptedPdfError or CorruptMediaError for PDFs it cannot open", async () => {
    const locked = new Media(await makeEncryptedPdf({ userPassword: "x" }), "application/pdf");
    await expect(pdfSubset(locked, 1)).rejects.toSatisfy(EncryptedPdfError.isInstance);
    const broken = new Media(await makeTruncatedPdf(0.4), "application/pdf");
    await expect(pdfSubset(broken, 1)).rejects.toSatisfy(CorruptMediaError.isInstance);
  });
});
