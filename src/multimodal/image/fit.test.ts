import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { IMAGE_PROVIDERS, type ImageBounds, PROVIDER_IMAGE_LIMITS } from "../limits.js";
import { Media } from "../media.js";
import { makeImage } from "../test-utils/images.js";
import { fitWithin, targetBounds } from "./fit.js";
import { prepareImage } from "./prepare.js";

const fits = (size: { width: number; height: number }, b: ImageBounds) =>
  (b.maxEdge === undefined || Math.max(size.width, size.height) <= b.maxEdge) &&
  (b.maxShortEdge === undefined || Math.min(size.width, size.height) <= b.maxShortEdge) &&
  (b.maxPixels === undefined || size.width * size.height <= b.maxPixels);

/** |height − width × h/w| ≤ 1 px, measured along the shorter side. */
const keepsAspect = (w: number, h: number, out: { width: number; height: number }) =>
  w >= h ? Math.abs(out.height - (out.width * h) / w) <= 1 : Math.abs(out.width - (out.height * w) / h) <= 1;

describe("fitWithin", () => {
  it("follows each provider's documented resizing", () => {
    expect(fitWithin(6000, 4000, targetBounds({ provider: "openai" }))).toEqual({ width: 1152, height: 768 });
    expect(fitWithin(4000, 6000, targetBounds({ provider: "openai", detail: "low" }))).toEqual({
      width: 341,
      height: 512,
    });
    expect(fitWithin(1000, 1000, targetBounds({ provider: "anthropic" }))).toEqual({
      width: 1000,
      height: 1000,
    });
    expect(fitWithin(2000, 2000, targetBounds({ provider: "anthropic" }))).toEqual({
      width: 1072,
      height: 1072,
    });
    expect(fitWithin(8000, 1000, targetBounds({ provider: "anthropic" }))).toEqual({
      width: 1568,
      height: 196,
    });
    expect(fitWithin(6000, 4000, targetBounds({ provider: "google" }))).toEqual({
      width: 3072,
      height: 2048,
    });
    expect(fitWithin(6000, 4000, targetBounds({ provider: "google", detail: "low" }))).toEqual({
      width: 768,
      height: 512,
    });
    expect(fitWithin(6000, 4000, targetBounds({ provider: "mistral" }))).toEqual({
      width: 1024,
      height: 683,
    });
    expect(fitWithin(6000, 4000, targetBounds({ maxEdge: 600 }))).toEqual({ width: 600, height: 400 });
    expect(fitWithin(5000, 1, { maxEdge: 100 })).toEqual({ width: 100, height: 1 });
  });

  it("never upscales; defaults to Anthropic's bounds, also for unknown providers; azure is openai", () => {
    expect(fitWithin(10, 5, targetBounds({ provider: "openai" }))).toEqual({ width: 10, height: 5 });
    expect(targetBounds()).toEqual(PROVIDER_IMAGE_LIMITS.anthropic.high);
    expect(targetBounds({ provider: "ollama" })).toEqual(PROVIDER_IMAGE_LIMITS.anthropic.high);
    expect(targetBounds({ provider: "azure" })).toEqual(PROVIDER_IMAGE_LIMITS.openai.high);
  });

  it("property: fits every provider's bounds, never grows, keeps the aspect ratio within 1 px", () => {
    const bounds = IMAGE_PROVIDERS.flatMap((provider) =>
      (["low", "high"] as const).map((detail) => targetBounds({ provider, detail })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (w, h) => {
        for (const b of bounds) {
          const out = fitWithin(w, h, b);
          expect(fits(out, b)).toBe(true);
          expect(out.width <= w && out.height <= h && out.width >= 1 && out.height >= 1).toBe(true);
          expect(keepsAspect(w, h, out)).toBe(true);
          // as large as allowed: one more pixel on the long edge would break a bound (or the original size)
          const grown =
            w >= h
              ? { width: out.width + 1, height: Math.max(1, Math.round(((out.width + 1) * h) / w)) }
              : { width: Math.max(1, Math.round(((out.height + 1) * w) / h)), height: out.height + 1 };
          if (out.width < w && out.height < h)
            expect(fits(grown, b) && grown.width <= w && grown.height <= h).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("property: real images come out of prepareImage at fitWithin's size", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 120 }),
        async (w, h, maxEdge) => {
          const bytes = await makeImage(w, h, { fill: "gradient" });
          const media = new Media(bytes, "image/png", { name: "p.png", info: { width: w, height: h } });
          const out = await prepareImage(media, { provider: "openai", maxEdge });
          const meta = await sharp(out.bytes).metadata();
          const expected = fitWithin(w, h, targetBounds({ provider: "openai", maxEdge }));
          expect({ width: meta.width, height: meta.height }).toEqual(expected);
          expect(out.info).toMatchObject(expected);
        },
      ),
      { numRuns: 15 },
    );
  });
});
