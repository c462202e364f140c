import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ImageStream } from "./image-stream.js";

const image = (format: "jpeg" | "png", seed: number) =>
  sharp({
    create: { width: 37, height: 23, channels: 3, background: { r: seed * 40, g: 255 - seed * 30, b: 90 } },
  })
    .composite([
      {
        input: Buffer.from([255, 255, 255, 0, 255, 0, 255, 0, 0]),
        raw: { width: 3, height: 1, channels: 3 },
        top: seed,
        left: seed * 2,
      },
    ])
    [format]()
    .toBuffer();

describe("ImageStream", () => {
  for (const format of ["jpeg", "png"] as const) {
    it(`splits back-to-back ${format} images however the bytes are chunked`, async () => {
      const images = await Promise.all([0, 1, 2, 3].map((s) => image(format, s)));
      const all = Buffer.concat(images);
      for (const size of [1, 2, 7, 64, 1000, all.length]) {
        const stream = new ImageStream(format);
        const out: Buffer[] = [];
        for (let at = 0; at < all.length; at += size) out.push(...stream.push(all.subarray(at, at + size)));
        expect(
          out.map((b) => b.length),
          `chunks of ${size}`,
        ).toEqual(images.map((b) => b.length));
        expect(out.every((b, i) => b.equals(images[i]!))).toBe(true);
        expect(stream.pending).toBe(0);
      }
    });
  }

  it("keeps an incomplete image pending and refuses bytes of another format", async () => {
    const jpeg = await image("jpeg", 1);
    const stream = new ImageStream("jpeg");
    expect(stream.push(jpeg.subarray(0, jpeg.length - 1))).toEqual([]);
    expect(stream.pending).toBe(jpeg.length - 1);
    expect(stream.push(jpeg.subarray(jpeg.length - 1))).toHaveLength(1);
    expect(() => new ImageStream("png").push(jpeg)).toThrow(/not a PNG/);
    expect(() => new ImageStream("jpeg").push(Buffer.from("hello"))).toThrow(/not a JPEG/);
  });
});
