import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { dataPart, parseDataUrl, shrinkMedia, summarizeMedia, urlPart } from "./media.js";
import { audioSeconds, decodeBase64, imageSize, pdfPages, sniff } from "./media-bytes.js";
import { mediaTokens } from "./media-tokens.js";
import { halfSecondWav, PDF, PNG, PNG_BASE64, PNG_SHA } from "./test-utils/helpers.js";

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
const be32 = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, n >>> 8];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, n >>> 16];

const png = (w: number, h: number) =>
  bytes("\x89PNG\r\n\x1a\n", be32(13), "IHDR", be32(w), be32(h), [8, 6, 0, 0, 0]);
const JPEG = bytes(
  [0xff, 0xd8, 0xff, 0xe0, 0, 16],
  "JFIF\0",
  [1, 1, 0, 0, 1, 0, 1, 0, 0],
  [0xff, 0xc0, 0, 17, 8, 0x02, 0x58, 0x03, 0x20, 3], // SOF0: 8 bits, height 600, width 800
  [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1],
);
const GIF = bytes("GIF89a", le16(300), le16(200), [0, 0, 0]);
const VP8X = bytes("RIFF", [0, 0, 0, 0], "WEBPVP8X", [10, 0, 0, 0], [0, 0, 0, 0], le24(1023), le24(767));
const VP8L = bytes(
  "RIFF",
  [0, 0, 0, 0],
  "WEBPVP8L",
  [5, 0, 0, 0],
  [0x2f],
  [99 & 0xff, (99 >> 8) | ((49 & 3) << 6), (49 >> 2) & 0xff, 0],
);
const VP8 = bytes(
  "RIFF",
  [0, 0, 0, 0],
  "WEBPVP8 ",
  [0, 0, 0, 0],
  [0, 0, 0, 0x9d, 0x01, 0x2a],
  le16(640),
  le16(480),
);

describe("media headers", () => {
  it("read the size of PNG, JPEG, GIF and WebP images", () => {
    expect(imageSize(PNG)).toEqual({ width: 1, height: 1 });
    expect(imageSize(png(4000, 3000))).toEqual({ width: 4000, height: 3000 });
    expect(imageSize(JPEG)).toEqual({ width: 800, height: 600 });
    expect(imageSize(GIF)).toEqual({ width: 300, height: 200 });
    expect(imageSize(VP8X)).toEqual({ width: 1024, height: 768 });
    expect(imageSize(VP8L)).toEqual({ width: 100, height: 50 });
    expect(imageSize(VP8)).toEqual({ width: 640, height: 480 });
    expect(imageSize(PDF)).toBeUndefined();
    expect(imageSize(PNG.subarray(0, 18))).toBeUndefined();
  });

  it("sniff types, time WAV audio, count PDF pages, and decode only real base64", () => {
    expect([PNG, JPEG, GIF, VP8X, halfSecondWav(), PDF].map(sniff)).toEqual([
      "image/png",
      "image/jpeg",
      "image/gif",
      "image/webp",
      "audio/wav",
      "application/pdf",
    ]);
    expect(sniff(bytes("ID3"))).toBe("audio/mpeg");
    expect(audioSeconds(halfSecondWav())).toBe(0.5);
    expect(audioSeconds(new Uint8Array(32_000))).toBe(2); // unknown: 128 kbit/s
    expect(pdfPages(PDF)).toBe(1);
    expect(pdfPages(bytes("%PDF-1.7 /Type /Page /Type/Page /Type /Pages"))).toBe(2);
    expect(decodeBase64(PNG_BASE64)).toEqual(PNG);
    expect(decodeBase64("-_-_")).toEqual(Uint8Array.from([0xfb, 0xff, 0xbf]));
    expect([decodeBase64("abc*"), decodeBase64("abcde")]).toEqual([undefined, undefined]);
    expect(parseDataUrl("data:Image/PNG;base64,AAAA")).toEqual({
      mediaType: "image/png",
      data: "AAAA",
      base64: true,
    });
    expect(parseDataUrl("https://x")).toBeUndefined();
  });
});

describe("media tokens by dialect", () => {
  const prompt = (...parts: ReturnType<typeof dataPart>[]): LanguageModelV4Prompt => [
    { role: "user", content: parts },
  ];
  const big = prompt(dataPart(png(4000, 3000), "image/png"));

  it("follow each provider's documented image rule", () => {
    // OpenAI: fit 2048 → 2048×1536, shortest side 768 → 1024×768: 2×2 tiles
    expect(mediaTokens(big, "openai", "gpt-4o").image).toBe(85 + 4 * 170);
    expect(mediaTokens(big, "azure", "gpt-4o-mini").image).toBe(2833 + 4 * 5667);
    const low = dataPart(png(4000, 3000), "image/png", {
      providerOptions: { openai: { imageDetail: "low" } },
    });
    expect(mediaTokens(prompt(low), "openai", "gpt-4o").total).toBe(85);
    // Anthropic: long edge to 1568 → 1568×1176 / 750
    expect(mediaTokens(big, "anthropic", "claude-sonnet-4-5").image).toBe(Math.ceil((1568 * 1176) / 750));
    // Gemini: 768-px tiles, 6 × 4
    expect(mediaTokens(big, "google", "gemini-2.5-flash").image).toBe(24 * 258);
    expect(mediaTokens(prompt(dataPart(png(384, 384), "image/png")), "google", "g").image).toBe(258);
    // Mistral: fit 1024 → 1024×768, 16-px patches
    expect(mediaTokens(big, "mistral", "mistral-small-latest").image).toBe(64 * 48);
  });

  it("count audio by seconds, PDFs by page, URLs by an assumed size, and skip assistant and text files", () => {
    const wav = dataPart(halfSecondWav(), "audio/wav");
    expect(mediaTokens(prompt(wav), "google", "g")).toMatchObject({ audio: 16, total: 16 });
    expect(mediaTokens(prompt(wav), "openai", "gpt-4o")).toMatchObject({ audio: 5, total: 5 });
    expect(mediaTokens(prompt(dataPart(PDF, "application/pdf")), "anthropic", "c").document).toBe(1500);
    const url = urlPart("https://example.com/a.png", "image")!;
    expect(mediaTokens(prompt(url), "anthropic", "c").image).toBe(Math.ceil((512 * 512) / 750));
    const text = {
      type: "file" as const,
      mediaType: "text/plain",
      data: { type: "text" as const, text: "x" },
    };
    expect(mediaTokens([{ role: "user", content: [text] }], "google", "g").total).toBe(0);
    expect(
      mediaTokens([{ role: "assistant", content: [dataPart(PNG, "image/png")] }], "google", "g").total,
    ).toBe(0);
  });
});

describe("recorded media", () => {
  it("summarize parts and shrink inline base64 in bodies", () => {
    const p = prompt2();
    expect(summarizeMedia(p)).toEqual([
      { kind: "image", mediaType: "image/png", bytes: 70, sha256: PNG_SHA },
      { kind: "document", mediaType: "application/pdf", url: "https://example.com/a.pdf", filename: "a.pdf" },
    ]);
    const long = "A".repeat(100);
    expect(
      shrinkMedia({
        messages: [
          { content: [{ image_url: { url: `data:image/png;base64,${PNG_BASE64}` } }, { text: long }] },
        ],
        images: [PNG_BASE64],
        inline_data: { data: long },
      }),
    ).toEqual({
      messages: [
        {
          content: [
            { image_url: { url: `data:image/png;base64,[70 bytes, sha256 ${PNG_SHA}]` } },
            { text: long },
          ],
        },
      ],
      images: [`[70 bytes, sha256 ${PNG_SHA}]`],
      inline_data: { data: expect.stringMatching(/^\[75 bytes, sha256 [0-9a-f]{16}\]$/) },
    });
  });
});

function prompt2(): LanguageModelV4Prompt {
  return [
    { role: "system", content: "s" },
    {
      role: "user",
      content: [
        { type: "text", text: "t" },
        dataPart(PNG, "image/png"),
        urlPart("https://example.com/a.pdf", "application/pdf", { filename: "a.pdf" })!,
      ],
    },
  ];
}
