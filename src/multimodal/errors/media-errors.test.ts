import { describe, expect, it } from "vitest";
import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import { CorruptMediaError } from "./corrupt-media-error.js";
import { MediaReadError } from "./media-read-error.js";
import { MediaTooLargeError } from "./media-too-large-error.js";
import { MismatchedMediaTypeError } from "./mismatched-media-type-error.js";
import { UnsupportedMediaError } from "./unsupported-media-error.js";

const classes = [
  MediaReadError,
  UnsupportedMediaError,
  MismatchedMediaTypeError,
  MediaTooLargeError,
  CorruptMediaError,
];

describe("media errors (load and image preparation)", () => {
  it("have distinct stable codes", () => {
    expect(classes.map((c) => c.code)).toEqual([
      "FP_MEDIA_READ",
      "FP_MEDIA_UNSUPPORTED",
      "FP_MEDIA_MISMATCH",
      "FP_MEDIA_TOO_LARGE",
      "FP_MEDIA_CORRUPT",
    ]);
  });

  it("say what and where", () => {
    expect(new MediaReadError("a.png", "no such file").message).toBe(
      "Cannot read media from a.png: no such file",
    );
    expect(
      new UnsupportedMediaError("a.zip", "application/zip", ["image/png", "application/pdf"]).message,
    ).toBe("a.zip is application/zip, which is not supported here. Supported: image/png, application/pdf.");
    expect(new UnsupportedMediaError("x", undefined, ["text/plain"]).message).toMatch(
      /^x is unrecognised data/,
    );
    expect(new MismatchedMediaTypeError("a.png", "image/png", "application/pdf", "extension").message).toBe(
      "a.png: its extension says image/png, but the bytes are application/pdf.",
    );
    expect(new MediaTooLargeError("v.mp4", 20e6, 25_300_000, { kind: "video" }).message).toBe(
      "v.mp4 is 25.3 MB, over the 20 MB limit for video.",
    );
    expect(new MediaTooLargeError("u", 1e6, 1_000_001, { atLeast: true }).message).toBe(
      "u is more than 1 MB, over the 1 MB limit.",
    );
    expect(new CorruptMediaError("b.png", "image/png", { cause: new Error("bad header") }).message).toBe(
      "b.png: the image/png data is corrupt or truncated (bad header).",
    );
    for (const error of [new MediaReadError("a", "b"), new MediaTooLargeError("a", 1, 2)])
      expect(error.hint).toBeTruthy();
  });

  it("isInstance works across copies; toJSON keeps the typed fields", () => {
    const error = new MismatchedMediaTypeError("a.jpg", "image/jpeg", "image/png", "declared");
    expect(MismatchedMediaTypeError.isInstance({ ...error })).toBe(true);
    expect(MediaReadError.isInstance(error)).toBe(false);
    expect(FlowPromptError.isInstance(error)).toBe(true);
    expect(error.toJSON()).toMatchObject({
      code: "FP_MEDIA_MISMATCH",
      source: "a.jpg",
      declared: "image/jpeg",
      actual: "image/png",
      by: "declared",
    });
    expect(new MediaTooLargeError("a", 1, 2).toJSON()).toMatchObject({ limit: 1, size: 2, atLeast: false });
    for (const C of classes) expect(C.isInstance(new Error("plain"))).toBe(false);
  });
});
