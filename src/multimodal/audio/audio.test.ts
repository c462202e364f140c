import { describe, expect, it } from "vitest";
import { NoAudioTrackError } from "../errors/no-audio-track-error.js";
import { garbage, speech, testVideo, tone } from "../test-utils/av.js";
import { AUDIO_MEDIA_TYPES, audioTargetOf, convertAudio, ensureAudioFormat } from "./convert.js";
import { audioFormatOf, probeAudio } from "./probe.js";
import { readWavHeader } from "./wav.js";

const FORMATS = [
  ["wav", "pcm_s16le"],
  ["mp3", "mp3"],
  ["m4a", "aac"],
  ["ogg", "vorbis"],
  ["flac", "flac"],
] as const;

describe("probeAudio", () => {
  for (const [format, codec] of FORMATS)
    it(`${format}: format, codec, duration, sample rate, channels`, async () => {
      const info = await probeAudio(await tone(format));
      expect(info).toMatchObject({ format, codec, sampleRate: 44100, channels: 2 });
      expect(info.duration).toBeGreaterThan(0.95);
      expect(info.duration).toBeLessThan(1.1);
    });

  it("speech from espeak-ng, a video's audio track; garbage and silence are NoAudioTrackError", async () => {
    const voice = await probeAudio(await speech("Testing one two three."));
    expect(voice).toMatchObject({ format: "wav", sampleRate: 22050, channels: 1 });
    expect(voice.duration).toBeGreaterThan(0.8);
    expect(await probeAudio(await testVideo())).toMatchObject({ format: "mp4", codec: "aac" });
    await expect(probeAudio(garbage(2000, "audio/mpeg"))).rejects.toSatisfy(NoAudioTrackError.isInstance);
    const silent = await probeAudio(await testVideo({ audio: false })).catch((e) => e);
    expect(silent.detail).toBe("it has no audio stream");
  });

  it("names containers", () => {
    expect(audioFormatOf("mov,mp4,m4a,3gp,3g2,mj2", "aac")).toBe("m4a");
    expect(audioFormatOf("matroska,webm", "opus")).toBe("webm");
    expect(audioFormatOf("mov,mp4,m4a,3gp,3g2,mj2", "aac", true)).toBe("mp4");
    expect(audioFormatOf("aiff", "pcm_s16be")).toBe("aiff");
    expect(audioFormatOf("", "")).toBe("unknown");
  });
});

describe("convertAudio", () => {
  it("converts m4a/ogg/flac to what OpenAI's input_audio takes (wav, mp3), with the facts in info", async () => {
    for (const [source, to] of [
      ["m4a", "wav"],
      ["ogg", "mp3"],
      ["flac", "mp3"],
    ] as const) {
      const input = await tone(source);
      {
        const out = await convertAudio(input, to, { sampleRate: 16000, channels: 1 });
        expect(out.mediaType).toBe(AUDIO_MEDIA_TYPES[to]);
        expect(out.info).toMatchObject({ format: to, sampleRate: 16000, channels: 1 });
        // Lossy codecs add encoder delay and padding (AAC ~0.02 s, MP3 up to ~0.15 s at 16 kHz).
        expect(Math.abs((out.info.duration as number) - 1)).toBeLessThan(0.15);
      }
    }
  });

  it("ensureAudioFormat keeps accepted audio as is and converts the rest", async () => {
    const wav = await tone("wav");
    expect(await ensureAudioFormat(wav, ["wav", "mp3"])).toBe(wav);
    const flac = await ensureAudioFormat(await tone("flac"), ["wav", "mp3"]);
    expect(flac.mediaType).toBe("audio/wav");
    expect(readWavHeader(flac.bytes)).toMatchObject({ sampleRate: 44100, channels: 2 });
    const resampled = await ensureAudioFormat(wav, ["wav"], { sampleRate: 8000 });
    expect(readWavHeader(resampled.bytes)?.sampleRate).toBe(8000);
    await expect(ensureAudioFormat(wav, [])).rejects.toThrow(/at least one/);
    expect(audioTargetOf("audio/x-m4a")).toBe("m4a");
    expect(audioTargetOf("audio/aiff")).toBeUndefined();
  });

  it("garbage is NoAudioTrackError; readWavHeader ignores what is not WAV", async () => {
    const error = await convertAudio(garbage(2000, "audio/mpeg"), "wav").catch((e) => e);
    expect(NoAudioTrackError.isInstance(error)).toBe(true);
    expect(error.message).toContain("garbage.bin");
    expect(readWavHeader(new Uint8Array(10))).toBeUndefined();
  });
});
