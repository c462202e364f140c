import { type ConvertAudioOptions, transcodeAudio } from "../audio/convert.js";
import type { Media } from "../media.js";

export interface AudioTrackOptions extends ConvertAudioOptions {
  /** "wav" (16-bit PCM, the default) or "mp3" (smaller). */
  format?: "wav" | "mp3";
}

/**
 * The first audio track of a video as audio Media for transcription: by default WAV, 16 kHz, mono
 * (what speech-to-text models expect). `info` has format, duration, sampleRate and channels.
 *
 * @throws NoAudioTrackError when the video has no audio track or cannot be read; FfmpegMissingError;
 *   FfmpegTimeoutError; the signal's reason on abort.
 */
export function extractAudioTrack(video: Media, options: AudioTrackOptions = {}): Promise<Media> {
  const { format = "wav", sampleRate = 16_000, channels = 1, ...rest } = options;
  return transcodeAudio(
    video,
    format,
    { ...rest, sampleRate, channels },
    `extract the audio track of ${video.name ?? "a video"}`,
    "it has no audio track",
  );
}
