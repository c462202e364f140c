import type { VideoFramesOptions } from "./frames.js";

export type FrameSelection =
  | { kind: "count"; count: number }
  | { kind: "every"; seconds: number }
  | { kind: "scenes"; threshold: number };

/** Which frames the options ask for (one of count / every / scenes; count 8 when none). */
export function selectionOf(options: VideoFramesOptions): FrameSelection {
  const given = [options.count, options.every, options.scenes].filter((x) => x !== undefined);
  if (given.length > 1) throw new TypeError("videoFrames: give only one of count, every and scenes");
  if (options.every !== undefined) {
    if (!(options.every > 0)) throw new TypeError("videoFrames: every must be a positive number of seconds");
    return { kind: "every", seconds: options.every };
  }
  if (options.scenes !== undefined) {
    const threshold = (options.scenes === true ? undefined : options.scenes.threshold) ?? 0.3;
    if (!(threshold > 0 && threshold < 1))
      throw new TypeError("videoFrames: scenes.threshold must be between 0 and 1");
    return { kind: "scenes", threshold };
  }
  const count = options.count ?? 8;
  if (!Number.isInteger(count) || count < 1)
    throw new TypeError("videoFrames: count must be a positive integer");
  return { kind: "count", count };
}

/** Seconds of slack so that a frame exactly at a target time (1.2 vs 1.2000000000000002) is taken. */
const EPSILON = 0.0001;

/** ffmpeg's select expression for a selection (`start`/`duration` in seconds, needed for count). */
export function selectExpression(selection: FrameSelection, start = 0, duration = 0): string {
  switch (selection.kind) {
    case "count": {
      const step = duration / selection.count;
      return `gte(t,${round(start + step / 2 - EPSILON)}+selected_n*${round(step)})`;
    }
    case "every":
      // Anchored at the first frame: no drift.
      return `gte(t-start_t,selected_n*${round(selection.seconds)}-${EPSILON})`;
    case "scenes":
      return `eq(n,0)+gt(scene,${selection.threshold})`;
  }
}

export interface FrameArgsOptions {
  start: number;
  duration: number;
  maxFrames: number;
  format: "jpeg" | "png";
  width?: number | undefined;
  /** ffmpeg before 5.1 has -vsync instead of -fps_mode. */
  legacy?: boolean;
}

/** The ffmpeg arguments: decode the first video stream, select, scale, log times, pipe out images. */
export function frameArgs(input: string, selection: FrameSelection, o: FrameArgsOptions): string[] {
  const filters = [`select='${selectExpression(selection, o.start, o.duration)}'`];
  if (o.width !== undefined) {
    if (!(Number.isInteger(o.width) && o.width > 0))
      throw new TypeError("videoFrames: width must be a positive integer");
    filters.push(`scale='min(${o.width},iw)':-2`);
  }
  filters.push("showinfo=checksum=0");
  const limit = selection.kind === "count" ? Math.min(selection.count, o.maxFrames + 1) : o.maxFrames + 1;
  return [
    ...["-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", "-i", input],
    ...["-map", "0:V:0", "-an", "-sn", "-dn", "-vf", filters.join(",")],
    ...(o.legacy ? ["-vsync", "passthrough"] : ["-fps_mode", "passthrough"]),
    ...["-frames:v", String(limit), "-f", "image2pipe"],
    ...(o.format === "png" ? ["-c:v", "png"] : ["-c:v", "mjpeg", "-q:v", "3"]),
    "pipe:1",
  ];
}

/** "[frame at 00:01:05.250]". */
export function frameLabel(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `[frame at ${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}]`;
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
