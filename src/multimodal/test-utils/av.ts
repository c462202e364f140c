/**
 * Audio/video fixtures made at test time with ffmpeg, sox and espeak-ng (nothing downloaded), cached
 * for the whole test run in one temp folder per vitest process (worker threads share it; files are
 * written under a temporary name and renamed, so concurrent workers never read half a file).
 */
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { readFile, rename, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Media } from "../media.js";

const exec = promisify(execFile);
const PREFIX = "flowprompt-av-fixtures-";
const dir = join(tmpdir(), `${PREFIX}${process.pid}`);
let swept = false;
const made = new Map<string, Promise<string>>();

/** Removes fixture folders of test runs that have ended, then makes this run's. */
function fixtureDir(): string {
  if (!swept) {
    swept = true;
    for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
      const pid = Number(name.slice(PREFIX.length));
      if (pid !== process.pid && !alive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Makes `name` once per run with `make(tmpPath)`; returns its path. */
function fixture(name: string, make: (out: string) => Promise<unknown>): Promise<string> {
  let p = made.get(name);
  if (p === undefined) {
    p = (async () => {
      const path = join(fixtureDir(), name);
      if (
        await stat(path).then(
          (s) => s.size > 0,
          () => false,
        )
      )
        return path;
      const tmp = join(dir, `.${process.hrtime.bigint()}-${Math.random().toString(36).slice(2)}-${name}`);
      await make(tmp);
      await rename(tmp, path);
      return path;
    })();
    made.set(name, p);
  }
  return p;
}

const ffmpeg = (args: string[]) =>
  exec("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", ...args]);

async function load(path: string, mediaType: string): Promise<Media> {
  return new Media(new Uint8Array(await readFile(path)), mediaType, { name: path });
}

export interface TestVideoOptions {
  seconds?: number;
  width?: number;
  height?: number;
  fps?: number;
  /** Add a 440 Hz sine audio track (default true). */
  audio?: boolean;
  /** "mp4" (default) or "mkv" (Matroska: no duration parsed in JavaScript, so ffprobe runs). */
  container?: "mp4" | "mkv";
}

/** ffmpeg's `testsrc` pattern (a moving counter), H.264 in MP4, optionally with a sine track. Default 4 s 160×120 25 fps. */
export async function testVideoFile(o: TestVideoOptions = {}): Promise<string> {
  const { seconds = 4, width = 160, height = 120, fps = 25, audio = true, container = "mp4" } = o;
  const name = `testsrc-${seconds}s-${width}x${height}-${fps}${audio ? "-a" : ""}.${container}`;
  return fixture(name, (out) =>
    ffmpeg([
      ...["-f", "lavfi", "-i", `testsrc=s=${width}x${height}:r=${fps}:d=${seconds}`],
      ...(audio ? ["-f", "lavfi", "-i", `sine=f=440:r=16000:d=${seconds}`, "-c:a", "aac", "-shortest"] : []),
      ...["-c:v", "libx264", "-preset", "ultrafast", "-g", String(fps), "-pix_fmt", "yuv420p"],
      ...["-f", container === "mkv" ? "matroska" : "mp4", out],
    ]),
  );
}

export async function testVideo(o: TestVideoOptions = {}): Promise<Media> {
  return load(await testVideoFile(o), o.container === "mkv" ? "video/x-matroska" : "video/mp4");
}

/**
 * Solid colours back to back, `segment` seconds each (hard cuts at segment, 2·segment, …), so scene
 * detection has a known answer. Default red, blue, green, black, white: cuts at 1, 2, 3, 4 s.
 */
export async function sceneVideo(
  o: { colors?: string[]; segment?: number; width?: number; height?: number; fps?: number } = {},
): Promise<Media> {
  const {
    colors = ["red", "blue", "green", "black", "white"],
    segment = 1,
    width = 160,
    height = 120,
    fps = 25,
  } = o;
  const name = `scenes-${colors.join("_")}-${segment}s-${width}x${height}-${fps}.mp4`;
  const path = await fixture(name, (out) =>
    ffmpeg([
      ...colors.flatMap((c) => [
        "-f",
        "lavfi",
        "-i",
        `color=c=${c}:s=${width}x${height}:r=${fps}:d=${segment}`,
      ]),
      ...[
        "-filter_complex",
        `${colors.map((_, i) => `[${i}:v]`).join("")}concat=n=${colors.length}:v=1:a=0[v]`,
      ],
      ...["-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4", out],
    ]),
  );
  return load(path, "video/mp4");
}

export type ToneFormat = "wav" | "mp3" | "flac" | "ogg" | "m4a";
const TONE_TYPES: Record<ToneFormat, string> = {
  wav: "audio/wav",
  mp3: "audio/mpeg",
  flac: "audio/flac",
  ogg: "audio/ogg",
  m4a: "audio/mp4",
};

/** A sine tone made with sox (wav/flac/ogg) or ffmpeg from sox's wav (mp3, m4a as AAC). Default 1 s 440 Hz 44.1 kHz stereo. */
export async function tone(
  format: ToneFormat,
  o: { seconds?: number; frequency?: number; rate?: number; channels?: number } = {},
): Promise<Media> {
  const { seconds = 1, frequency = 440, rate = 44100, channels = 2 } = o;
  const base = `tone-${seconds}s-${frequency}-${rate}-${channels}`;
  const wav = await fixture(`${base}.wav`, (out) =>
    exec("sox", [
      "-n",
      "-r",
      String(rate),
      "-c",
      String(channels),
      "-b",
      "16",
      "-t",
      "wav",
      out,
      "synth",
      String(seconds),
      "sine",
      String(frequency),
    ]),
  );
  const path =
    format === "wav"
      ? wav
      : await fixture(`${base}.${format}`, (out) =>
          format === "flac" || format === "ogg"
            ? exec("sox", [wav, "-t", format === "ogg" ? "vorbis" : "flac", out])
            : ffmpeg([
                "-i",
                wav,
                ...(format === "mp3" ? ["-c:a", "libmp3lame", "-f", "mp3"] : ["-c:a", "aac", "-f", "ipod"]),
                out,
              ]),
        );
  return load(path, TONE_TYPES[format]);
}

/** Spoken English from espeak-ng, as WAV (22.05 kHz mono). */
export async function speech(text = "Hello from FlowPrompt."): Promise<Media> {
  const name = `speech-${Buffer.from(text).toString("hex").slice(0, 40)}.wav`;
  return load(await fixture(name, (out) => exec("espeak-ng", ["-w", out, text])), "audio/wav");
}

/** Bytes that are no media at all. */
export function garbage(size = 4096, mediaType = "video/mp4"): Media {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
  return new Media(bytes, mediaType, { name: "garbage.bin" });
}
