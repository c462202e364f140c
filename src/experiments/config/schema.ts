import { z } from "zod";
import { isPrompt, type Prompt } from "../../core/prompt.js";
import type { ModelLike, ModelParams } from "../../core/types.js";

/** The lifecycle states of an experiment (see `lifecycle.ts` for the legal moves). */
export const EXPERIMENT_STATUSES = ["draft", "running", "paused", "completed", "archived"] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const METRIC_KINDS = ["binary", "continuous", "cost", "latency"] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export const ALLOCATIONS = ["fixed", "thompson", "ucb1", "epsilon-greedy"] as const;
/** How traffic is split. Only "fixed" (the configured weights) is wired into the runtime so far. */
export type Allocation = (typeof ALLOCATIONS)[number];

/** Names of the metrics `run()` records itself, always known to `record()`. */
export const BUILT_IN_METRICS = ["cost", "latency"] as const;

const unit = (what = "a number between 0 and 1") =>
  z
    .number({ error: `expected ${what}` })
    .min(0, { error: `expected ${what}` })
    .max(1, { error: `expected ${what}` });
const name = (what: string) =>
  z
    .string({ error: `expected ${what} (a non-empty string)` })
    .min(1, { error: `expected ${what} (a non-empty string)` });
const count = z
  .number({ error: "expected a positive whole number" })
  .int({ error: "expected a positive whole number" })
  .positive({ error: "expected a positive whole number" });

const promptRef = z.union([z.custom<Prompt>((v) => isPrompt(v)), name("a prompt file path")], {
  error: "expected a Prompt (definePrompt/loadPrompt) or a prompt file path",
});

const modelRef = z.custom<ModelLike>(
  (v) =>
    (typeof v === "string" && v.length > 0) ||
    (typeof v === "object" && v !== null && "doGenerate" in v) ||
    (Array.isArray(v) && v.length > 0),
  { error: 'expected a model ("provider:model-id") or an AI SDK LanguageModel' },
);

export const variantSchema = z.strictObject({
  name: name("a variant name"),
  prompt: promptRef,
  model: modelRef.optional(),
  params: z.record(z.string(), z.unknown(), { error: "expected a mapping of model params" }).optional(),
  weight: unit(),
  control: z.boolean({ error: "expected true or false" }).optional(),
});

export const metricSchema = z.strictObject({
  name: name("a metric name"),
  kind: z.enum(METRIC_KINDS, { error: `expected one of ${METRIC_KINDS.join(", ")}` }),
  /** Which way is better. Default: "decrease" for cost and latency, "increase" otherwise. */
  direction: z.enum(["increase", "decrease"], { error: 'expected "increase" or "decrease"' }).optional(),
});

const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: "expected a string, number, boolean or null",
});

export const experimentConfigSchema = z.strictObject({
  id: name("an experiment id"),
  description: z.string({ error: "expected a string" }).optional(),
  variants: z.array(variantSchema, { error: "expected a list of variants" }),
  targeting: z
    .record(z.string(), attributeValue, { error: "expected a mapping of attribute: value" })
    .optional(),
  coverage: unit().optional(),
  hashSeed: name("a hash seed").optional(),
  hashVersion: z.union([z.literal(1), z.literal(2)], { error: "expected 1 or 2" }).optional(),
  namespace: z
    .strictObject(
      { id: name("a namespace id"), start: unit(), end: unit() },
      {
        error: "expected { id, start, end }",
      },
    )
    .optional(),
  holdout: z
    .strictObject(
      { share: unit(), seed: name("a holdout seed") },
      {
        error: "expected { share, seed }",
      },
    )
    .optional(),
  primaryMetric: metricSchema,
  guardrails: z.array(metricSchema, { error: "expected a list of metrics" }).optional(),
  minSamples: count.optional(),
  maxSamples: count.optional(),
  allocation: z.enum(ALLOCATIONS, { error: `expected one of ${ALLOCATIONS.join(", ")}` }).optional(),
});

/** One arm of an experiment: a prompt with its model, params and share of traffic. */
export interface VariantConfig {
  name: string;
  /** A Prompt object, or a prompt file path (loaded by `createExperiment` / `loadExperimentConfig`). */
  prompt: Prompt | string;
  /** Overrides the prompt's model for this variant. */
  model?: ModelLike | undefined;
  /** Merged over the prompt's params for this variant. */
  params?: ModelParams | undefined;
  /** Share of covered traffic in [0, 1]; the weights sum to 1. */
  weight: number;
  /** Exactly one variant is the control (the baseline, and what units outside the experiment get). */
  control?: boolean | undefined;
}

export interface MetricConfig {
  name: string;
  kind: MetricKind;
  direction?: "increase" | "decrease" | undefined;
}

/** An experiment as written in TypeScript or in a YAML/JSON file (the same fields). */
export interface ExperimentConfig {
  id: string;
  description?: string | undefined;
  variants: VariantConfig[];
  /** Units whose attributes equal every entry are eligible (the others get the control, unexposed). */
  targeting?: Record<string, string | number | boolean | null> | undefined;
  coverage?: number | undefined;
  /** Hash seed (default: the id). Changing it reshuffles every unit. */
  hashSeed?: string | undefined;
  hashVersion?: 1 | 2 | undefined;
  /** Mutually exclusive experiments share a namespace id and take disjoint [start, end) slices. */
  namespace?: { id: string; start: number; end: number } | undefined;
  holdout?: { share: number; seed: string } | undefined;
  primaryMetric: MetricConfig;
  guardrails?: MetricConfig[] | undefined;
  minSamples?: number | undefined;
  maxSamples?: number | undefined;
  /** "fixed" splits by the weights; a bandit ("thompson", "ucb1", "epsilon-greedy") adapts to the primary metric. */
  allocation?: Allocation | undefined;
}

/** A validated config with defaults filled in (`allocation`, metric `direction`). */
export interface ResolvedExperimentConfig extends ExperimentConfig {
  allocation: Allocation;
  primaryMetric: Required<MetricConfig>;
  guardrails: Required<MetricConfig>[];
  /** The name of the control variant. */
  control: string;
}
