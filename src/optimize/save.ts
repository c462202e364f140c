import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { stringify } from "yaml";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { Prompt } from "../core/prompt.js";
import { toJsonSchema } from "../core/schema.js";
import { loadPrompt } from "../files/load.js";
import type { Embedder } from "./demos/embedders/embedder.js";
import { type DynamicDemos, dynamicDemosMiddleware } from "./dynamic-demos.js";
import { type Program, programTurns, promptParts } from "./program.js";

/** Where an optimized prompt came from, written into its file's `metadata.optimized`. */
export interface Provenance {
  optimizer: string;
  sampler: string;
  seed: number;
  metric: string;
  base: { name: string; version: string; hash: string };
  data: Record<"train" | "val" | "test", { rows: number; hash: string }> & { source: string };
  score: { val: number | null; test: number | null };
  baseline: { val: number | null; test: number | null };
  trials: number;
  calls: number;
  costUsd: number;
  at: string;
}

function roleBlock(role: "system" | "user" | "model", text: string): string {
  return `{{role "${role}"}}\n${text.trim()}\n`;
}

/**
 * The Dotprompt text of an optimized prompt: front matter (model, config, schemas, metadata with
 * provenance) and one template with role markers: the instruction, the base's other turns, the
 * demos and the input turn. Loading it gives exactly the messages of the optimized prompt.
 */
export function promptFileText(base: Prompt, program: Program, provenance: Provenance): string {
  const c = base.config;
  if (c.partials && Object.keys(c.partials).length > 0) {
    throw new InvalidArgumentError(
      `prompt "${base.name}"`,
      "it uses partials, which a .prompt file cannot carry.",
      "Use result.prompt in code, or inline the partials in the base prompt.",
    );
  }
  const model = program.model ?? (typeof c.model === "string" ? c.model : undefined);
  const params = { ...c.params, ...program.params };
  const front: Record<string, unknown> = { name: base.name, version: base.version };
  if (c.description !== undefined) front.description = c.description;
  if (model !== undefined) front.model = model;
  if (Object.keys(params).length > 0) front.config = params;
  const input = c.input ? toJsonSchema(c.input, "input") : undefined;
  if (input !== undefined || c.defaults) {
    front.input = {
      ...(input !== undefined && { schema: input }),
      ...(c.defaults && { default: c.defaults }),
    };
  }
  if (c.output) {
    const output = toJsonSchema(c.output, "output");
    front.output = output === undefined ? { format: "json" } : { schema: output };
  }
  const dynamic = program.dynamicDemos;
  front.metadata = { ...c.metadata, optimized: { ...provenance, ...(dynamic && { dynamicDemos: dynamic }) } };

  const parts = promptParts(base);
  const blocks: string[] = [];
  if (program.instruction !== undefined && program.instruction.trim() !== "") {
    blocks.push(roleBlock("system", program.instruction));
  }
  for (const t of programTurns(program, parts)) {
    blocks.push(roleBlock(t.role === "assistant" ? "model" : t.role, t.content));
  }
  blocks.push(roleBlock("user", parts.user));
  return `---\n${stringify(front, { lineWidth: 0 })}---\n${blocks.join("\n")}`;
}

/**
 * Loads an optimized prompt file and re-attaches what a file cannot run by itself: demos chosen per
 * input (kNN / MMR), kept in `metadata.optimized.dynamicDemos`. Other files load as with `loadPrompt`.
 * Pass the embedder again when the optimization used one that is not the built-in hashing embedder.
 */
export async function loadOptimizedPrompt(
  file: string,
  options: { embedder?: Embedder } = {},
): Promise<Prompt> {
  const prompt = await loadPrompt(file);
  const optimized = prompt.metadata.optimized as { dynamicDemos?: DynamicDemos } | undefined;
  const dynamic = optimized?.dynamicDemos;
  if (dynamic === undefined) return prompt;
  return prompt.with({
    middleware: [...(prompt.config.middleware ?? []), dynamicDemosMiddleware(dynamic, options.embedder)],
  }) as Prompt;
}

/** Writes the optimized prompt file (folders created as needed). */
export async function savePromptFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text, "utf8");
}
