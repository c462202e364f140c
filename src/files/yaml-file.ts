import type { ParsedNode } from "yaml";
import { baseName, checkKeys, checkName, entries, PARAM_ALIASES, readParams, readSchema } from "./fields.js";
import { TemplateProblem, toHandlebars } from "./jinja.js";
import type { PromptFileConfig } from "./prompt-file-config.js";
import {
  contentLine,
  deref,
  type Entry,
  fail,
  lineStartsOf,
  parseYaml,
  readMapping,
  readString,
  readVersion,
  type YamlSource,
} from "./yaml-nodes.js";

/** The keys of Python FlowPrompt's YAML prompt files, plus model, params/config and input_schema. */
export const YAML_KEYS = [
  "name",
  "version",
  "description",
  "system",
  "user",
  "output_schema",
  "input_schema",
  "model",
  "params",
  "config",
  "metadata",
] as const;

/**
 * Parses a prompt file in the format of the Python FlowPrompt package (`.yaml`/`.yml`): `system`
 * and `user` templates in Jinja2 or `str.format` syntax (translated to Handlebars), `output_schema`
 * as JSON Schema (Picoschema also works).
 */
export function parseYamlPromptFile(text: string, file: string): PromptFileConfig {
  const lineStarts = lineStartsOf(text);
  const src = parseYaml(file, text, lineStarts);
  const root = deref(src, src.doc.contents as ParsedNode | null);
  if (root === undefined) {
    fail(
      src,
      0,
      "the file is empty.",
      "A prompt file needs at least `name:` and a `user:` (or `system:`) template.",
    );
  }
  const list = entries(src, root, "the file");
  checkKeys(src, list, YAML_KEYS, "");
  const get = (key: string): Entry | undefined => list.find((e) => e.key === key);

  const ext = file.endsWith(".yml") ? ".yml" : ".yaml";
  const nameEntry = get("name");
  const name = readString(src, nameEntry?.value, "name") ?? baseName(file, ext);
  checkName(src, nameEntry?.value ?? nameEntry?.keyNode, name);

  const config: PromptFileConfig = { name };
  const version = readVersion(src, get("version")?.value);
  if (version !== undefined) config.version = version;
  const description = readString(src, get("description")?.value, "description");
  if (description !== undefined) config.description = description;

  const lines: Record<string, number> = {};
  for (const role of ["system", "user"] as const) {
    const node = get(role)?.value;
    const value = readString(src, node, role);
    if (value === undefined || node === undefined) continue;
    const first = contentLine(src, node);
    config[role] = translate(src, value, first, role);
    lines[role] = first;
  }
  if (config.system === undefined && config.user === undefined) {
    fail(
      src,
      root,
      "the prompt has neither `system` nor `user`: there is nothing to send.",
      "Add `user:` (the message template) and, if you like, `system:`.",
    );
  }

  const modelNode = get("model")?.value;
  const model = readString(src, modelNode, "model");
  if (model !== undefined) {
    if (model.trim() === "")
      fail(src, modelNode, '"model" is empty.', 'Write e.g. model: "openai:gpt-4o-mini".');
    config.model = model;
  }
  const params = get("params");
  const cfg = get("config");
  if (params && cfg)
    fail(src, cfg.keyNode, "both `params` and `config` are given; they mean the same, keep one.");
  const paramsEntry = params ?? cfg;
  const modelParams = readParams(src, paramsEntry?.value, paramsEntry?.key ?? "params", PARAM_ALIASES);
  if (modelParams) config.params = modelParams;

  const input = readSchema(src, get("input_schema")?.value, "input_schema");
  if (input) config.input = input.validator;
  const output = readSchema(src, get("output_schema")?.value, "output_schema");
  if (output) config.output = output.validator;
  const metadata = readMapping(src, get("metadata")?.value, "metadata");
  if (metadata) config.metadata = metadata;

  config.source = { file, lines };
  return config;
}

/** Jinja/`str.format` → Handlebars; a problem fails at its own line (exact for `|` blocks and one-line values). */
function translate(src: YamlSource, value: string, firstLine: number, field: string): string {
  try {
    return toHandlebars(value);
  } catch (error) {
    if (!(error instanceof TemplateProblem)) throw error;
    const before = value.slice(0, error.offset);
    const lineInValue = before.split("\n").length - 1;
    const line = firstLine + lineInValue;
    // Column: find the value's line inside the file's line (exact for `|` blocks and one-line values).
    const valueLine = value.split("\n")[lineInValue] ?? "";
    const fileLine = src.text.slice(src.lineStarts[line - 1] ?? 0, src.lineStarts[line] ?? src.text.length);
    const start = valueLine === "" ? -1 : fileLine.indexOf(valueLine);
    const column = start < 0 ? undefined : start + (before.length - before.lastIndexOf("\n") - 1) + 1;
    return fail(
      src,
      column === undefined ? { line } : { line, column },
      `in "${field}": ${error.message}.`,
      error.hint,
    );
  }
}
