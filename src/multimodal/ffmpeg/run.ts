import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FfmpegFailedError } from "../errors/ffmpeg-failed-error.js";
import { FfmpegMissingError } from "../errors/ffmpeg-missing-error.js";
import { FfmpegTimeoutError } from "../errors/ffmpeg-timeout-error.js";

export interface RunOptions {
  /** What the run is for, in error messages: "extract frames from clip.mp4". */
  purpose: string;
  /** Bytes written to the program's stdin (read them with `-i pipe:0`). Otherwise stdin is closed. */
  input?: Uint8Array;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** Collected stdout above this fails the run (FfmpegFailedError). Default 512 MiB. */
  maxOutputBytes?: number;
  /** Receives stdout instead of collecting it; return true to stop the program (the run then resolves). */
  onStdout?: (chunk: Buffer) => boolean | undefined;
  /** Every complete stderr line. */
  onStderrLine?: (line: string) => void;
  /** Called with the process id once started (tests check that aborts leave no process behind). */
  onSpawn?: (pid: number) => void;
}

export interface RunResult {
  stdout: Buffer;
  /** The last few KB of stderr. */
  stderr: string;
  exitCode: number | null;
  /** True when `onStdout` asked to stop and the program was killed. */
  stopped: boolean;
}

const STDERR_TAIL = 8 * 1024;

/**
 * Runs ffmpeg/ffprobe without a shell. Resolves only after the process has exited and its pipes
 * closed, so no process outlives the call: an abort, a timeout or an early stop kill it (SIGKILL)
 * and then wait for it.
 *
 * @throws FfmpegFailedError on a non-zero exit, FfmpegTimeoutError, FfmpegMissingError (spawn
 *   ENOENT/EACCES), or the signal's reason on abort.
 */
export function runTool(binary: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const tool = /ffprobe/i.test(binary) ? "ffprobe" : "ffmpeg";
  if (options.signal?.aborted) return Promise.reject(options.signal.reason);
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      stdio: [options.input ? "pipe" : "ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    const stdout = child.stdout!;
    const stderrStream = child.stderr!;
    const chunks: Buffer[] = [];
    let outBytes = 0;
    let stderr = "";
    let partial = "";
    let failure: unknown;
    let stopped = false;
    let spawned = false;
    const kill = (why: unknown) => {
      failure ??= why;
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    };
    const onAbort = () => kill(options.signal?.reason);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(
            () => kill(new FfmpegTimeoutError(tool, options.purpose, options.timeoutMs!)),
            options.timeoutMs,
          );
    child.once("spawn", () => {
      spawned = true;
      if (child.pid !== undefined) options.onSpawn?.(child.pid);
    });
    stdout.on("data", (chunk: Buffer) => {
      if (stopped || failure !== undefined) return;
      if (options.onStdout) {
        try {
          if (options.onStdout(chunk) === true) {
            stopped = true;
            child.kill("SIGKILL");
          }
        } catch (error) {
          kill(error);
        }
        return;
      }
      outBytes += chunk.length;
      if (outBytes > (options.maxOutputBytes ?? 512 * 1024 * 1024))
        kill(new FfmpegFailedError(tool, options.purpose, null, stderr, "its output passed the size limit"));
      else chunks.push(chunk);
    });
    stderrStream.setEncoding("utf8");
    stderrStream.on("data", (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL);
      if (!options.onStderrLine) return;
      const lines = (partial + text).split(/\r\n|\n|\r/);
      partial = lines.pop() ?? "";
      try {
        for (const line of lines) options.onStderrLine(line);
      } catch (error) {
        kill(error);
      }
    });
    if (options.input && child.stdin) {
      child.stdin.on("error", () => {}); // EPIPE when the program stops reading early
      child.stdin.end(options.input);
    }
    child.once("error", (error: NodeJS.ErrnoException) => {
      if (!spawned && (error.code === "ENOENT" || error.code === "EACCES"))
        failure ??= new FfmpegMissingError(tool, options.purpose, [binary], error);
      else failure ??= error;
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (partial !== "") options.onStderrLine?.(partial);
      if (failure !== undefined) return reject(failure);
      if (stopped) return resolve({ stdout: Buffer.concat(chunks), stderr, exitCode: code, stopped });
      if (code !== 0) return reject(new FfmpegFailedError(tool, options.purpose, code, stderr));
      resolve({ stdout: Buffer.concat(chunks), stderr, exitCode: code, stopped });
    });
  });
}

/** Runs `use` with a fresh temporary folder, removed afterwards whatever happens. */
export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "flowprompt-av-"));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const EXTENSIONS: Record<string, string> = {
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
  "video/matroska": "mkv",
  "video/x-matroska": "mkv",
  "video/vnd.avi": "avi",
  "video/x-msvideo": "avi",
  "video/3gpp": "3gp",
  "video/mpeg": "mpg",
  "video/mp2t": "ts",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/aiff": "aiff",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
  "audio/aac": "aac",
  "audio/ogg": "ogg",
  "audio/opus": "opus",
  "audio/flac": "flac",
  "audio/x-flac": "flac",
  "audio/webm": "webm",
};

/** A file name extension for a MIME type (ffmpeg reads the bytes, but some demuxers look at it). */
export function extensionOf(mediaType: string): string {
  return EXTENSIONS[mediaType] ?? "bin";
}

/** Writes `bytes` to a temporary file (seekable input: MP4s with the index at the end need it) and runs `use`. */
export function withInputFile<T>(
  bytes: Uint8Array,
  mediaType: string,
  use: (path: string, dir: string) => Promise<T>,
): Promise<T> {
  return withTempDir(async (dir) => {
    const path = join(dir, `input.${extensionOf(mediaType)}`);
    await writeFile(path, bytes);
    return use(path, dir);
  });
}
