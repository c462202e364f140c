import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import { FfmpegFailedError, lastLine } from "../errors/ffmpeg-failed-error.js";
import { FfmpegMissingError } from "../errors/ffmpeg-missing-error.js";
import { FfmpegTimeoutError } from "../errors/ffmpeg-timeout-error.js";
import { NoAudioTrackError } from "../errors/no-audio-track-error.js";
import { NoFramesError } from "../errors/no-frames-error.js";
import { clearLocateCache, locate } from "./locate.js";
import { extensionOf, runTool, withTempDir } from "./run.js";

const ffmpeg = locate("ffmpeg");
/** A generated video played in real time (-re) and thrown away: runs 20 s unless killed (bounded, so a failing test leaves no process behind for long). */
const ENDLESS = [
  "-hide_banner",
  "-nostdin",
  "-re",
  "-f",
  "lavfi",
  "-i",
  "testsrc=s=64x48:r=25",
  "-f",
  "null",
  "-",
];

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
};

afterEach(() => {
  vi.unstubAllEnvs();
  clearLocateCache();
});

describe("locate", () => {
  it("finds ffmpeg and ffprobe by default, and honours an explicit path", () => {
    expect(ffmpeg).toMatch(/ffmpeg$/);
    expect(locate("ffprobe")).toMatch(/ffprobe$/);
    expect(locate("ffmpeg", { ffmpeg: "/usr/bin/ffmpeg" })).toBe("/usr/bin/ffmpeg");
  });

  it("an explicit path or FLOWPROMPT_FFMPEG that is not a program is an error, not a silent fallback", () => {
    const error = (() => {
      try {
        locate("ffmpeg", { ffmpeg: "/nonexistent/ffmpeg" }, "extract frames from clip.mp4");
      } catch (e) {
        return e;
      }
    })();
    expect(FfmpegMissingError.isInstance(error)).toBe(true);
    const e = error as FfmpegMissingError;
    expect(e.message).toContain("ffmpeg is needed to extract frames from clip.mp4");
    expect(e.message).toContain("/nonexistent/ffmpeg");
    expect(e.hint).toContain("sudo apt-get install ffmpeg");
    expect(e.hint).toContain("npm install ffmpeg-static");
    vi.stubEnv("FLOWPROMPT_FFPROBE", "/nonexistent/ffprobe");
    expect(() => locate("ffprobe")).toThrow(/FLOWPROMPT_FFPROBE \(\/nonexistent\/ffprobe\)/);
  });

  it("finds ffprobe next to a configured ffmpeg, before /usr/bin", () => {
    const dir = mkdtempSync(join(tmpdir(), "fp-locate-"));
    try {
      symlinkSync("/usr/bin/ffmpeg", join(dir, "ffmpeg"));
      writeFileSync(join(dir, "ffprobe"), "#!/bin/sh\n");
      chmodSync(join(dir, "ffprobe"), 0o755);
      expect(locate("ffprobe", { ffmpeg: join(dir, "ffmpeg") })).toBe(join(dir, "ffprobe"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("runTool", () => {
  it("collects stdout, feeds stdin and reports a failure with the stderr tail", async () => {
    const wav = await runTool(ffmpeg, ["-f", "lavfi", "-i", "sine=d=0.1", "-f", "wav", "pipe:1"], {
      purpose: "t",
    });
    expect(wav.stdout.toString("latin1", 0, 4)).toBe("RIFF");
    const back = await runTool(ffmpeg, ["-i", "pipe:0", "-f", "s16le", "pipe:1"], {
      purpose: "t",
      input: wav.stdout,
    });
    expect(back.stdout.length).toBeGreaterThan(3000);
    const failed = await runTool(ffmpeg, ["-i", "/nonexistent.mp4"], {
      purpose: "read /nonexistent.mp4",
    }).catch((e) => e);
    expect(FfmpegFailedError.isInstance(failed)).toBe(true);
    expect(failed.exitCode).toBe(1);
    expect(failed.message).toMatch(
      /^ffmpeg could not read \/nonexistent.mp4: exit code 1 \(ffmpeg said: .*No such file/,
    );
  });

  it("abort kills the process and waits for it (no process left)", async () => {
    const controller = new AbortController();
    let pid = 0;
    const run = runTool(ffmpeg, ENDLESS, {
      purpose: "t",
      signal: controller.signal,
      onSpawn: (p) => {
        pid = p;
      },
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(pid).toBeGreaterThan(0);
    expect(gone(pid)).toBe(false);
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
    expect(gone(pid)).toBe(true);
    await expect(runTool(ffmpeg, ENDLESS, { purpose: "t", signal: AbortSignal.abort() })).rejects.toThrow(
      /abort/i,
    );
  });

  it("a timeout kills the process with FfmpegTimeoutError", async () => {
    let pid = 0;
    const error = await runTool(ffmpeg, ENDLESS, {
      purpose: "loop",
      timeoutMs: 100,
      onSpawn: (p) => {
        pid = p;
      },
    }).catch((e) => e);
    expect(FfmpegTimeoutError.isInstance(error)).toBe(true);
    expect(error.message).toBe("ffmpeg did not loop within 100 ms and was stopped.");
    expect(gone(pid)).toBe(true);
  });

  it("bounds stdout, can stop early, and reports a missing binary", async () => {
    const args = ["-hide_banner", "-f", "lavfi", "-i", "sine=d=5", "-f", "s16le", "pipe:1"];
    await expect(runTool(ffmpeg, args, { purpose: "t", maxOutputBytes: 1000 })).rejects.toThrow(/size limit/);
    let seen = 0;
    const stopped = await runTool(ffmpeg, args, {
      purpose: "t",
      onStdout: (c) => {
        seen += c.length;
        return true;
      },
    });
    expect(stopped.stopped).toBe(true);
    expect(seen).toBeGreaterThan(0);
    const thrown = runTool(ffmpeg, args, {
      purpose: "t",
      onStdout: () => {
        throw new Error("parser broke");
      },
    });
    await expect(thrown).rejects.toThrow("parser broke");
    const missing = await runTool("/nonexistent/ffmpeg", [], { purpose: "t" }).catch((e) => e);
    expect(FfmpegMissingError.isInstance(missing)).toBe(true);
  });

  it("temp folders are removed, and inputs get an extension ffmpeg understands", async () => {
    let kept = "";
    await expect(
      withTempDir(async (dir) => {
        kept = dir;
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(import("node:fs/promises").then((fs) => fs.stat(kept))).rejects.toThrow(/ENOENT/);
    expect(extensionOf("video/mp4")).toBe("mp4");
    expect(extensionOf("application/x-unknown")).toBe("bin");
  });
});

describe("errors", () => {
  const all = [
    new FfmpegMissingError("ffprobe", "read a video", ["/usr/bin/ffprobe"]),
    new FfmpegFailedError(
      "ffmpeg",
      "convert a",
      1,
      "x\n[mp3 @ 0xdeadbeef] bad header\nTo ignore this, add a trailing '?'\n",
    ),
    new FfmpegTimeoutError("ffmpeg", "convert a", 5),
    new NoFramesError("a.mp3", "it has no video stream"),
    new NoAudioTrackError(undefined, "it has no audio track"),
  ];

  it("have distinct FP_ codes, isInstance across copies and JSON with their fields", () => {
    const codes = all.map((e) => e.code);
    expect(new Set(codes).size).toBe(all.length);
    for (const e of all) {
      expect(e.code).toMatch(/^FP_[A-Z_]+$/);
      expect(FlowPromptError.isInstance(e)).toBe(true);
      expect((e.constructor as typeof FfmpegMissingError).isInstance({ ...e })).toBe(true);
      expect(e.hint).toBeTruthy();
    }
    expect(NoFramesError.isInstance(all[4])).toBe(false);
    expect(all[0]!.toJSON()).toMatchObject({
      code: "FP_FFMPEG_MISSING",
      tool: "ffprobe",
      tried: ["/usr/bin/ffprobe"],
    });
    expect(all[1]!.message).toBe("ffmpeg could not convert a: exit code 1 (ffmpeg said: bad header).");
    expect(all[3]!.message).toBe("No video frames could be read from a.mp3: it has no video stream.");
    expect(all[4]!.message).toBe("No audio could be read from the media: it has no audio track.");
    expect(lastLine("a\n/tmp/x/input.mp4: Invalid data\n", "/tmp/x/input.mp4", "clip.mp4")).toBe(
      "clip.mp4: Invalid data",
    );
  });
});
