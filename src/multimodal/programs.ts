import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

const exe = process.platform === "win32" ? ".exe" : "";

/** Whether `path` is a file this process may run. */
export function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks for a program the way the media helpers do after an explicit option or environment
 * variable: the given candidates, then Debian's /usr/bin, then every folder of PATH.
 * Returns it, or every place looked at (for the error message).
 */
export function findProgram(name: string, first: readonly string[] = []): { path?: string; tried: string[] } {
  const tried: string[] = [];
  for (const path of [...first, ...(process.platform === "win32" ? [] : [`/usr/bin/${name}`])]) {
    if (isExecutable(path)) return { path, tried };
    tried.push(path);
  }
  const dirs = (process.env.PATH ?? "").split(delimiter).filter((d) => d !== "");
  for (const dir of dirs)
    if (isExecutable(join(dir, name + exe))) return { path: join(dir, name + exe), tried };
  tried.push(`PATH (${dirs.length} folders)`);
  return { tried };
}
