import { FfmpegFailedError, lastLine } from "../errors/ffmpeg-failed-error.js";
import { NoFramesError } from "../errors/no-frames-error.js";
import { audioStream, durationOf, ffprobeJson, num, videoStream } from "../ffmpeg/ffprobe.js";
import type { FfmpegOptions } from "../ffmpeg/locate.js";
import { withInputFile } from "../ffmpeg/run.js";
import type { Media } from "../media.js";

export interface VideoInfo {
  /** Seconds. */
  duration: number;
  width: number;
  height: number;
  /** Average frames per second (NaN when the container does not say). */
  fps: number;
  hasAudio: boolean;
  /** Seconds at which the timeline starts (usually 0; MPEG-TS often starts later). */
  start: number;
  /** "h264", "vp9", … */
  codec: string;
  /** "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", … */
  container: string;
}

/**
 * Reads a video's duration, size, frame rate and whether it has sound, with ffprobe.
 *
 * @throws NoFramesError when ffprobe cannot read the bytes or they hold no video stream (an audio
 *   file, or an MP3 whose only picture is its cover); FfmpegMissingError without ffprobe.
 */
export function probeVideo(media: Media, options: FfmpegOptions = {}): Promise<VideoInfo> {
  return withInputFile(media.bytes, media.mediaType, (path) => probeVideoFile(path, media.name, options));
}

/** `probeVideo` for a file already on disk (`source` names it in errors). */
export async function probeVideoFile(
  path: string,
  source: string | undefined,
  options: FfmpegOptions = {},
): Promise<VideoInfo> {
  let probe: Awaited<ReturnType<typeof ffprobeJson>>;
  try {
    probe = await ffprobeJson(path, options, `read the video ${source ?? ""}`.trim());
  } catch (error) {
    if (FfmpegFailedError.isInstance(error))
      throw new NoFramesError(
        source,
        `ffprobe said: ${lastLine(error.stderr, path, source) || "nothing"}`,
        error,
      );
    throw error;
  }
  const video = videoStream(probe);
  if (video === undefined) {
    const kinds = probe.streams.map((s) => s.codec_type ?? "unknown");
    throw new NoFramesError(
      source,
      `it has no video stream (${kinds.length === 0 ? "no streams" : `streams: ${kinds.join(", ")}`})`,
    );
  }
  return {
    duration: durationOf(probe) ?? Number.NaN,
    width: video.width ?? 0,
    height: video.height ?? 0,
    fps: num(video.avg_frame_rate) || num(video.r_frame_rate) || Number.NaN,
    hasAudio: audioStream(probe) !== undefined,
    start: num(probe.format.start_time) ?? 0,
    codec: video.codec_name ?? "unknown",
    container: probe.format.format_name ?? "unknown",
  };
}
