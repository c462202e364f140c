import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/**
 * Imports an entry point in a fresh Node process (TypeScript sources through Node's own type
 * stripping, `.js` specifiers mapped to `.ts`) and lists every `@ai-sdk/*` package it loaded.
 */
const probe = `
import { registerHooks } from "node:module";
const loaded = [];
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith(".") && specifier.endsWith(".js")) return next(specifier.slice(0, -3) + ".ts", context);
      throw error;
    }
  },
  load(url, context, next) {
    loaded.push(url);
    return next(url, context);
  },
});
const entry = await import(process.argv.at(-1));
const packages = [...new Set(loaded.flatMap((u) => u.match(/node_modules\\/(@ai-sdk\\/[^/]+)/)?.[1] ?? []))];
console.log(JSON.stringify({ packages, exports: Object.keys(entry) }));
`;

async function coldImport(entry: string): Promise<{ packages: string[]; exports: string[] }> {
  const file = fileURLToPath(new URL(entry, import.meta.url));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--experimental-transform-types", "--no-warnings", "--input-type=module", "-e", probe, file],
    { timeout: 30_000 },
  );
  return JSON.parse(stdout) as { packages: string[]; exports: string[] };
}

const providerPackages = ["openai", "anthropic", "google", "mistral", "azure", "openai-compatible"].map(
  (name) => `@ai-sdk/${name}`,
);

describe("importing the providers", () => {
  it("imports no provider package (src/providers/index.ts)", async () => {
    const { packages, exports } = await coldImport("./index.ts");
    expect(exports).toContain("configureProviders");
    expect(packages.filter((p) => providerPackages.includes(p))).toEqual([]);
  });

  it('imports no provider package with "flowprompt" itself (src/index.ts)', async () => {
    const { packages, exports } = await coldImport("../index.ts");
    expect(exports).toEqual(expect.arrayContaining(["definePrompt", "configureProviders", "providerModel"]));
    expect(packages.filter((p) => providerPackages.includes(p))).toEqual([]);
  });
});
