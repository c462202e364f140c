import { FfmpegFailedError, lastLine } from "../errors/ffmpeg-failed-error.js";
import { NoAudioTrackError } from "../errors/no-audio-track-error.js";
import { audioStream, durationOf, ffprobeJson, num, videoStream } from "../ffmpeg/ffprobe.js";
import type { FfmpegOptions } from "../ffmpeg/locate.js";
import { withInputFile } from "../ffmpeg/run.js";
import type { Media } from "../media.js";

export interface AudioInfo {
  /** Container: "wav", "mp3", "m4a", "ogg", "flac", "webm", "aac", or ffmpeg's name for others. */
  format: string;
  /** "pcm_s16le", "mp3", "aac", "vorbis", "opus", "flac", … */
  codec: string;
  /** Seconds (NaN when unknown). */
  duration: number;
  /** Hz. */
  sampleRate: number;
  channels: number;
  /** Bits per second, when known. */
  bitRate?: number;
}

/**
 * Format, duration, sample rate and channels of audio (or of a video's first audio track), with ffprobe.
 *
 * @throws NoAudioTrackError when ffprobe cannot read the bytes or there is no audio stream;
 *   FfmpegMissingError without ffprobe.
 */
export function probeAudio(media: Media, options: FfmpegOptions = {}): Promise<AudioInfo> {
  return withInputFile(media.bytes, media.mediaType, (path) => probeAudioFile(path, media.name, options));
}

/** `probeAudio` for a file on disk (`source` names it in errors). */
export async function probeAudioFile(
  path: string,
  source: string | undefined,
  options: FfmpegOptions = {},
): Promise<AudioInfo> {
  let probe: Awaited<ReturnType<typeof ffprobeJson>>;
  try {
    probe = await ffprobeJson(path, options, `read the audio ${source ?? ""}`.trim());
  } catch (error) {
    if (FfmpegFailedError.isInstance(error))
      throw new NoAudioTrackError(
        source,
        `ffprobe said: ${lastLine(error.stderr, path, source) || "nothing"}`,
        error,
      );
    throw error;
  }
  const audio = audioStream(probe);
  if (audio === undefined) throw new NoAudioTrackError(source, "it has no audio stream");
  const bitRate = num(audio.bit_rate) ?? num(probe.format.bit_rate);
  return {
    format: audioFormatOf(
      probe.format.format_name ?? "",
      audio.codec_name ?? "",
      videoStream(probe) !== undefined,
    ),
    codec: audio.codec_name ?? "unknown",
    duration: num(audio.duration) ?? durationOf(probe) ?? Number.NaN,
    sampleRate: num(audio.sample_rate) ?? 0,
    channels: audio.channels ?? 0,
    ...(bitRate !== undefined && { bitRate }),
  };
}

/** A short container name from ffprobe's format_name ("mov,mp4,m4a,3gp,3g2,mj2" → "m4a", or "mp4" with video). */
export function audioFormatOf(formatName: string, codec: string, hasVideo = false): string {
  const names = formatName.split(",");
  if (names.includes("wav")) return "wav";
  if (names.includes("mp3")) return "mp3";
  if (names.includes("flac")) return "flac";
  if (names.includes("ogg")) return "ogg";
  if (names.includes("m4a") || names.includes("mp4"))
    return !hasVideo && (codec === "aac" || codec === "alac") ? "m4a" : "mp4";
  if (names.includes("webm")) return "webm";
  return names[0] || "unknown";
}
