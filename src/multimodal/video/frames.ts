import { FfmpegFailedError, lastLine } from "../errors/ffmpeg-failed-error.js";
import { NoFramesError } from "../errors/no-frames-error.js";
import { type FfmpegOptions, locate } from "../ffmpeg/locate.js";
import { runTool, withInputFile } from "../ffmpeg/run.js";
import { Media } from "../media.js";
import { frameArgs, frameLabel, selectionOf } from "./frame-args.js";
import { ImageStream } from "./image-stream.js";
import { mp4Duration } from "./mp4-duration.js";
import { probeVideoFile } from "./probe.js";

export interface VideoFramesOptions extends FfmpegOptions {
  /** N frames evenly spaced: the first frame at or after the middle of each of N equal parts. Default 8. */
  count?: number;
  /** One frame every k seconds, from the first frame on. */
  every?: number;
  /** The first frame, then one at each scene change (ffmpeg's scene score above `threshold`, default 0.3). */
  scenes?: true | { threshold?: number };
  /** At most this many frames (default 32); more → `truncated: "maxFrames"`. */
  maxFrames?: number;
  /** At most this many image bytes in all; the frame that would pass it and later ones are dropped. */
  maxBytes?: number;
  /** Scale frames down to this width (keeping the aspect ratio; never up). */
  width?: number;
  /** Image format of the frames (default "jpeg"). */
  format?: "jpeg" | "png";
}

export interface VideoFrame {
  /** The frame as an image. */
  media: Media;
  /** Seconds from the start of the video. */
  time: number;
  /** "[frame at 00:01:05.250]", to put next to the image in a prompt. */
  label: string;
}

export interface VideoFrames {
  frames: VideoFrame[];
  /** Seconds (NaN when neither the container nor the streams say). */
  duration: number;
  /** Set when frames were left out because of `maxFrames` or `maxBytes`. */
  truncated?: "maxFrames" | "maxBytes";
  /** Total bytes of the frames' images. */
  bytes: number;
}

const SHOWINFO = /Parsed_showinfo.*\bpts_time:\s*(-?[\d.e+-]+).*\bs:\s*(\d+)x(\d+)/;
const DURATION = /^\s*Duration: (?:(\d+):(\d+):([\d.]+)|N\/A), start: (-?[\d.]+)/;

/**
 * Frames of a video as images with their times, in ONE ffmpeg run (select filter → image2pipe); evenly
 * spaced frames first read the duration with ffprobe.
 *
 * @throws NoFramesError when there is no decodable video frame (an audio file, corrupt bytes);
 *   FfmpegMissingError; FfmpegTimeoutError; the signal's reason on abort; TypeError on bad options.
 */
export async function videoFrames(media: Media, options: VideoFramesOptions = {}): Promise<VideoFrames> {
  const selection = selectionOf(options);
  const format = options.format ?? "jpeg";
  const maxFrames = options.maxFrames ?? 32;
  if (!Number.isInteger(maxFrames) || maxFrames < 1)
    throw new TypeError("videoFrames: maxFrames must be a positive integer");
  const ffmpeg = locate("ffmpeg", options, `extract frames from ${media.name ?? "a video"}`);
  return withInputFile(media.bytes, media.mediaType, async (path) => {
    let start = 0;
    let duration = Number.NaN;
    if (selection.kind === "count") {
      // MP4/MOV say their duration in the header: no ffprobe run needed.
      const header = mp4Duration(media.bytes);
      if (header !== undefined) duration = header;
      else ({ start, duration } = await probeVideoFile(path, media.name, options));
      if (!Number.isFinite(duration))
        throw new NoFramesError(
          media.name,
          "its duration is unknown, so frames cannot be spaced evenly (use `every`)",
        );
    }
    const run = (legacy: boolean) =>
      extract(
        ffmpeg,
        frameArgs(path, selection, { start, duration, maxFrames, format, width: options.width, legacy }),
        {
          ...options,
          format,
          maxFrames,
          source: media.name,
        },
      );
    let out: Extracted;
    try {
      out = await run(false).catch((error: unknown) => {
        if (FfmpegFailedError.isInstance(error) && error.stderr.includes("Unrecognized option 'fps_mode'"))
          return run(true);
        throw error;
      });
    } catch (error) {
      if (FfmpegFailedError.isInstance(error))
        throw new NoFramesError(
          media.name,
          /Stream map '0:V:0' matches no streams/.test(error.stderr)
            ? "it has no video stream"
            : `ffmpeg said: ${lastLine(error.stderr, path, media.name) || `exit code ${error.exitCode}`}`,
          error,
        );
      throw error;
    }
    start = out.start ?? start;
    if (!Number.isFinite(duration))
      duration = out.duration ?? (await probeVideoFile(path, media.name, options)).duration;
    if (out.images.length === 0 && out.truncated === undefined)
      throw new NoFramesError(media.name, "ffmpeg decoded no frame");
    const frames = out.images.map(({ bytes, time, width, height }) => {
      const t = Math.max(0, time - start);
      const info = { width, height, time: t };
      const name = `${media.name ?? "video"}#t=${t.toFixed(3)}`;
      return { media: new Media(bytes, `image/${format}`, { name, info }), time: t, label: frameLabel(t) };
    });
    const bytes = frames.reduce((sum, f) => sum + f.media.size, 0);
    return { frames, duration, bytes, ...(out.truncated && { truncated: out.truncated }) };
  });
}

interface Extracted {
  images: { bytes: Uint8Array; time: number; width: number; height: number }[];
  truncated?: "maxFrames" | "maxBytes";
  duration?: number;
  start?: number;
}

async function extract(
  ffmpeg: string,
  args: string[],
  options: FfmpegOptions & {
    format: "jpeg" | "png";
    maxFrames: number;
    maxBytes?: number;
    source: string | undefined;
  },
): Promise<Extracted> {
  const stream = new ImageStream(options.format);
  const images: Buffer[] = [];
  const shown: { time: number; width: number; height: number }[] = [];
  const out: Extracted = { images: [] };
  let bytes = 0;
  await runTool(ffmpeg, args, {
    purpose: `extract frames from ${options.source ?? "a video"}`,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    onStdout: (chunk) => {
      for (const image of stream.push(chunk)) {
        if (images.length >= options.maxFrames) out.truncated = "maxFrames";
        else if (options.maxBytes !== undefined && bytes + image.length > options.maxBytes)
          out.truncated = "maxBytes";
        if (out.truncated) return true;
        images.push(image);
        bytes += image.length;
      }
      return undefined;
    },
    onStderrLine: (line) => {
      const info = SHOWINFO.exec(line);
      if (info) shown.push({ time: Number(info[1]), width: Number(info[2]), height: Number(info[3]) });
      else if (out.start === undefined) {
        const d = DURATION.exec(line);
        if (d) {
          out.start = Number(d[4]);
          if (d[1] !== undefined) out.duration = Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]);
        }
      }
    },
  });
  out.images = images.map((image, i) => ({
    bytes: new Uint8Array(image),
    time: Number.NaN,
    width: 0,
    height: 0,
    ...shown[i],
  }));
  return out;
}
