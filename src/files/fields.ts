import { isMap, type ParsedNode } from "yaml";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { JSONSchema } from "../core/schema.js";
import type { ModelParams } from "../core/types.js";
import { checkJsonSchema, type JsonSchemaValidator, jsonSchemaValidator } from "./json-schema.js";
import { isJsonSchema, SchemaProblem, toJsonSchema } from "./picoschema.js";
import {
  checkKeys,
  describe,
  entries,
  fail,
  keyNodeAt,
  nodeAt,
  readMapping,
  readNumber,
  readString,
  readStringList,
  toValue,
  type YamlSource,
} from "./yaml-nodes.js";

export const PARAM_KEYS = [
  "temperature",
  "maxOutputTokens",
  "topP",
  "topK",
  "stopSequences",
  "seed",
  "presencePenalty",
  "frequencyPenalty",
  "reasoning",
  "providerOptions",
] as const;

type ParamKey = (typeof PARAM_KEYS)[number];

/** snake_case spellings accepted in FlowPrompt YAML files (the Python world's names). */
export const PARAM_ALIASES: Readonly<Record<string, ParamKey>> = {
  max_tokens: "maxOutputTokens",
  max_output_tokens: "maxOutputTokens",
  top_p: "topP",
  top_k: "topK",
  stop: "stopSequences",
  stop_sequences: "stopSequences",
  presence_penalty: "presencePenalty",
  frequency_penalty: "frequencyPenalty",
  provider_options: "providerOptions",
};

const REASONING = ["provider-default", "none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;

/** Reads a `config:` (Dotprompt) or `params:` (YAML) mapping into ModelParams, checking every key and type. */
export function readParams(
  src: YamlSource,
  node: ParsedNode | undefined,
  field: string,
  aliases: Readonly<Record<string, ParamKey>> = {},
): ModelParams | undefined {
  if (node === undefined) return undefined;
  const list = entries(src, node, `"${field}"`);
  checkKeys(src, list, PARAM_KEYS, `"${field}"`, (k) => k in aliases);
  const params: ModelParams = {};
  const seen = new Map<ParamKey, string>();
  for (const e of list) {
    const key = (aliases[e.key] ?? e.key) as ParamKey;
    const name = `${field}.${e.key}`;
    const earlier = seen.get(key);
    if (earlier) fail(src, e.keyNode, `"${name}" repeats "${field}.${earlier}" (both set ${key}).`);
    seen.set(key, e.key);
    const v = e.value;
    switch (key) {
      case "temperature":
        params.temperature = readNumber(src, v, name, { min: 0 });
        break;
      case "maxOutputTokens":
        params.maxOutputTokens = readNumber(src, v, name, { integer: true, min: 1 });
        break;
      case "topP":
        params.topP = readNumber(src, v, name, { min: 0, max: 1 });
        break;
      case "topK":
        params.topK = readNumber(src, v, name, { integer: true, min: 1 });
        break;
      case "seed":
        params.seed = readNumber(src, v, name, { integer: true });
        break;
      case "presencePenalty":
        params.presencePenalty = readNumber(src, v, name);
        break;
      case "frequencyPenalty":
        params.frequencyPenalty = readNumber(src, v, name);
        break;
      case "stopSequences":
        params.stopSequences = readStringList(src, v, name);
        break;
      case "reasoning": {
        const r = readString(src, v, name);
        if (r !== undefined && !(REASONING as readonly string[]).includes(r)) {
          fail(src, v, `"${name}" must be one of ${REASONING.join(", ")}, not "${r}".`);
        }
        params.reasoning = r as ModelParams["reasoning"];
        break;
      }
      case "providerOptions": {
        if (v !== undefined) {
          for (const p of entries(src, v, `"${name}"`)) {
            if (!p.value || !isMap(p.value)) {
              fail(
                src,
                p.value ?? p.keyNode,
                `"${name}.${p.key}" must be a mapping of options for provider "${p.key}".`,
              );
            }
          }
        }
        params.providerOptions = readMapping(src, v, name) as ModelParams["providerOptions"];
        break;
      }
    }
  }
  for (const k of Object.keys(params) as ParamKey[]) if (params[k] === undefined) delete params[k];
  return Object.keys(params).length > 0 ? params : undefined;
}

/**
 * Reads a schema written in Picoschema or JSON Schema, and returns its JSON Schema and a validator.
 * Problems fail at the line of the offending field.
 */
export function readSchema(
  src: YamlSource,
  node: ParsedNode | undefined,
  field: string,
): { jsonSchema: JSONSchema; validator: JsonSchemaValidator } | undefined {
  if (node === undefined) return undefined;
  const value = toValue(src, node);
  if (typeof value !== "string" && (typeof value !== "object" || value === null || Array.isArray(value))) {
    fail(
      src,
      node,
      `"${field}" must be a schema (a mapping, or a type name such as string), not ${describe(node)}.`,
    );
  }
  const pico = !isJsonSchema(value);
  let jsonSchema: JSONSchema;
  try {
    jsonSchema = toJsonSchema(value);
  } catch (error) {
    if (!(error instanceof SchemaProblem)) throw error;
    const at = error.at === "key" ? keyNodeAt(src, node, error.path) : nodeAt(src, node, error.path);
    const where = error.path.length ? `${field}.${error.path.join(".")}` : field;
    fail(src, at ?? node, `invalid Picoschema at "${where}": ${error.message}.`, PICOSCHEMA_HINT);
  }
  const problems = checkJsonSchema(jsonSchema);
  const first = problems[0];
  if (first) {
    // For a JSON Schema the problem's path is a path in the file; for Picoschema it is not.
    const at = pico ? node : (nodeAt(src, node, first.path) ?? node);
    const where = first.path.length && !pico ? `${field}.${first.path.join(".")}` : field;
    const more =
      problems.length > 1
        ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})`
        : "";
    fail(src, at, `invalid JSON Schema at "${where}": ${first.message}${more}.`, JSON_SCHEMA_HINT);
  }
  try {
    return { jsonSchema, validator: jsonSchemaValidator(jsonSchema) };
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error;
    return fail(src, node, `invalid JSON Schema at "${field}": ${error.message}`, JSON_SCHEMA_HINT);
  }
}

const PICOSCHEMA_HINT =
  "Picoschema: `field: type, description`, `field?: type` (optional), `field(array): type`, " +
  "`field(object): {…}`, `field(enum): [a, b]`. Types: string, number, integer, boolean, null, any.";
const JSON_SCHEMA_HINT = "See https://json-schema.org/understanding-json-schema for the keywords.";

/** The name of a file without its folder and without `ext`. */
export function baseName(file: string, ext: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.endsWith(ext) ? base.slice(0, -ext.length) : base;
}

/** Names identify prompts in caches, traces and registries: one line, no leading/trailing space. */
export function checkName(src: YamlSource, node: ParsedNode | undefined, name: string, field = "name"): void {
  if (name.trim() === "" || name !== name.trim() || /[\r\n]/.test(name)) {
    fail(
      src,
      node ?? 0,
      `"${field}" ${JSON.stringify(name)} is not a usable prompt name.`,
      "Use one line of text without leading or trailing spaces, e.g. support-reply.",
    );
  }
}

export { checkKeys, entries };
