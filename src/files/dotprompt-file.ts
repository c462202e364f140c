import type { ParsedNode } from "yaml";
import { PromptFileError } from "../core/errors/prompt-file-error.js";
import { baseName, checkKeys, checkName, entries, readParams, readSchema } from "./fields.js";
import { jsonSchemaValidator } from "./json-schema.js";
import type { PromptFileConfig } from "./prompt-file-config.js";
import {
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

export const DOTPROMPT_KEYS = [
  "name",
  "variant",
  "version",
  "description",
  "model",
  "config",
  "input",
  "output",
  "metadata",
  "ext",
] as const;

const FENCE = /^---[ \t]*$/;

/**
 * Parses a Dotprompt `.prompt` file: optional YAML front matter between `---` lines, then the
 * Handlebars template. Every problem is a PromptFileError with the file line.
 */
export function parseDotpromptFile(text: string, file: string): PromptFileConfig {
  const lines = text.split("\n");
  const lineStarts = lineStartsOf(text);
  const fileBase = baseName(file, ".prompt");
  const dot = fileBase.indexOf(".");
  const fileName = dot > 0 ? fileBase.slice(0, dot) : fileBase;
  const fileVariant = dot > 0 ? fileBase.slice(dot + 1) : undefined;

  // Front matter: the first non-blank line is `---`, closed by the next `---` line.
  let open = 0;
  while (open < lines.length && lines[open]!.trim() === "") open++;
  let bodyLine = 0; // 0-based index of the first body line
  let list: Entry[] = [];
  let src: YamlSource | undefined;
  if (open < lines.length && FENCE.test(lines[open]!)) {
    let close = open + 1;
    while (close < lines.length && !FENCE.test(lines[close]!)) close++;
    if (close >= lines.length) {
      throw new PromptFileError(
        file,
        "unterminated front matter: the `---` here has no closing `---` line.",
        {
          line: open + 1,
          column: 1,
          hint: "End the YAML front matter with a line of three dashes (---), then write the template below it.",
        },
      );
    }
    // YAML text aligned with the file (same offsets): blank lines and the opening fence become spaces.
    const head = lines.slice(0, open + 1).map((l) => " ".repeat(l.length));
    const yamlText = [...head, ...lines.slice(open + 1, close)].join("\n");
    src = parseYaml(file, yamlText, lineStarts);
    const root = deref(src, src.doc.contents as ParsedNode | null);
    if (root !== undefined) list = entries(src, root, "the front matter");
    bodyLine = close + 1;
  }
  const yaml = src ?? parseYaml(file, "", lineStarts);

  checkKeys(yaml, list, DOTPROMPT_KEYS, "the front matter", (key) => key.includes(".") || key === "tools");
  const get = (key: string) => list.find((e) => e.key === key);
  const tools = get("tools");
  if (tools) {
    fail(
      yaml,
      tools.keyNode,
      "`tools` are not supported in prompt files yet.",
      "Remove `tools:`; define tools in code.",
    );
  }

  // Template: the body without its leading blank lines and trailing whitespace (Dotprompt trims it too).
  const afterFrontMatter = bodyLine;
  while (bodyLine < lines.length && lines[bodyLine]!.trim() === "") bodyLine++;
  const template = lines.slice(bodyLine).join("\n").trimEnd();
  if (template === "") {
    throw new PromptFileError(file, "the template is empty: write the prompt text after the front matter.", {
      line: Math.min(afterFrontMatter + 1, lines.length),
      hint: "A .prompt file is YAML front matter between --- lines, followed by the Handlebars template.",
    });
  }

  const nameEntry = get("name");
  const explicitName = readString(yaml, nameEntry?.value, "name");
  const variant = readString(yaml, get("variant")?.value, "variant") ?? fileVariant;
  let name = explicitName ?? fileName;
  if (variant !== undefined && !name.endsWith(`.${variant}`)) name = `${name}.${variant}`;
  checkName(yaml, nameEntry?.value ?? nameEntry?.keyNode, name);

  const config: PromptFileConfig = { name, template };
  const version = readVersion(yaml, get("version")?.value);
  if (version !== undefined) config.version = version;
  const description = readString(yaml, get("description")?.value, "description");
  if (description !== undefined) config.description = description;
  const modelNode = get("model")?.value;
  const model = readString(yaml, modelNode, "model");
  if (model !== undefined) {
    if (model.trim() === "")
      fail(yaml, modelNode, '"model" is empty.', 'Write e.g. model: "openai:gpt-4o-mini".');
    config.model = model;
  }
  const params = readParams(yaml, get("config")?.value, "config");
  if (params) config.params = params;

  const inputNode = get("input")?.value;
  if (inputNode !== undefined) {
    const input = entries(yaml, inputNode, '"input"');
    checkKeys(yaml, input, ["schema", "default"], '"input"');
    const schema = readSchema(yaml, input.find((e) => e.key === "schema")?.value, "input.schema");
    if (schema) config.input = schema.validator;
    const defaults = readMapping(yaml, input.find((e) => e.key === "default")?.value, "input.default");
    if (defaults) config.defaults = defaults;
  }

  const outputNode = get("output")?.value;
  if (outputNode !== undefined) {
    const output = entries(yaml, outputNode, '"output"');
    checkKeys(yaml, output, ["schema", "format"], '"output"');
    const formatNode = output.find((e) => e.key === "format")?.value;
    const format = readString(yaml, formatNode, "output.format");
    if (format !== undefined && format !== "json" && format !== "text") {
      fail(yaml, formatNode, `"output.format" must be json or text, not "${format}".`);
    }
    const schemaNode = output.find((e) => e.key === "schema")?.value;
    if (format === "text" && schemaNode !== undefined) {
      fail(
        yaml,
        formatNode,
        '"output.format" is text, but "output.schema" describes JSON.',
        "Remove one of the two.",
      );
    }
    const schema = readSchema(yaml, schemaNode, "output.schema");
    if (schema) config.output = schema.validator;
    else if (format === "json") config.output = jsonSchemaValidator({});
  }

  const metadata: Record<string, unknown> = { ...readMapping(yaml, get("metadata")?.value, "metadata") };
  const ext: Record<string, Record<string, unknown>> = {};
  const extMap = readMapping(yaml, get("ext")?.value, "ext");
  if (extMap) Object.assign(ext, extMap);
  for (const e of list) {
    if (!e.key.includes(".")) continue;
    // Dotprompt's namespaced keys: `myco.owner: x` → ext["myco"]["owner"] = x.
    const dotAt = e.key.lastIndexOf(".");
    const ns = e.key.slice(0, dotAt);
    ext[ns] = { ...ext[ns], [e.key.slice(dotAt + 1)]: e.value?.toJS(yaml.doc) };
  }
  if (Object.keys(ext).length > 0) metadata.ext = ext;
  if (variant !== undefined) metadata.variant = variant;
  if (Object.keys(metadata).length > 0) config.metadata = metadata;

  config.source = { file, lines: { template: bodyLine + 1 } };
  return config;
}
