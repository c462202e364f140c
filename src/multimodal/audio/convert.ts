import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { FfmpegFailedError, lastLine } from "../errors/ffmpeg-failed-error.js";
import { NoAudioTrackError } from "../errors/no-audio-track-error.js";
import { type FfmpegOptions, locate } from "../ffmpeg/locate.js";
import { runTool, withInputFile } from "../ffmpeg/run.js";
import { Media } from "../media.js";
import { probeAudioFile } from "./probe.js";
import { readWavHeader } from "./wav.js";

/** Formats FlowPrompt can write. OpenAI's `input_audio` takes wav and mp3; Gemini also flac, ogg, aac. */
export type AudioTarget = "wav" | "mp3" | "flac" | "ogg" | "m4a";

export const AUDIO_MEDIA_TYPES: Readonly<Record<AudioTarget, string>> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  flac: "audio/flac",
  ogg: "audio/ogg",
  m4a: "audio/mp4",
};

const CODECS: Record<AudioTarget, string[]> = {
  wav: ["-c:a", "pcm_s16le", "-f", "wav"],
  mp3: ["-c:a", "libmp3lame", "-f", "mp3"],
  flac: ["-c:a", "flac", "-f", "flac"],
  ogg: ["-c:a", "libvorbis", "-f", "ogg"],
  m4a: ["-c:a", "aac", "-f", "ipod"],
};

export interface ConvertAudioOptions extends FfmpegOptions {
  /** Resample to this rate in Hz (default: keep). */
  sampleRate?: number;
  /** Mix to this many channels (1 = mono; default: keep). */
  channels?: number;
  /** For lossy formats: "64k", "128k"… (default: ffmpeg's). */
  bitrate?: string;
}

/** The AudioTarget of a MIME type, if it is one. */
export function audioTargetOf(mediaType: string): AudioTarget | undefined {
  if (mediaType === "audio/wav" || mediaType === "audio/x-wav" || mediaType === "audio/wave") return "wav";
  if (mediaType === "audio/mpeg" || mediaType === "audio/mp3") return "mp3";
  if (mediaType === "audio/flac" || mediaType === "audio/x-flac") return "flac";
  if (mediaType === "audio/ogg") return "ogg";
  if (mediaType === "audio/mp4" || mediaType === "audio/x-m4a" || mediaType === "audio/m4a") return "m4a";
  return undefined;
}

/**
 * Transcodes audio (or the first audio track of a video) to `to` with ffmpeg. The result's `info` has
 * format, duration, sampleRate and channels.
 *
 * @throws NoAudioTrackError when there is no readable audio; FfmpegMissingError; FfmpegTimeoutError.
 */
export function convertAudio(
  media: Media,
  to: AudioTarget,
  options: ConvertAudioOptions = {},
): Promise<Media> {
  return transcodeAudio(media, to, options, `convert ${media.name ?? "audio"} to ${to}`);
}

/**
 * The audio as is when its format is in `accepted` (and no resampling is asked), else converted to
 * `accepted[0]`: `ensureAudioFormat(clip, ["wav", "mp3"])` for OpenAI's input_audio.
 */
export async function ensureAudioFormat(
  media: Media,
  accepted: readonly AudioTarget[],
  options: ConvertAudioOptions = {},
): Promise<Media> {
  const current = audioTargetOf(media.mediaType);
  const resample =
    options.sampleRate !== undefined || options.channels !== undefined || options.bitrate !== undefined;
  if (current !== undefined && accepted.includes(current) && !resample) return media;
  const to = accepted[0];
  if (to === undefined) throw new TypeError("ensureAudioFormat: accepted must list at least one format");
  return convertAudio(media, to, options);
}

/** Runs `ffmpeg -i input -map 0:a:0 … output.<to>` in a temp folder and loads the result as Media. */
export async function transcodeAudio(
  media: Media,
  to: AudioTarget,
  options: ConvertAudioOptions,
  purpose: string,
  noAudio = "it has no audio stream",
): Promise<Media> {
  const ffmpeg = locate("ffmpeg", options, purpose);
  for (const [name, value] of [
    ["sampleRate", options.sampleRate],
    ["channels", options.channels],
  ] as const)
    if (value !== undefined && !(Number.isInteger(value) && value > 0))
      throw new TypeError(`${name} must be a positive integer`);
  return withInputFile(media.bytes, media.mediaType, async (input, dir) => {
    const output = join(dir, `output.${to}`);
    const args = [
      ...["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-i", input],
      ...["-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1"],
      ...(options.sampleRate !== undefined ? ["-ar", String(options.sampleRate)] : []),
      ...(options.channels !== undefined ? ["-ac", String(options.channels)] : []),
      ...(options.bitrate !== undefined && to !== "wav" && to !== "flac" ? ["-b:a", options.bitrate] : []),
      ...CODECS[to],
      ...["-y", output],
    ];
    try {
      await runTool(ffmpeg, args, { purpose, signal: options.signal, timeoutMs: options.timeoutMs });
    } catch (error) {
      if (!FfmpegFailedError.isInstance(error)) throw error;
      const none = /Stream map '0:a:0' matches no streams/.test(error.stderr);
      const said = `ffmpeg said: ${lastLine(error.stderr, input, media.name)}`;
      throw new NoAudioTrackError(media.name, none ? noAudio : said, error);
    }
    const bytes = new Uint8Array(await readFile(output));
    const wav = to === "wav" ? readWavHeader(bytes) : undefined;
    const info = wav
      ? { format: "wav", duration: wav.duration, sampleRate: wav.sampleRate, channels: wav.channels }
      : await probeAudioFile(output, media.name, options).then((p) => ({
          format: to,
          duration: p.duration,
          sampleRate: p.sampleRate,
          channels: p.channels,
        }));
    return new Media(bytes, AUDIO_MEDIA_TYPES[to], { name: media.name, info });
  });
}
