import { readFile } from "node:fs/promises";
import { dirname, extname } from "node:path";
import { type ParsedNode, parseDocument } from "yaml";
import { InvalidArgumentError } from "../../core/errors/index.js";
import { lineStartsOf, nodeAt, positionOf, type YamlSource } from "../../files/yaml-nodes.js";
import { defineExperimentConfig, type Locate } from "./define.js";
import { type LoadedExperimentConfig, loadVariantPrompts } from "./prompts.js";
import type { ExperimentConfig } from "./schema.js";

const EXTENSIONS = [".yaml", ".yml", ".json"];

function where(file: string, lineStarts: readonly number[], offset: number): string {
  const { line, column } = positionOf(lineStarts, offset);
  return `${file}:${line}:${column}`;
}

/**
 * Parses and validates an experiment config file's text (YAML or JSON: JSON is read by the YAML parser
 * too, so both get line numbers). Errors are `InvalidArgumentError`s naming `file:line:column` and the
 * config path. Prompt paths are left as written; `loadExperimentConfig` loads them.
 */
export function parseExperimentConfig(text: string, file: string) {
  const lineStarts = lineStartsOf(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    throw new InvalidArgumentError(
      where(file, lineStarts, error.pos[0]),
      `invalid ${file.endsWith(".json") ? "JSON" : "YAML"}: ${error.message}`,
      "Fix the syntax (indentation, quotes, colons, brackets) at this line.",
    );
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(
      file,
      "an experiment file must be a mapping of id, variants, primaryMetric, …",
    );
  }
  const src: YamlSource = { file, text, doc, lineStarts };
  const root = doc.contents as ParsedNode | null;
  const locate: Locate = (path) => {
    const node = nodeAt(src, root ?? undefined, path);
    return node ? where(file, lineStarts, node.range[0]) : file;
  };
  return defineExperimentConfig(value as ExperimentConfig, locate);
}

/**
 * Reads an experiment configuration from a `.yaml`, `.yml` or `.json` file, validates it (file:line
 * errors) and loads each variant's prompt file (paths relative to the config file).
 *
 * ```ts
 * const config = await loadExperimentConfig("experiments/greeting.yaml");
 * const experiment = await createExperiment(config, { store });
 * ```
 */
export async function loadExperimentConfig(path: string): Promise<LoadedExperimentConfig> {
  if (!EXTENSIONS.includes(extname(path).toLowerCase())) {
    throw new InvalidArgumentError(
      "path",
      `expected a .yaml, .yml or .json file, got ${JSON.stringify(path)}`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InvalidArgumentError(path, `cannot read the experiment file (${code})`, "Check the path.");
  }
  return loadVariantPrompts(parseExperimentConfig(text, path), dirname(path));
}
