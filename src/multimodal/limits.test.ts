import { describe, expect, it } from "vitest";
import {
  DEFAULT_IMAGE_PROVIDER,
  DEFAULT_MAX_BYTES,
  formatBytes,
  IMAGE_PROVIDERS,
  MAX_DEFAULT_BYTES,
  MB,
  PROVIDER_IMAGE_LIMITS,
} from "./limits.js";

describe("limits", () => {
  it("formats sizes in decimal units, like the providers", () => {
    const cases: [number, string][] = [
      [0, "0 B"],
      [999, "999 B"],
      [1000, "1 kB"],
      [1536, "1.5 kB"],
      [20 * MB, "20 MB"],
      [3_932_160, "3.9 MB"],
      [123_456_789, "123 MB"],
      [8e9, "8 GB"],
      [2.5e15, "2500 TB"],
    ];
    for (const [bytes, text] of cases) expect(formatBytes(bytes), String(bytes)).toBe(text);
  });

  it("has limits for every provider, and the documented numbers", () => {
    for (const provider of IMAGE_PROVIDERS) {
      const limits = PROVIDER_IMAGE_LIMITS[provider];
      expect(limits.maxBytes).toBeGreaterThan(0);
      expect(limits.types).toEqual(expect.arrayContaining(["image/png", "image/jpeg", "image/webp"]));
      expect(limits.high.maxEdge).toBeGreaterThanOrEqual(limits.low.maxEdge ?? 0);
    }
    expect(PROVIDER_IMAGE_LIMITS.openai.high).toEqual({ maxEdge: 2048, maxShortEdge: 768 });
    expect(PROVIDER_IMAGE_LIMITS.anthropic.high).toEqual({ maxEdge: 1568, maxPixels: 1_150_000 });
    // Anthropic's 5 MB is counted on the base64 text: the raw bytes, base64-encoded, must fit 5 MiB
    expect(Math.ceil(PROVIDER_IMAGE_LIMITS.anthropic.maxBytes / 3) * 4).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(PROVIDER_IMAGE_LIMITS.google.types).not.toContain("image/gif");
    expect(IMAGE_PROVIDERS).toContain(DEFAULT_IMAGE_PROVIDER);
    expect(MAX_DEFAULT_BYTES).toBe(DEFAULT_MAX_BYTES.pdf);
  });
});
