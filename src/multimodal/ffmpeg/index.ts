export { ffprobeJson, type ProbeJson, type ProbeStream } from "./ffprobe.js";
export { clearLocateCache, type FfmpegOptions, type FfmpegTool, locate } from "./locate.js";
export { type RunOptions, type RunResult, runTool, withInputFile, withTempDir } from "./run.js";
