import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { FfmpegMissingError } from "../errors/ffmpeg-missing-error.js";
import { findProgram, isExecutable } from "../programs.js";

export type FfmpegTool = "ffmpeg" | "ffprobe";

/** Where to find ffmpeg/ffprobe and how long to let them run; every audio/video helper takes these. */
export interface FfmpegOptions {
  /** Path of the ffmpeg binary (default: FLOWPROMPT_FFMPEG, /usr/bin/ffmpeg, PATH, then `ffmpeg-static`). */
  ffmpeg?: string;
  /** Path of ffprobe (default: FLOWPROMPT_FFPROBE, next to `ffmpeg`, /usr/bin/ffprobe, PATH, `ffprobe-static`). */
  ffprobe?: string;
  /** Stops ffmpeg (SIGKILL) and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Kill ffmpeg after this many milliseconds (FfmpegTimeoutError). Default: no limit. */
  timeoutMs?: number;
}

/** Registry packages that ship a binary, and how each exports its path. */
const PACKAGES: Record<FfmpegTool, readonly string[]> = {
  ffmpeg: ["ffmpeg-static", "@ffmpeg-installer/ffmpeg"],
  ffprobe: ["ffprobe-static", "@ffprobe-installer/ffprobe"],
};

const found = new Map<string, string>();

function fromPackage(name: string): string | undefined {
  try {
    const exported = createRequire(import.meta.url)(name) as unknown;
    const path =
      typeof exported === "string"
        ? exported
        : ((exported as { path?: unknown; default?: unknown } | null)?.path ??
          (exported as { default?: unknown } | null)?.default);
    return typeof path === "string" ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The path of ffmpeg or ffprobe. An explicit option or environment variable must point at a program
 * (no silent fallback); otherwise /usr/bin, then PATH, then an installed `ffmpeg-static`-like package.
 * Hits are cached per configuration.
 *
 * @throws FfmpegMissingError naming `purpose` and every place looked at.
 */
export function locate(tool: FfmpegTool, options: FfmpegOptions = {}, purpose = `run ${tool}`): string {
  const explicit = tool === "ffmpeg" ? options.ffmpeg : options.ffprobe;
  const envName = `FLOWPROMPT_${tool.toUpperCase()}`;
  const env = process.env[envName] || undefined;
  const key = [tool, explicit, env, options.ffmpeg, process.env.PATH].join("\0");
  const hit = found.get(key);
  if (hit !== undefined) return hit;
  const tried: string[] = [];
  const take = (path: string) => {
    found.set(key, path);
    return path;
  };
  const pinned = explicit ?? env;
  if (pinned !== undefined) {
    if (isExecutable(pinned)) return take(pinned);
    tried.push(explicit !== undefined ? `the ${tool} option (${pinned})` : `${envName} (${pinned})`);
    throw new FfmpegMissingError(tool, purpose, tried);
  }
  // ffprobe next to an explicitly configured ffmpeg, then /usr/bin and PATH.
  const first =
    tool === "ffprobe" && options.ffmpeg !== undefined
      ? [join(dirname(options.ffmpeg), basename(options.ffmpeg).replace(/ffmpeg/i, "ffprobe"))]
      : [];
  const search = findProgram(tool, first);
  if (search.path !== undefined) return take(search.path);
  tried.push(...search.tried);
  for (const name of PACKAGES[tool]) {
    const path = fromPackage(name);
    if (path !== undefined && isExecutable(path)) return take(path);
    tried.push(`npm package ${name}`);
  }
  throw new FfmpegMissingError(tool, purpose, [...new Set(tried)]);
}

/** Forget cached locations (tests, or after installing ffmpeg while running). */
export function clearLocateCache(): void {
  found.clear();
}
