/**
 * Frame extraction: `videoFrames` against the plain ffmpeg command doing the same work (the same
 * select filter, JPEG frames piped out, run directly with child_process on the file), on a generated
 * 30 s 1280×720 30 fps H.264 video made of six 5 s test patterns (hard cuts at 5, 10, … 25 s).
 * Calls are interleaved (harness.ts) and both sides must return byte-identical frames.
 * `videoFrames` also pays for: writing the bytes to a temp file, ffprobe (evenly spaced frames
 * only), the showinfo filter that reports frame times, and splitting the piped images.
 *
 *   npm run build --silent && node bench/frames.ts [--quick] [--iterations=7]
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertSame, dist, fmt, header, type Measured, measure, numberArg, table } from "./harness.ts";

type Frames = typeof import("../src/multimodal/video/frames.ts");
type Args = typeof import("../src/multimodal/video/frame-args.ts");
type Stream = typeof import("../src/multimodal/video/image-stream.ts");
type MediaModule = typeof import("../src/multimodal/media.ts");

const GOAL = 1.1;
const SOURCES = ["testsrc", "testsrc2", "smptehdbars", "rgbtestsrc", "yuvtestsrc", "pal100bars"];

function makeVideo(path: string): void {
  const inputs = SOURCES.flatMap((s) => ["-f", "lavfi", "-i", `${s}=s=1280x720:r=30:d=5`]);
  const concat = `${SOURCES.map((_, i) => `[${i}:v]`).join("")}concat=n=${SOURCES.length}:v=1:a=0[v]`;
  execFileSync("ffmpeg", [
    ...["-hide_banner", "-loglevel", "error", "-nostdin", "-y", ...inputs, "-filter_complex", concat],
    ...[
      "-map",
      "[v]",
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-crf",
      "23",
      "-g",
      "60",
      "-pix_fmt",
      "yuv420p",
      path,
    ],
  ]);
}

/** The plain command: what one would type, minus nothing FlowPrompt needs except showinfo's times. */
function plainArgs(path: string, expr: string, limit: number): string[] {
  return [
    ...["-hide_banner", "-nostdin", "-loglevel", "error", "-i", path, "-map", "0:V:0", "-an", "-sn", "-dn"],
    ...["-vf", `select='${expr}'`, "-fps_mode", "passthrough", "-frames:v", String(limit)],
    ...["-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "3", "pipe:1"],
  ];
}

function runPlain(args: string[]): Promise<Buffer> {
  return new Promise((done, fail) => {
    const child = spawn("ffmpeg", args, { stdio: ["ignore", "pipe", "inherit"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.once("error", fail);
    child.once("close", (code) =>
      code === 0 ? done(Buffer.concat(chunks)) : fail(new Error(`ffmpeg exit ${code}`)),
    );
  });
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex").slice(0, 12);

async function main(): Promise<void> {
  const iterations = numberArg("iterations", 7, 3);
  const { videoFrames } = (await import(dist("multimodal/video/frames.js"))) as Frames;
  const { selectExpression } = (await import(dist("multimodal/video/frame-args.js"))) as Args;
  const { ImageStream } = (await import(dist("multimodal/video/image-stream.js"))) as Stream;
  const { Media } = (await import(dist("multimodal/media.js"))) as MediaModule;
  const dir = mkdtempSync(join(tmpdir(), "flowprompt-bench-frames-"));
  try {
    const path = join(dir, "video.mp4");
    const t0 = performance.now();
    makeVideo(path);
    const made = ((performance.now() - t0) / 1000).toFixed(1);
    const bytes = new Uint8Array(readFileSync(path));
    const media = new Media(bytes, "video/mp4", { name: path });
    const duration = Number(
      execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path], {
        encoding: "utf8",
      }),
    );
    const cases = [
      {
        name: "8 evenly spaced frames",
        options: { count: 8 },
        selection: { kind: "count", count: 8 },
        limit: 8,
      },
      { name: "one every 2 s", options: { every: 2 }, selection: { kind: "every", seconds: 2 }, limit: 33 },
      {
        name: "scene changes",
        options: { scenes: true },
        selection: { kind: "scenes", threshold: 0.3 },
        limit: 33,
      },
    ] as const;
    console.log(
      header(
        "Frame extraction: videoFrames vs the plain ffmpeg command",
        `Generated 30 s 1280×720 30 fps H.264 (${(bytes.length / 1e6).toFixed(1)} MB, made in ${made} s); ` +
          `${iterations} timed calls per contender after one warm-up, interleaved; times in ms. ` +
          "The plain command runs the same select filter on the file and pipes out the same JPEGs " +
          "(checked byte for byte); videoFrames starts from the bytes in memory.",
      ),
    );
    const goals: string[] = [];
    let worst = 0;
    for (const c of cases) {
      const args = plainArgs(path, selectExpression(c.selection, 0, duration), c.limit);
      const ours = await videoFrames(media, c.options);
      const theirs = new ImageStream("jpeg").push(await runPlain(args));
      assertSame(
        c.name,
        ours.frames.map((f) => sha(f.media.bytes)),
        theirs.map(sha),
      );
      const rows = await measure(
        [
          {
            name: `videoFrames (${ours.frames.length} frames)`,
            reference: true,
            run: () => videoFrames(media, c.options),
          },
          { name: "plain ffmpeg command", floor: true, run: () => runPlain(args) },
        ],
        { iterations, warmup: 1, batch: 1 },
      );
      const ms: Measured[] = rows.map((r) => ({
        ...r,
        stats: {
          ...r.stats,
          median: r.stats.median / 1000,
          p10: r.stats.p10 / 1000,
          p90: r.stats.p90 / 1000,
          mean: r.stats.mean / 1000,
        },
      }));
      const ratio = ms[0]!.stats.median / ms[1]!.stats.median;
      worst = Math.max(worst, ratio);
      console.log(`### ${c.name}\n\n${table(ms, "ms")}\n`);
      goals.push(
        `- ${c.name}: ${ratio.toFixed(2)}× (${fmt(ms[0]!.stats.median)} vs ${fmt(ms[1]!.stats.median)} ms)`,
      );
    }
    console.log(goals.join("\n"));
    console.log(
      `\n**Goal — videoFrames within ${GOAL.toFixed(2)}× of the plain ffmpeg command in every case: ` +
        `${worst <= GOAL ? "yes" : "NO"}** (worst ${worst.toFixed(2)}×)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
