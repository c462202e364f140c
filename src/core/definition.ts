import { contentHash } from "./canonical.js";
import { getConfig } from "./config.js";
import { InvalidArgumentError } from "./errors/invalid-argument-error.js";
import { TemplateError } from "./errors/template-error.js";
import { modelIdOf } from "./model-registry.js";
import type { MessageTemplate, PromptConfig } from "./prompt-config.js";
import { isStandardSchema, type JSONSchema, toJsonSchema } from "./schema.js";
import type { TemplateAnalysis, VariableUse } from "./template/analyze.js";
import { analyzeProgram } from "./template/analyze.js";
import { type CompiledTemplate, compileTemplate, fileLine } from "./template/compile.js";
import { COMPILE_OPTIONS, hbs } from "./template/engine.js";
import type { ModelLike, SingleModel } from "./types.js";

const ROLES = new Set(["system", "user", "assistant"]);
const PARAM_NUMBERS = [
  "temperature",
  "maxOutputTokens",
  "topP",
  "topK",
  "presencePenalty",
  "frequencyPenalty",
  "seed",
] as const;

/** Where a variable is first used: which template, and the line in the file or template. */
export interface VariableSite extends VariableUse {
  part: string;
  file: string | undefined;
}

/** A checked, compiled prompt definition: what `definePrompt` builds once and every run reuses. */
export interface Definition {
  config: Readonly<PromptConfig>;
  name: string;
  version: string;
  templates: { role: "system" | "user" | "assistant"; template: CompiledTemplate }[];
  partials: Record<string, (ctx: unknown) => string>;
  required: Map<string, VariableSite>;
  optional: Set<string>;
  /** Variables printed with a plain `{{x}}`: objects given for them are printed as JSON. */
  printed: Set<string>;
  usesHistory: boolean;
  /** Variables placed with {{media url=x}}, in order of appearance across the templates. */
  media: readonly string[];
  /** Variables the input schema lets the caller leave out: not required even if a template uses them. */
  schemaOptional: Set<string>;
  outputJsonSchema: JSONSchema | undefined;
  /** The name sent with the JSON schema (providers accept letters, digits, _ and -; at most 64). */
  schemaName: string;
  hash: string;
}

export function buildDefinition(userConfig: PromptConfig): Definition {
  checkConfig(userConfig);
  // A private, frozen copy: later changes to the caller's objects cannot change the prompt.
  const config: PromptConfig = Object.freeze({
    ...userConfig,
    ...(userConfig.params && { params: Object.freeze({ ...userConfig.params }) }),
    ...(userConfig.messages && {
      messages: Object.freeze(userConfig.messages.map((m) => Object.freeze({ ...m }))),
    }),
  });
  const name = config.name;
  const file = config.source?.file;
  const lineOf = (part: string) => config.source?.lines?.[part] ?? 1;
  const compile = (source: string, part: string) =>
    compileTemplate(source, { prompt: name, file, line: lineOf(part), part });

  const templates: Definition["templates"] = [];
  if (config.system !== undefined)
    templates.push({ role: "system", template: compile(config.system, "system") });
  for (const [i, m] of (config.messages ?? []).entries()) {
    templates.push({ role: m.role, template: compile(m.content, `messages.${i}`) });
  }
  if (config.template !== undefined)
    templates.push({ role: "user", template: compile(config.template, "template") });
  if (config.user !== undefined) templates.push({ role: "user", template: compile(config.user, "user") });

  const partialSources = { ...getConfig().partials, ...config.partials };
  const partials: Definition["partials"] = {};
  const partialAnalyses = new Map<string, TemplateAnalysis>();
  for (const [pname, source] of Object.entries(partialSources)) {
    try {
      const program = hbs.parse(source);
      partialAnalyses.set(pname, analyzeProgram(program));
      partials[pname] = hbs.compile(source, COMPILE_OPTIONS) as (ctx: unknown) => string;
    } catch (cause) {
      throw new TemplateError(`partial "${pname}": ${(cause as Error).message.split("\n")[0]}`, {
        prompt: name,
        file,
      });
    }
  }

  const required = new Map<string, VariableSite>();
  const optional = new Set<string>();
  const printed = new Set<string>();
  let usesHistory = false;
  const media = new Set<string>();
  for (const { template } of templates) {
    const merged = withPartials(template, partialAnalyses, partialSources);
    usesHistory ||= merged.usesHistory;
    for (const v of merged.media) media.add(v);
    for (const [v, use] of merged.required) {
      if (use.kind === "value") printed.add(v);
      if (!required.has(v)) {
        required.set(v, {
          ...use,
          line: template.location.file ? fileLine(template.location, use.line) : use.line,
          part: template.location.part,
          file: template.location.file,
        });
      }
    }
    for (const v of merged.optional) optional.add(v);
  }
  for (const v of required.keys()) optional.delete(v);

  const outputJsonSchema = config.output ? outputSchemaOf(config) : undefined;
  const schemaOptional = new Set<string>();
  if (config.input) {
    const inputSchema = toJsonSchema(config.input, "input");
    checkInputCoversTemplates(config, inputSchema, required);
    const props = inputSchema?.properties;
    const req = Array.isArray(inputSchema?.required) ? (inputSchema.required as string[]) : [];
    if (props && typeof props === "object")
      for (const k of Object.keys(props)) if (!req.includes(k)) schemaOptional.add(k);
  }

  const version = config.version ?? "1";
  const model = config.model === undefined ? null : modelKey(config.model);
  const hash = contentHash({
    system: config.system ?? null,
    user: config.user ?? null,
    template: config.template ?? null,
    messages: config.messages ?? null,
    partials: Object.keys(partialSources).length ? partialSources : null,
    defaults: config.defaults ?? null,
    output: outputJsonSchema ?? null,
    model,
    params: config.params ?? null,
  }).slice(0, 16);
  return {
    config,
    name,
    version,
    templates,
    partials,
    required,
    optional,
    printed,
    usesHistory,
    media: [...media],
    schemaOptional,
    outputJsonSchema,
    schemaName: name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64) || "output",
    hash,
  };
}

function withPartials(
  template: CompiledTemplate,
  analyses: Map<string, TemplateAnalysis>,
  sources: Record<string, string>,
): TemplateAnalysis {
  const a = template.analysis;
  if (a.partials.size === 0) return a;
  const merged: TemplateAnalysis = {
    required: new Map(a.required),
    optional: new Set(a.optional),
    partials: new Set(a.partials),
    hasMarkers: a.hasMarkers,
    usesHistory: a.usesHistory,
    media: new Set(a.media),
  };
  const seen = new Set<string>();
  const visit = (names: Iterable<string>) => {
    for (const p of names) {
      if (seen.has(p)) continue;
      seen.add(p);
      const pa = analyses.get(p);
      if (!pa) {
        const known = Object.keys(sources);
        throw new TemplateError(
          `${template.location.part} uses the partial {{> ${p}}}, which is not defined.`,
          { prompt: template.location.prompt, file: template.location.file, line: template.location.line },
          { hint: known.length ? `Defined partials: ${known.join(", ")}.` : "Define it in `partials`." },
        );
      }
      for (const [v, use] of pa.required) if (!merged.required.has(v)) merged.required.set(v, use);
      for (const v of pa.optional) merged.optional.add(v);
      merged.hasMarkers ||= pa.hasMarkers;
      merged.usesHistory ||= pa.usesHistory;
      for (const v of pa.media) merged.media.add(v);
      visit(pa.partials);
    }
  };
  visit(a.partials);
  if (merged.hasMarkers !== a.hasMarkers) template.analysis.hasMarkers = true;
  return merged;
}

function outputSchemaOf(config: PromptConfig): JSONSchema {
  const schema = toJsonSchema(config.output!);
  if (!schema) {
    throw new InvalidArgumentError(
      `output schema of prompt "${config.name}"`,
      "it cannot produce a JSON Schema, which structured output needs.",
      "Use Zod 4 (z.object(…)) or another Standard Schema that implements Standard JSON Schema.",
    );
  }
  return schema;
}

function checkInputCoversTemplates(
  config: PromptConfig,
  schema: JSONSchema | undefined,
  required: Map<string, VariableSite>,
): void {
  const props =
    schema && typeof schema.properties === "object" ? Object.keys(schema.properties as object) : undefined;
  const extra = schema?.additionalProperties;
  if (!props || (extra !== undefined && extra !== false)) return;
  for (const [v, site] of required) {
    if (!props.includes(v)) {
      throw new TemplateError(
        `${site.part === "template" ? "the template" : `the ${site.part} template`} uses {{${v}}}, ` +
          `but the input schema has no field "${v}".`,
        { prompt: config.name, file: site.file, line: site.line, column: site.column },
        {
          hint: `Add "${v}" to the input schema, or fix the template. Input fields: ${props.join(", ") || "(none)"}.`,
        },
      );
    }
  }
}

function checkConfig(config: PromptConfig): void {
  if (typeof config !== "object" || config === null) {
    throw new InvalidArgumentError("prompt config", "definePrompt() needs an object: { name, user, … }.");
  }
  if (typeof config.name !== "string" || config.name.trim() === "") {
    throw new InvalidArgumentError(
      "prompt name",
      "`name` must be a non-empty string.",
      'definePrompt({ name: "summarize", … })',
    );
  }
  const where = `prompt "${config.name}"`;
  if (config.version !== undefined && typeof config.version !== "string") {
    throw new InvalidArgumentError(
      `${where} version`,
      `expected a string such as "1" or "2.1.0", got ${typeof config.version}.`,
    );
  }
  for (const key of ["system", "user", "template", "description"] as const) {
    if (config[key] !== undefined && typeof config[key] !== "string") {
      throw new InvalidArgumentError(`${where} ${key}`, `expected a string, got ${typeof config[key]}.`);
    }
  }
  if (config.messages !== undefined) {
    if (!Array.isArray(config.messages))
      throw new InvalidArgumentError(`${where} messages`, "expected an array.");
    config.messages.forEach((m: MessageTemplate, i) => {
      if (!m || !ROLES.has(m.role) || typeof m.content !== "string") {
        throw new InvalidArgumentError(
          `${where} messages[${i}]`,
          `expected { role: "system" | "user" | "assistant", content: string }, got ${JSON.stringify(m)}.`,
        );
      }
    });
  }
  if (
    config.system === undefined &&
    config.user === undefined &&
    config.template === undefined &&
    !config.messages?.length
  ) {
    throw new InvalidArgumentError(
      where,
      "it has no template: give `user`, `system`, `messages` or `template`.",
    );
  }
  for (const key of ["input", "output"] as const) {
    if (config[key] !== undefined && !isStandardSchema(config[key])) {
      throw new InvalidArgumentError(`${where} ${key}`, "expected a Zod schema (or any Standard Schema).");
    }
  }
  for (const key of PARAM_NUMBERS) {
    const v = config.params?.[key];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) {
      throw new InvalidArgumentError(
        `${where} params.${key}`,
        `expected a number, got ${JSON.stringify(v)}.`,
      );
    }
  }
  if (config.repair !== undefined && (!Number.isInteger(config.repair) || config.repair < 0)) {
    throw new InvalidArgumentError(`${where} repair`, "expected a whole number ≥ 0.");
  }
}

/** A model (or a fallback chain) as text for the hash: ids, not object identities. */
function modelKey(model: ModelLike): string | string[] {
  if (Array.isArray(model)) return (model as readonly SingleModel[]).map((m) => modelKey(m) as string);
  const single = model as SingleModel;
  return typeof single === "string" ? single : modelIdOf(single);
}
