import { isAbsolute, resolve } from "node:path";
import { PromptFileError } from "../../core/errors/index.js";
import type { Prompt } from "../../core/prompt.js";
import { loadPrompt } from "../../files/index.js";
import { formatPath } from "./define.js";
import type { ResolvedExperimentConfig } from "./schema.js";

/** A config whose variants all hold Prompt objects (prompt file paths loaded). */
export type LoadedExperimentConfig = Omit<ResolvedExperimentConfig, "variants"> & {
  variants: (ResolvedExperimentConfig["variants"][number] & { prompt: Prompt })[];
};

/**
 * Loads the variants' prompt file paths (relative to `baseDir`, default the working directory) with
 * `loadPrompt`. A file that cannot be loaded fails with its own file:line error, its message prefixed
 * by the variant's path (`experiments["greeting"].variants[1].prompt`).
 */
export async function loadVariantPrompts(
  config: ResolvedExperimentConfig,
  baseDir: string = process.cwd(),
): Promise<LoadedExperimentConfig> {
  const variants = await Promise.all(
    config.variants.map(async (variant, i) => {
      if (typeof variant.prompt !== "string") return { ...variant, prompt: variant.prompt };
      const file = isAbsolute(variant.prompt) ? variant.prompt : resolve(baseDir, variant.prompt);
      try {
        return { ...variant, prompt: await loadPrompt(file) };
      } catch (error) {
        if (!PromptFileError.isInstance(error)) throw error;
        const at = formatPath(`experiments[${JSON.stringify(config.id)}]`, ["variants", i, "prompt"]);
        throw new PromptFileError(error.file, `${at}: ${error.problem}`, {
          ...(error.line !== undefined ? { line: error.line } : {}),
          ...(error.column !== undefined ? { column: error.column } : {}),
          cause: error,
        });
      }
    }),
  );
  return { ...config, variants };
}
