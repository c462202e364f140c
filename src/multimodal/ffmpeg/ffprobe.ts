import { type FfmpegOptions, locate } from "./locate.js";
import { runTool } from "./run.js";

/** The parts of `ffprobe -show_format -show_streams -print_format json` that FlowPrompt reads. */
export interface ProbeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
  bit_rate?: string;
  disposition?: { attached_pic?: number };
}

export interface ProbeJson {
  streams: ProbeStream[];
  format: { format_name?: string; duration?: string; start_time?: string; bit_rate?: string };
}

/** Runs ffprobe on a file and returns its JSON (FfmpegFailedError when it cannot read the file). */
export async function ffprobeJson(path: string, options: FfmpegOptions, purpose: string): Promise<ProbeJson> {
  const ffprobe = locate("ffprobe", options, purpose);
  const args = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path];
  const { stdout } = await runTool(ffprobe, args, {
    purpose,
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxOutputBytes: 4 * 1024 * 1024,
  });
  const json = JSON.parse(stdout.toString("utf8")) as Partial<ProbeJson>;
  return { streams: json.streams ?? [], format: json.format ?? {} };
}

/** A finite number from ffprobe's text ("12.5", "N/A", "30000/1001"), else undefined. */
export function num(text: string | number | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (typeof text === "number") return Number.isFinite(text) ? text : undefined;
  const [a, b] = text.split("/");
  const value = b === undefined ? Number(a) : Number(a) / Number(b);
  return Number.isFinite(value) ? value : undefined;
}

/** The real video stream (not an attached cover picture), if any. */
export function videoStream(probe: ProbeJson): ProbeStream | undefined {
  return probe.streams.find((s) => s.codec_type === "video" && s.disposition?.attached_pic !== 1);
}

export function audioStream(probe: ProbeJson): ProbeStream | undefined {
  return probe.streams.find((s) => s.codec_type === "audio");
}

/** The media's duration in seconds: the container's, else the longest stream's. */
export function durationOf(probe: ProbeJson): number | undefined {
  const streams = probe.streams.map((s) => num(s.duration)).filter((d) => d !== undefined);
  return num(probe.format.duration) ?? (streams.length > 0 ? Math.max(...streams) : undefined);
}
