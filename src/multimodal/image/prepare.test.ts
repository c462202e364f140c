import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { CorruptMediaError } from "../errors/corrupt-media-error.js";
import { UnsupportedMediaError } from "../errors/unsupported-media-error.js";
import { loadMedia } from "../load.js";
import { Media } from "../media.js";
import { corruptPng, makeAnimatedGif, makeImage, makeSvg } from "../test-utils/images.js";
import { imageInfo, planImage, prepareImage } from "./prepare.js";

const size = async (media: Media) => {
  const meta = await sharp(media.bytes).metadata();
  return { width: meta.width, height: meta.height, pages: meta.pages ?? 1, format: meta.format };
};
let huge: Media; // 6000 × 4000 PNG, made once

beforeAll(async () => {
  huge = await loadMedia(await makeImage(6000, 4000), { name: "huge.png" });
});

describe("prepareImage", () => {
  it("resizes to each provider's limits and records the sizes", async () => {
    const expected = {
      openai: [1152, 768],
      anthropic: [1313, 875],
      google: [3072, 2048],
      mistral: [1024, 683],
    } as const;
    for (const [provider, [width, height]] of Object.entries(expected)) {
      const out = await prepareImage(huge, { provider: provider as keyof typeof expected });
      expect(await size(out)).toMatchObject({ width, height });
      expect(out.info).toEqual({
        width,
        height,
        resizedFrom: { width: 6000, height: 4000 },
        bytesBefore: huge.size,
      });
      expect(out.name).toBe("huge.png");
    }
    expect(await size(await prepareImage(huge, { provider: "openai", detail: "low" }))).toMatchObject({
      width: 512,
      height: 341,
    });
    expect(await size(await prepareImage(huge, { maxEdge: 300 }))).toMatchObject({ width: 300, height: 200 });
    expect(await size(await prepareImage(huge, { maxPixels: 60_000 }))).toMatchObject({
      width: 300,
      height: 200,
    });
  });

  it("returns a small, accepted image untouched: same object, same bytes, same sha256", async () => {
    const small = await loadMedia(await makeImage(120, 80, { fill: "noise", format: "jpeg" }));
    for (const provider of ["openai", "anthropic", "google", "mistral"] as const) {
      const out = await prepareImage(small, { provider });
      expect(out).toBe(small);
      expect(out.sha256).toBe(small.sha256);
    }
    expect(await prepareImage(small, { format: "jpeg" })).toBe(small);
  });

  it("never upscales", async () => {
    const tiny = await loadMedia(await makeImage(10, 5, { format: "tiff" }));
    const out = await prepareImage(tiny, { provider: "openai" }); // converted (TIFF), not enlarged
    expect(out.mediaType).toBe("image/png");
    expect(await size(out)).toMatchObject({ width: 10, height: 5 });
    expect(out.info).toEqual({ width: 10, height: 5, bytesBefore: tiny.size });
  });

  it("turns an EXIF-rotated JPEG upright (left half red ends up on top)", async () => {
    const [w, h] = [60, 40];
    const raw = Buffer.alloc(w * h * 3);
    for (let i = 0; i < w * h; i++) raw.set(i % w < w / 2 ? [255, 0, 0] : [0, 0, 255], i * 3);
    const bytes = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const media = await loadMedia(bytes);
    const out = await prepareImage(media, { format: "png" });
    const meta = await sharp(out.bytes).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([40, 60, undefined]);
    const pixels = await sharp(out.bytes).raw().toBuffer();
    const at = (x: number, y: number) => [...pixels.subarray((y * 40 + x) * 3, (y * 40 + x) * 3 + 3)];
    expect(at(20, 5)[0]).toBeGreaterThan(200); // top: red
    expect(at(20, 55)[2]).toBeGreaterThan(200); // bottom: blue
    expect(planImage(await imageInfo(media), media).changes).toEqual(["rotate"]);
  });

  it("keeps PNG for transparency and few colours, picks JPEG for photos, or the format asked", async () => {
    // each is wider than maxEdge, so each must be re-encoded
    const noise = { fill: "noise" as const, format: "png" as const };
    const photo = await loadMedia(await makeImage(400, 200, noise));
    const cutout = await loadMedia(await makeImage(400, 200, { ...noise, alpha: true }));
    const flat = await loadMedia(await makeImage(400, 200, { fill: "solid" }));
    const shrink = { maxEdge: 300 };
    expect((await prepareImage(photo, shrink)).mediaType).toBe("image/jpeg");
    const kept = await prepareImage(cutout, shrink);
    expect([kept.mediaType, (await sharp(kept.bytes).metadata()).hasAlpha]).toEqual(["image/png", true]);
    expect((await prepareImage(flat, shrink)).mediaType).toBe("image/png");
    expect((await prepareImage(photo, { ...shrink, format: "webp" })).mediaType).toBe("image/webp");
    const flattened = await prepareImage(cutout, { ...shrink, format: "jpeg" });
    const [r, g, b] = await sharp(flattened.bytes)
      .extract({ left: 0, top: 0, width: 1, height: 1 })
      .raw()
      .toBuffer();
    expect([flattened.mediaType, r, g, b]).toEqual(["image/jpeg", 255, 255, 255]); // transparent → white
  });

  it("saves bytes on a large photo", async () => {
    const photo = await loadMedia(
      await makeImage(1600, 1200, { fill: "noise", format: "jpeg", quality: 95 }),
    );
    const out = await prepareImage(photo, { provider: "anthropic" });
    expect(out.info.bytesBefore).toBe(photo.size);
    expect(out.info).toMatchObject({ width: 1237, height: 928 });
    expect(out.size).toBeLessThan(photo.size * 0.7);
  });

  it("lowers the JPEG quality, then the size, until the result fits the byte limit", async () => {
    const photo = new Media(await makeImage(400, 300, { fill: "noise", format: "png" }), "image/png");
    const jpeg = await prepareImage(photo, { format: "jpeg", maxBytes: 40_000 });
    expect(jpeg.size).toBeLessThanOrEqual(40_000);
    expect(jpeg.info).toMatchObject({ width: 400, height: 300 }); // quality alone was enough
    // transparency keeps PNG, which has no quality to lower: only smaller sizes help
    const cutout = new Media(await makeImage(400, 300, { fill: "noise", alpha: true }), "image/png");
    const png = await prepareImage(cutout, { maxBytes: 100_000 });
    expect([png.mediaType, png.size <= 100_000]).toEqual(["image/png", true]);
    expect(png.info).toMatchObject({ resizedFrom: { width: 400, height: 300 } });
    expect((png.info.width as number) / (png.info.height as number)).toBeCloseTo(4 / 3, 1);
    await expect(prepareImage(cutout, { maxBytes: 10 })).rejects.toThrow(/over the 10 B limit for image/);
    const plan = planImage(
      await imageInfo(photo),
      { mediaType: "image/png", size: 5e6 },
      { provider: "anthropic" },
    );
    expect(plan.changes).toEqual(["too-large"]);
  });

  it("converts types the provider does not take, keeping the first frame of an animation", async () => {
    const gif = await loadMedia(await makeAnimatedGif(20, 10, 3));
    expect(await prepareImage(gif, { provider: "anthropic" })).not.toBe(gif); // animated: first frame
    const still = await prepareImage(gif, { provider: "openai" });
    expect(await size(still)).toMatchObject({ width: 20, height: 10, pages: 1, format: "png" });
    const oneFrame = await loadMedia(await makeImage(20, 10, { format: "gif" }));
    expect(await prepareImage(oneFrame, { provider: "openai" })).toBe(oneFrame);
    expect((await prepareImage(oneFrame, { provider: "google" })).mediaType).toBe("image/png"); // no GIF
    const svg = await loadMedia(makeSvg(40, 20), { mediaType: "image/svg+xml" });
    expect(await size(await prepareImage(svg))).toMatchObject({ width: 40, height: 20, format: "png" });
  });

  it("passes HEIC to Gemini as is and refuses it elsewhere (sharp cannot decode it)", async () => {
    const heic = new Media(
      new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 104, 101, 105, 99]),
      "image/heic",
    );
    expect(await prepareImage(heic, { provider: "google" })).toBe(heic);
    await expect(prepareImage(heic, { provider: "openai" })).rejects.toThrow(UnsupportedMediaError);
  });

  it("names the source of corrupt bytes", async () => {
    const bad = new Media(corruptPng(), "image/png", { name: "scans/bad.png" });
    const error = await prepareImage(bad).catch((e: unknown) => e);
    expect(CorruptMediaError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^scans\/bad\.png: the image\/png data is corrupt or truncated/);
    await expect(imageInfo(new Media(corruptPng(), "image/png"))).rejects.toThrow(/^the image\/png image: /);
  });

  it("checks its options", async () => {
    await expect(prepareImage(huge, { quality: 0 })).rejects.toThrow(RangeError);
    const small = await loadMedia(await makeImage(50, 40));
    expect(await prepareImage(small, { provider: "mock" })).toBe(small); // unknown: strictest limits
  });
});
