import { describe, expect, it } from "vitest";
import { probeAudio } from "../audio/probe.js";
import { readWavHeader } from "../audio/wav.js";
import { NoAudioTrackError } from "../errors/no-audio-track-error.js";
import { NoFramesError } from "../errors/no-frames-error.js";
import { garbage, testVideo, tone } from "../test-utils/av.js";
import { extractAudioTrack } from "./audio-track.js";
import { probeVideo } from "./probe.js";

describe("probeVideo", () => {
  it("reads duration, size, frame rate and whether there is sound", async () => {
    const info = await probeVideo(await testVideo());
    expect(info).toMatchObject({ width: 160, height: 120, fps: 25, hasAudio: true, start: 0, codec: "h264" });
    expect(info.duration).toBeCloseTo(4, 1);
    expect(info.container).toContain("mp4");
    expect((await probeVideo(await testVideo({ audio: false }))).hasAudio).toBe(false);
  });

  it("an audio file or garbage is NoFramesError", async () => {
    const e1 = await probeVideo(await tone("wav")).catch((e) => e);
    expect(NoFramesError.isInstance(e1)).toBe(true);
    expect(e1.detail).toBe("it has no video stream (streams: audio)");
    const e2 = await probeVideo(garbage()).catch((e) => e);
    expect(NoFramesError.isInstance(e2)).toBe(true);
    expect(e2.detail).toMatch(/^ffprobe said: .*(Invalid data|moov atom)/);
  });
});

describe("extractAudioTrack", () => {
  it("WAV 16 kHz mono by default, as long as the video", async () => {
    const video = await testVideo();
    const audio = await extractAudioTrack(video);
    expect(audio.kind).toBe("audio");
    expect(audio.mediaType).toBe("audio/wav");
    expect(audio.name).toBe(video.name);
    expect(audio.info).toMatchObject({ format: "wav", sampleRate: 16000, channels: 1 });
    expect(audio.info.duration as number).toBeCloseTo(4, 1);
    const header = readWavHeader(audio.bytes)!;
    expect(header).toMatchObject({ sampleRate: 16000, channels: 1, bitsPerSample: 16 });
    expect(header.duration).toBeCloseTo(4, 1);
  });

  it("or MP3, with other rates", async () => {
    const audio = await extractAudioTrack(await testVideo(), {
      format: "mp3",
      sampleRate: 22050,
    });
    expect(audio.mediaType).toBe("audio/mpeg");
    expect(await probeAudio(audio)).toMatchObject({ format: "mp3", sampleRate: 22050, channels: 1 });
    // MP3 adds encoder delay and padding (about 0.1 s).
    expect(Math.abs((audio.info.duration as number) - 4)).toBeLessThan(0.15);
  });

  it("a video without sound, or garbage, is NoAudioTrackError", async () => {
    const silent = await testVideo({ audio: false });
    const error = await extractAudioTrack(silent).catch((e) => e);
    expect(NoAudioTrackError.isInstance(error)).toBe(true);
    expect(error.message).toBe(`No audio could be read from ${silent.name}: it has no audio track.`);
    const bad = await extractAudioTrack(garbage()).catch((e) => e);
    expect(NoAudioTrackError.isInstance(bad)).toBe(true);
    expect(bad.detail).toMatch(/^ffmpeg said: .*(Invalid data|moov atom)/);
    await expect(extractAudioTrack(silent, { channels: 0 })).rejects.toThrow(/channels/);
  });
});
