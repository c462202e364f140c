import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !/\.(test|test-d|case)\.ts$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [
    ...text.matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => (m[1] ?? m[2])!);
}

/** The only packages the core may use: the provider specification, schemas, templates, concurrency. */
const CORE_PACKAGES = new Set([
  "ai",
  "ai/internal",
  "@ai-sdk/provider",
  "@standard-schema/spec",
  "handlebars",
  "handlebars/dist/handlebars.min.js",
  "p-limit",
]);

describe("architecture", () => {
  it("the core imports no plug-in: only itself, node: builtins and its few packages", () => {
    const offenders: string[] = [];
    for (const file of sources("src/core")) {
      for (const spec of imports(file)) {
        if (spec.startsWith("node:") || CORE_PACKAGES.has(spec)) continue;
        if (spec.startsWith(".")) {
          const target = relative(root, join(root, file, "..", spec));
          if (target.startsWith("src/core/")) continue;
        }
        offenders.push(`${file} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("plug-ins never import each other's internals, only the core and their own folder", () => {
    const offenders: string[] = [];
    for (const folder of ["cache", "models", "files"]) {
      for (const file of sources(`src/${folder}`)) {
        for (const spec of imports(file)) {
          if (!spec.startsWith(".")) continue;
          const target = relative(root, join(root, file, "..", spec));
          if (target.startsWith(`src/${folder}/`) || target.startsWith("src/core/")) continue;
          offenders.push(`${file} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("keeps every source file small enough to read in one sitting", () => {
    const big = [...sources("src"), ...sources("bench")]
      .map((f) => ({ f, lines: readFileSync(join(root, f), "utf8").split("\n").length }))
      .filter((x) => x.lines > 520)
      .map((x) => `${x.f}: ${x.lines} lines`);
    expect(big).toEqual([]);
  });
});
