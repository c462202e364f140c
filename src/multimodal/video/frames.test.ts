import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { FfmpegMissingError } from "../errors/ffmpeg-missing-error.js";
import { NoFramesError } from "../errors/no-frames-error.js";
import { garbage, sceneVideo, testVideo, tone } from "../test-utils/av.js";
import { frameLabel, selectExpression, selectionOf } from "./frame-args.js";
import { videoFrames } from "./frames.js";
import { mp4Duration } from "./mp4-duration.js";

const FPS = 25;
const near = (actual: number[], expected: number[], within: number) => {
  expect(actual).toHaveLength(expected.length);
  for (const [i, t] of actual.entries())
    expect(Math.abs(t - expected[i]!), `frame ${i}: ${t} vs ${expected[i]}`).toBeLessThanOrEqual(within);
};

describe("videoFrames", () => {
  it("count: N frames evenly spaced (middles of N equal parts), within one frame interval", async () => {
    const video = await testVideo({ seconds: 4 });
    const out = await videoFrames(video, { count: 5 });
    expect(out.duration).toBeCloseTo(4, 1);
    expect(out.truncated).toBeUndefined();
    near(
      out.frames.map((f) => f.time),
      [0.4, 1.2, 2.0, 2.8, 3.6],
      1 / FPS,
    );
    for (const f of out.frames) {
      expect(f.time).toBeGreaterThanOrEqual(0);
      expect(f.media.kind).toBe("image");
      expect(f.media.mediaType).toBe("image/jpeg");
      expect([f.media.bytes[0], f.media.bytes[1]]).toEqual([0xff, 0xd8]);
      expect(await sharp(f.media.bytes).metadata()).toMatchObject({
        format: "jpeg",
        width: 160,
        height: 120,
      });
      expect(f.media.info).toMatchObject({ width: 160, height: 120, time: f.time });
      expect(f.label).toBe(frameLabel(f.time));
    }
    expect(out.bytes).toBe(out.frames.reduce((s, f) => s + f.media.size, 0));
    // Distinct frames (the test pattern moves), not one frame repeated.
    expect(new Set(out.frames.map((f) => f.media.sha256)).size).toBe(5);
  });

  it("count in a container whose duration ffprobe reads (Matroska)", async () => {
    const out = await videoFrames(await testVideo({ seconds: 4, container: "mkv", audio: false }), {
      count: 4,
    });
    expect(out.duration).toBeCloseTo(4, 1);
    near(
      out.frames.map((f) => f.time),
      [0.5, 1.5, 2.5, 3.5],
      1 / FPS,
    );
  });

  it("mp4Duration reads the movie header like ffprobe, and gives up on anything else", async () => {
    expect(mp4Duration((await testVideo()).bytes)).toBeCloseTo(4, 1);
    expect(mp4Duration((await sceneVideo()).bytes)).toBeCloseTo(5, 2);
    expect(mp4Duration((await testVideo({ container: "mkv", audio: false })).bytes)).toBeUndefined();
    expect(mp4Duration(garbage().bytes)).toBeUndefined();
    expect(mp4Duration(new Uint8Array(0))).toBeUndefined();
  });

  it("every k seconds, from the first frame", async () => {
    const out = await videoFrames(await testVideo({ seconds: 4 }), { every: 1.5 });
    near(
      out.frames.map((f) => f.time),
      [0, 1.5, 3],
      1 / FPS,
    );
    expect(out.duration).toBeCloseTo(4, 1);
  });

  it("scenes: the first frame, then the hard cuts at the known times ± 0.1 s", async () => {
    const out = await videoFrames(await sceneVideo(), { scenes: true });
    near(
      out.frames.map((f) => f.time),
      [0, 1, 2, 3, 4],
      0.1,
    );
    // A high threshold keeps only the strongest cut (black → white) besides the first frame.
    const strong = await videoFrames(await sceneVideo(), { scenes: { threshold: 0.9 } });
    near(
      strong.frames.map((f) => f.time),
      [0, 4],
      0.1,
    );
  });

  it("png frames scaled to a width, keeping the aspect ratio", async () => {
    const out = await videoFrames(await testVideo({ seconds: 4 }), { count: 2, format: "png", width: 80 });
    expect(out.frames).toHaveLength(2);
    for (const f of out.frames) {
      expect(f.media.mediaType).toBe("image/png");
      expect(await sharp(f.media.bytes).metadata()).toMatchObject({ format: "png", width: 80, height: 60 });
    }
  });

  it("labels are [frame at HH:MM:SS.mmm]", () => {
    expect(frameLabel(65.25)).toBe("[frame at 00:01:05.250]");
    expect(frameLabel(3723.0004)).toBe("[frame at 01:02:03.000]");
    expect(frameLabel(0)).toBe("[frame at 00:00:00.000]");
  });

  it("maxFrames and maxBytes stop and say so", async () => {
    const video = await testVideo({ seconds: 4 });
    const few = await videoFrames(video, { every: 0.5, maxFrames: 3 });
    expect(few.truncated).toBe("maxFrames");
    near(
      few.frames.map((f) => f.time),
      [0, 0.5, 1],
      1 / FPS,
    );
    const all = await videoFrames(video, { every: 0.5, maxFrames: 8 });
    expect(all.truncated).toBeUndefined();
    expect(all.frames).toHaveLength(8);
    const budget = all.frames[0]!.media.size + all.frames[1]!.media.size + all.frames[2]!.media.size;
    const small = await videoFrames(video, { every: 0.5, maxBytes: budget + 10 });
    expect(small.truncated).toBe("maxBytes");
    expect(small.frames).toHaveLength(3);
    expect(small.bytes).toBeLessThanOrEqual(budget + 10);
    const count = await videoFrames(video, { count: 10, maxFrames: 4 });
    expect([count.frames.length, count.truncated]).toEqual([4, "maxFrames"]);
  });

  it("no frames: an audio file given as video, garbage bytes", async () => {
    for (const [format, o] of [
      ["mp3", { count: 3 }],
      ["m4a", { count: 3 }],
      ["wav", { every: 1 }],
    ] as const) {
      const audio = await tone(format);
      const error = await videoFrames(audio, o).catch((e) => e);
      expect(NoFramesError.isInstance(error), String(error)).toBe(true);
      expect(error.source).toBe(audio.name);
      expect(error.detail).toMatch(/^it has no video stream/);
    }
    for (const o of [{ count: 3 }, { scenes: true as const }]) {
      const error = await videoFrames(garbage(), o).catch((e) => e);
      expect(NoFramesError.isInstance(error), String(error)).toBe(true);
      expect(error.message).toContain("garbage.bin");
      expect(error.message).toMatch(/Invalid data|moov atom/);
      expect(error.message).not.toContain("flowprompt-av-");
    }
  });

  it("ffmpeg missing: the option points at a nonexistent path", async () => {
    const error = await videoFrames(await testVideo(), { ffmpeg: "/nonexistent/bin/ffmpeg" }).catch((e) => e);
    expect(FfmpegMissingError.isInstance(error)).toBe(true);
    expect(error.message).toContain("extract frames from");
  });

  it("abort rejects with the signal's reason", async () => {
    const video = await testVideo();
    const controller = new AbortController();
    const started = performance.now();
    const run = videoFrames(video, { scenes: true, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop now")), 20);
    await expect(run).rejects.toThrow("stop now");
    expect(performance.now() - started).toBeLessThan(2000); // not the whole decode
    await expect(videoFrames(video, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("rejects contradictory or invalid options", () => {
    expect(() => selectionOf({ count: 2, every: 1 })).toThrow(/only one/);
    expect(() => selectionOf({ count: 0 })).toThrow(/count/);
    expect(() => selectionOf({ every: -1 })).toThrow(/every/);
    expect(() => selectionOf({ scenes: { threshold: 2 } })).toThrow(/threshold/);
    expect(selectionOf({})).toEqual({ kind: "count", count: 8 });
    expect(selectExpression({ kind: "count", count: 4 }, 0, 4)).toBe("gte(t,0.4999+selected_n*1)");
  });
});
