import { readdir, readFile, realpath, stat } from "node:fs/promises";
import { join } from "node:path";
import { FlowPromptError } from "../core/errors/flowprompt-error.js";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { PromptFileError } from "../core/errors/prompt-file-error.js";
import { definePrompt, type Prompt } from "../core/prompt.js";
import type { PromptConfig } from "../core/prompt-config.js";
import { PROMPT_FILE_EXTENSIONS, parsePromptFile } from "./parse-prompt-file.js";
import type { PromptFileConfig } from "./prompt-file-config.js";
import { type PromptRegistry, RegistryBuilder } from "./registry.js";

export interface LoadPromptOptions {
  /**
   * Settings for what a file does not say: a default `model`, `params` (the file's win key by key),
   * `middleware`, `partials`, `repair`, `metadata` (merged under the file's).
   */
  base?: Partial<Omit<PromptConfig, "name" | "source">>;
}

export interface LoadPromptsOptions extends LoadPromptOptions {
  /**
   * `true` (default): throw the first problem (files in path order). `false`: load what loads and
   * put every problem in `registry.errors`, e.g. to report them all at once.
   */
  strict?: boolean;
  /** Which of the found prompt files to load (e.g. to skip YAML files that are not prompts). Default: all. */
  filter?: (path: string) => boolean;
}

/** A prompt file's config merged over `options.base`. */
export function withBase(config: PromptFileConfig, base: LoadPromptOptions["base"]): PromptFileConfig {
  if (!base) return config;
  const merged: PromptFileConfig = { ...base, ...config };
  if (base.params || config.params) merged.params = { ...base.params, ...config.params };
  if (base.partials || config.partials) merged.partials = { ...base.partials, ...config.partials };
  if (base.metadata || config.metadata) merged.metadata = { ...base.metadata, ...config.metadata };
  return merged;
}

/** Builds the prompt of a parsed file; config problems the core finds are reported against the file. */
function define(config: PromptFileConfig, file: string): Prompt {
  try {
    return definePrompt(config as PromptConfig) as unknown as Prompt;
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) {
      throw new PromptFileError(file, error.message, { hint: error.hint, cause: error });
    }
    throw error;
  }
}

async function readPromptFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === "ENOENT"
        ? "no such file."
        : code === "EISDIR"
          ? "this is a folder; use loadPrompts() for a folder of prompt files."
          : `cannot read the file (${code ?? String(error)}).`;
    throw new PromptFileError(file, problem, { cause: error, hint: "Check the path." });
  }
}

/**
 * Reads one prompt file (`.prompt` Dotprompt or `.yaml`/`.yml` FlowPrompt YAML) and defines its prompt.
 *
 * ```ts
 * const summarize = await loadPrompt("prompts/summarize.prompt");
 * const { summary } = await summarize.run({ text });
 * ```
 * @throws PromptFileError (with file:line) for a file that is missing or wrong; TemplateError for a
 *   template that does not parse.
 */
export async function loadPrompt(path: string, options: LoadPromptOptions = {}): Promise<Prompt> {
  const text = await readPromptFile(path);
  return define(withBase(parsePromptFile(text, path), options.base), path);
}

/** Prompt files below `dir`, sorted, skipping dotfiles/dot-folders and node_modules. */
export async function findPromptFiles(dir: string): Promise<string[]> {
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    throw new PromptFileError(
      dir,
      error.code === "ENOENT" ? "no such folder." : `cannot read it (${error.code}).`,
      {
        cause: error,
        hint: "Pass the folder that holds your .prompt / .yaml files.",
      },
    );
  });
  if (!info.isDirectory()) {
    throw new PromptFileError(dir, "not a folder; use loadPrompt() for a single file.");
  }
  const seen = new Set<string>();
  const out: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const real = await realpath(folder);
    if (seen.has(real)) return; // a symlink loop
    seen.add(real);
    const items = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const item of items) {
      if (item.name.startsWith(".") || item.name === "node_modules") continue;
      const path = join(folder, item.name);
      let isDir = item.isDirectory();
      let isFile = item.isFile();
      if (item.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        isDir = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDir) await walk(path);
      else if (isFile && PROMPT_FILE_EXTENSIONS.some((ext) => item.name.toLowerCase().endsWith(ext)))
        out.push(path);
    }
  };
  await walk(dir);
  return out;
}

/**
 * Loads every prompt file below `dir` (recursively; dotfiles and node_modules skipped) into a
 * registry keyed by prompt name, with every version of each name.
 *
 * ```ts
 * const prompts = await loadPrompts("prompts");
 * const reply = prompts.get("support-reply");          // latest version
 * const old = prompts.get("support-reply", "1.0.0");   // a given version
 * ```
 * Two files with the same name and version are an error naming both files. With `{ strict: false }`
 * nothing is thrown for a bad file: every problem is collected in `registry.errors`.
 */
export async function loadPrompts(
  dir: string,
  options: LoadPromptsOptions = {},
): Promise<PromptRegistry<Prompt>> {
  const strict = options.strict ?? true;
  const files = (await findPromptFiles(dir)).filter((f) => options.filter?.(f) ?? true);
  const loaded = await Promise.all(
    files.map(async (file) => {
      try {
        return {
          file,
          prompt: define(withBase(parsePromptFile(await readPromptFile(file), file), options.base), file),
        };
      } catch (error) {
        if (!FlowPromptError.isInstance(error)) throw error;
        return { file, error };
      }
    }),
  );
  const builder = new RegistryBuilder<Prompt>();
  for (const item of loaded) {
    const error = "error" in item ? item.error : builder.add(item.prompt, item.file);
    if (!error) continue;
    if (strict) throw error;
    builder.addError(error);
  }
  return builder.build();
}
