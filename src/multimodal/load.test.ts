import { mkdir, mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CorruptMediaError } from "./errors/corrupt-media-error.js";
import { MediaReadError } from "./errors/media-read-error.js";
import { MediaTooLargeError } from "./errors/media-too-large-error.js";
import { MismatchedMediaTypeError } from "./errors/mismatched-media-type-error.js";
import { UnsupportedMediaError } from "./errors/unsupported-media-error.js";
import { loadMedia } from "./load.js";
import { Media } from "./media.js";
import { normaliseMediaType, SUPPORTED_MEDIA_TYPES } from "./sniff.js";
import { corruptPng, exeBytes, makeImage, makeSvg, pdfHeader, zipBytes } from "./test-utils/images.js";

let dir: string;
let png: Uint8Array;
let jpeg: Uint8Array;
const text = (s: string) => new TextEncoder().encode(s);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const file = async (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "fp-load-"));
  png = await makeImage(30, 20);
  jpeg = await makeImage(30, 20, { format: "jpeg" });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("loadMedia sources", () => {
  it("reads a path, a file: URL (string and object) and records the image size", async () => {
    const path = await file("a.png", png);
    for (const source of [path, pathToFileURL(path), pathToFileURL(path).href]) {
      const media = await loadMedia(source);
      expect(media.mediaType).toBe("image/png");
      expect(media.info).toEqual({ width: 30, height: 20 });
      expect(media.name).toBe(path);
    }
  });

  it("reads bytes as Uint8Array, Buffer and ArrayBuffer, copying them", async () => {
    const bytes = new Uint8Array(png);
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    for (const source of [bytes, Buffer.from(png), arrayBuffer]) {
      expect((await loadMedia(source)).mediaType).toBe("image/png");
    }
    const media = await loadMedia(bytes, { name: "x.png" });
    bytes[0] = 0;
    expect(media.bytes[0]).toBe(0x89);
    expect(media.name).toBe("x.png");
  });

  it("reads data: URLs (base64 and percent-encoded) and { base64 } objects", async () => {
    expect((await loadMedia(`data:image/png;base64,${b64(png)}`)).mediaType).toBe("image/png");
    const note = await loadMedia("data:text/markdown,%23%20Title%0A");
    expect([note.mediaType, new TextDecoder().decode(note.bytes)]).toEqual(["text/markdown", "# Title\n"]);
    expect((await loadMedia({ base64: b64(jpeg), mediaType: "image/jpg" })).mediaType).toBe("image/jpeg");
    await expect(loadMedia({ base64: "@@not base64@@" })).rejects.toThrow(MediaReadError);
    await expect(loadMedia("data:image/png;base64")).rejects.toThrow(/no comma/);
  });

  it("takes a bare string as base64 only when it decodes to a known signature; otherwise as a path", async () => {
    expect((await loadMedia(b64(png))).mediaType).toBe("image/png");
    const looksLikeBase64 = "abcdefghijklmnop"; // valid base64 alphabet, no signature: a path
    await expect(loadMedia(looksLikeBase64)).rejects.toThrow(
      `Cannot read media from ${looksLikeBase64}: no such file`,
    );
    await expect(loadMedia(b64(text("plain text, base64")))).rejects.toThrow(MediaReadError);
  });

  it("returns a Media as is, still checking expect and maxBytes", async () => {
    const media = new Media(png, "image/png");
    expect(await loadMedia(media)).toBe(media);
    await expect(loadMedia(media, { expect: "pdf" })).rejects.toThrow(UnsupportedMediaError);
    await expect(loadMedia(media, { maxBytes: 10 })).rejects.toThrow(MediaTooLargeError);
  });

  it("checks expect against the kind read from the bytes", async () => {
    await expect(loadMedia(png, { expect: ["image", "pdf"] })).resolves.toBeInstanceOf(Media);
    const error = await loadMedia(png, { expect: "pdf" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedMediaError);
    expect((error as UnsupportedMediaError).supported).toEqual(["application/pdf"]);
    expect((error as Error & { hint: string }).hint).toBe("Expected pdf.");
  });
});

describe("loadMedia sniffing", () => {
  it("believes the bytes over the extension within a kind (PNG named .jpg is image/png)", async () => {
    expect((await loadMedia(await file("photo.jpg", png))).mediaType).toBe("image/png");
  });

  it("refuses a declared type that contradicts the bytes, naming both and the source", async () => {
    const error = await loadMedia(jpeg, { mediaType: "image/png", name: "cat.png" }).catch((e: unknown) => e);
    expect(MismatchedMediaTypeError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "cat.png: it was declared as image/png, but the bytes are image/jpeg.",
    );
    await expect(loadMedia(`data:image/gif;base64,${b64(png)}`)).rejects.toThrow(/declared as image\/gif/);
    // aliases, parameters and application/octet-stream are not contradictions
    await expect(loadMedia(jpeg, { mediaType: "IMAGE/JPG; q=1" })).resolves.toBeInstanceOf(Media);
    await expect(loadMedia(jpeg, { mediaType: "application/octet-stream" })).resolves.toBeInstanceOf(Media);
  });

  it("refuses an extension of another kind (a .png that is a PDF)", async () => {
    const path = await file("scan.png", pdfHeader());
    await expect(loadMedia(path)).rejects.toThrow(
      `${path}: its extension says image/png, but the bytes are application/pdf.`,
    );
    expect((await loadMedia(await file("doc.pdf", pdfHeader()))).kind).toBe("pdf");
  });

  it("refuses unsupported types, listing what is supported", async () => {
    const zip = await loadMedia(zipBytes(), { name: "a.zip" }).catch((e: unknown) => e);
    expect(UnsupportedMediaError.isInstance(zip)).toBe(true);
    expect((zip as Error).message).toMatch(
      /^a\.zip is application\/zip, which is not supported here\. Supported: image\/png, /,
    );
    expect((zip as UnsupportedMediaError).supported).toContain("application/pdf");
    await expect(loadMedia(exeBytes())).rejects.toThrow(/application\/x-msdownload/);
    await expect(loadMedia(new Uint8Array([1, 2, 0, 255, 254]))).rejects.toThrow(/unrecognised data/);
  });

  it("recognises text documents by extension or declared type when the bytes are UTF-8 without NULs", async () => {
    const cases: [string, string][] = [
      ["n.txt", "text/plain"],
      ["r.md", "text/markdown"],
      ["r.markdown", "text/markdown"],
      ["p.html", "text/html"],
      ["p.HTM", "text/html"],
    ];
    for (const [name, type] of cases)
      expect((await loadMedia(await file(name, text("héllo")))).mediaType).toBe(type);
    expect((await loadMedia(text("# hi"), { mediaType: "text/markdown" })).kind).toBe("text");
    await expect(loadMedia(text("just text"))).rejects.toThrow(/UTF-8 text of no known document type/);
    await expect(loadMedia(await file("nul.txt", new Uint8Array([104, 0, 105])))).rejects.toThrow(
      UnsupportedMediaError,
    );
    await expect(
      loadMedia(await file("latin1.txt", new Uint8Array([0x63, 0x61, 0x66, 0xe9]))),
    ).rejects.toThrow(UnsupportedMediaError);
    await expect(loadMedia(text("plain"), { mediaType: "image/png" })).rejects.toThrow(
      MismatchedMediaTypeError,
    );
  });

  it("recognises SVG (with or without an XML prolog) and refuses a .svg without <svg>", async () => {
    const svg = await loadMedia(await file("logo.svg", makeSvg(40, 20)));
    expect([svg.mediaType, svg.kind, svg.info]).toEqual([
      "image/svg+xml",
      "image",
      { width: 40, height: 20 },
    ]);
    const prolog = new Uint8Array([...text('<?xml version="1.0"?>\n'), ...makeSvg()]);
    expect((await loadMedia(prolog, { mediaType: "image/svg+xml" })).mediaType).toBe("image/svg+xml");
    await expect(loadMedia(await file("fake.svg", text("<html></html>")))).rejects.toThrow(
      MismatchedMediaTypeError,
    );
  });

  it("records the displayed size of an EXIF-rotated JPEG and refuses corrupt images", async () => {
    const rotated = await loadMedia(await makeImage(30, 20, { format: "jpeg", orientation: 6 }));
    expect(rotated.info).toEqual({ width: 20, height: 30 });
    await expect(loadMedia(corruptPng(), { name: "bad.png" })).rejects.toThrow(CorruptMediaError);
  });

  it("normalises type names", () => {
    expect(normaliseMediaType(" Audio/X-WAV ; rate=8000")).toBe("audio/wav");
    expect(SUPPORTED_MEDIA_TYPES.text).toEqual(["text/plain", "text/markdown", "text/html"]);
  });
});

describe("loadMedia read errors and limits", () => {
  it("names the path and the cause for a missing file, a directory and an empty file", async () => {
    const missing = join(dir, "nope.png");
    const error = await loadMedia(missing).catch((e: unknown) => e);
    expect(MediaReadError.isInstance(error)).toBe(true);
    expect((error as MediaReadError).message).toBe(`Cannot read media from ${missing}: no such file`);
    expect((error as Error).cause).toMatchObject({ code: "ENOENT" });
    await mkdir(join(dir, "sub.png"));
    await expect(loadMedia(join(dir, "sub.png"))).rejects.toThrow(/it is a directory/);
    await expect(loadMedia(await file("empty.txt", new Uint8Array()))).rejects.toThrow(/empty/);
  });

  it("refuses bytes over maxBytes with the limit and the size in human units", async () => {
    const error = await loadMedia(png, { maxBytes: 50 }).catch((e: unknown) => e);
    expect(MediaTooLargeError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      `the data passed in is ${png.byteLength} B, over the 50 B limit for image.`,
    );
    await expect(loadMedia({ base64: b64(png) }, { maxBytes: 50 })).rejects.toThrow(/over the 50 B limit/);
  });

  it("refuses a file over the limit from its size, before reading it (an 8 GB sparse file)", async () => {
    const path = join(dir, "huge.png");
    const handle = await open(path, "w");
    await handle.write(png, 0, png.byteLength, 0);
    await handle.truncate(8e9);
    await handle.close();
    const started = performance.now();
    const error = (await loadMedia(path).catch((e: unknown) => e)) as MediaTooLargeError;
    expect(error.message).toBe(`${path} is 8 GB, over the 32 MB limit.`);
    expect(performance.now() - started).toBeLessThan(1000);
    // 25 MB of "PNG" passes the 32 MB cap but not the image default (20 MB), found from the first bytes
    const medium = join(dir, "medium.png");
    await writeFile(medium, png);
    await (await open(medium, "r+")).truncate(25e6).then(() => undefined);
    await expect(loadMedia(medium)).rejects.toThrow(`${medium} is 25 MB, over the 20 MB limit for image.`);
  });

  it("stops reading a stream without a known size at the limit (/dev/zero)", async () => {
    const error = (await loadMedia("/dev/zero", { maxBytes: 100_000 }).catch(
      (e: unknown) => e,
    )) as MediaTooLargeError;
    expect(error.atLeast).toBe(true);
    expect(error.message).toMatch(/^\/dev\/zero is more than 1\d\d(\.\d)? kB, over the 100 kB limit\.$/);
  });
});
