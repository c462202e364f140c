import type { Prompt } from "../../core/prompt.js";
import type { ModelLike } from "../../core/types.js";
import type { ResolvedExperimentConfig } from "./schema.js";

function modelName(model: ModelLike): string | string[] {
  if (typeof model === "string") return model;
  if (Array.isArray(model)) return model.map((m) => modelName(m) as string);
  const m = model as { provider: string; modelId: string };
  return `${m.provider}:${m.modelId}`;
}

function promptRef(prompt: Prompt | string): Record<string, unknown> | string {
  if (typeof prompt === "string") return prompt;
  return {
    name: prompt.name,
    version: prompt.version,
    hash: prompt.hash,
    ...(prompt.source?.file ? { file: prompt.source.file } : {}),
  };
}

/**
 * The JSON form kept in `StoredExperiment.config`: everything as configured, with each prompt as
 * `{ name, version, hash, file? }` (or its file path) and models as "provider:model-id" strings.
 */
export function toStoredConfig(config: ResolvedExperimentConfig): Record<string, unknown> {
  const json: Record<string, unknown> = {
    ...config,
    variants: config.variants.map((v) => ({
      name: v.name,
      prompt: promptRef(v.prompt),
      ...(v.model !== undefined ? { model: modelName(v.model) } : {}),
      ...(v.params !== undefined ? { params: v.params } : {}),
      weight: v.weight,
      ...(v.control ? { control: true } : {}),
    })),
  };
  return JSON.parse(JSON.stringify(json)) as Record<string, unknown>;
}
