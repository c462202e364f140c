import type { LanguageModelV4 } from "@ai-sdk/provider";
import { InvalidArgumentError } from "./errors/invalid-argument-error.js";
import { UnknownProviderError } from "./errors/unknown-provider-error.js";
import { closest } from "./text.js";
import type { ModelLike, SingleModel } from "./types.js";

/** Makes a model from the part of a model string after "provider:". */
export type ProviderFactory = (modelId: string) => LanguageModelV4;

const providers = new Map<string, ProviderFactory>();
const resolved = new Map<string, ResolvedModel>();

export interface ResolvedModel {
  model: LanguageModelV4;
  /** "provider:model-id". */
  id: string;
}

/** Makes `name:<model-id>` strings resolve through `factory`. Plug-ins (providers, mocks) call this. */
export function registerProvider(name: string, factory: ProviderFactory): void {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new InvalidArgumentError(
      "provider name",
      `"${name}" must be lower-case letters, digits and dashes.`,
    );
  }
  providers.set(name, factory);
  for (const key of resolved.keys()) if (key === name || key.startsWith(`${name}:`)) resolved.delete(key);
}

export function knownProviders(): string[] {
  return [...providers.keys()].sort();
}

const ids = new WeakMap<LanguageModelV4, string>();

/** "provider:model-id" of an AI SDK model object ("openai.chat" counts as "openai"). */
export function modelIdOf(model: LanguageModelV4): string {
  let id = ids.get(model);
  if (id === undefined) {
    const provider = model.provider.split(".")[0] ?? model.provider;
    id = `${provider}:${model.modelId}`;
    ids.set(model, id);
  }
  return id;
}

/**
 * Turns one model — a "provider:model-id" string or an AI SDK model object — into a model object.
 * A bare name is a provider with its default model ("mock" = "mock:mock").
 */
export function resolveModel(spec: SingleModel): ResolvedModel {
  if (typeof spec !== "string") {
    if (spec?.specificationVersion !== "v4") {
      throw new InvalidArgumentError(
        "model",
        `expected a "provider:model-id" string or an AI SDK LanguageModel (specificationVersion "v4"), got ${describe(spec)}.`,
      );
    }
    return { model: spec, id: modelIdOf(spec) };
  }
  const hit = resolved.get(spec);
  if (hit) return hit;
  const colon = spec.indexOf(":");
  const provider = (colon === -1 ? spec : spec.slice(0, colon)).trim();
  const modelId = colon === -1 ? provider : spec.slice(colon + 1).trim();
  const factory = providers.get(provider);
  if (!factory) {
    const known = knownProviders();
    throw new UnknownProviderError(spec, provider, known, closest(provider, known));
  }
  if (!modelId) throw new InvalidArgumentError("model", `"${spec}" has no model id after "${provider}:".`);
  const out = { model: factory(modelId), id: `${provider}:${modelId}` };
  resolved.set(spec, out);
  return out;
}

/**
 * Resolves a model or a fallback chain, expanding aliases (`configure({ models: { fast: … } })`)
 * first. The result has at least one model; the first is the one tried first.
 */
export function resolveChain(
  spec: ModelLike,
  aliases: Readonly<Record<string, ModelLike>> | undefined,
): ResolvedModel[] {
  if (typeof spec === "string" && aliases === undefined) return [resolveModel(spec)];
  const out: ResolvedModel[] = [];
  const visit = (s: ModelLike, trail: readonly string[]) => {
    if (Array.isArray(s)) {
      for (const item of s as readonly SingleModel[]) visit(item, trail);
      return;
    }
    const single = s as SingleModel;
    if (typeof single === "string" && aliases && Object.hasOwn(aliases, single)) {
      if (trail.includes(single)) {
        throw new InvalidArgumentError(
          "model aliases",
          `"${single}" refers to itself: ${[...trail, single].join(" → ")}.`,
        );
      }
      visit(aliases[single]!, [...trail, single]);
      return;
    }
    out.push(resolveModel(single));
  };
  visit(spec, []);
  if (out.length === 0) throw new InvalidArgumentError("model", "the fallback chain is empty.");
  return out;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  const v = (value as { specificationVersion?: unknown }).specificationVersion;
  return v ? `a model with specificationVersion "${String(v)}"` : "an object that is not a model";
}
