import type { z } from "zod";
import { InvalidArgumentError } from "../../core/errors/index.js";
import { type AssignmentExperiment, validateExperiment } from "../assignment/index.js";
import {
  type ExperimentConfig,
  experimentConfigSchema,
  type MetricConfig,
  type ResolvedExperimentConfig,
} from "./schema.js";

/** Where a config path (`["variants", 1, "weight"]`) is in its source file, for file:line errors. */
export type Locate = (path: readonly (string | number)[]) => string | undefined;

/** `experiments["greeting"]` for a config with an id, `experiment` otherwise. */
export function rootPath(input: unknown): string {
  const id = typeof input === "object" && input !== null ? (input as { id?: unknown }).id : undefined;
  return typeof id === "string" && id.length > 0 ? `experiments[${JSON.stringify(id)}]` : "experiment";
}

/** `experiments["greeting"].variants[1].weight` */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else if (typeof step === "string" && /^[A-Za-z_$][\w$]*$/.test(step)) out += `.${step}`;
    else out += `[${JSON.stringify(String(step))}]`;
  }
  return out;
}

function fail(
  input: unknown,
  path: readonly (string | number)[],
  problem: string,
  locate?: Locate,
  hint?: string,
): never {
  const where = locate?.(path);
  const name = formatPath(rootPath(input), path);
  throw new InvalidArgumentError(where ? `${where}: ${name}` : name, problem, hint);
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let current = input;
  for (const step of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

function issueToError(input: unknown, issue: z.core.$ZodIssue, locate?: Locate): never {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0] ?? "";
    fail(
      input,
      [...path, key],
      `unknown key ${JSON.stringify(key)}`,
      locate,
      "Remove it or fix its spelling.",
    );
  }
  if (issue.code === "invalid_type" && valueAt(input, path) === undefined) {
    fail(input, path, "is required", locate);
  }
  fail(input, path, issue.message, locate);
}

function withDirection(metric: MetricConfig): Required<MetricConfig> {
  const direction =
    metric.direction ?? (metric.kind === "cost" || metric.kind === "latency" ? "decrease" : "increase");
  return { name: metric.name, kind: metric.kind, direction };
}

/** The assignment layer's view of a config (weights, seed, coverage, namespace, holdout, targeting). */
export function toAssignmentExperiment(config: ExperimentConfig): AssignmentExperiment {
  return {
    id: config.id,
    variants: config.variants.map((v) => ({ name: v.name, weight: v.weight })),
    ...(config.hashSeed !== undefined ? { seed: config.hashSeed } : {}),
    ...(config.hashVersion !== undefined ? { hashVersion: config.hashVersion } : {}),
    ...(config.coverage !== undefined ? { coverage: config.coverage } : {}),
    ...(config.namespace
      ? { namespace: [config.namespace.id, config.namespace.start, config.namespace.end] as const }
      : {}),
    ...(config.holdout ? { holdout: config.holdout } : {}),
    ...(config.targeting ? { targeting: config.targeting } : {}),
  } as AssignmentExperiment;
}

/**
 * Validates an experiment configuration and fills in defaults. Throws `InvalidArgumentError` naming the
 * first offending path and rule, e.g. `experiments["greeting"].variants[1].weight: expected a number
 * between 0 and 1`; with `locate` (used by `loadExperimentConfig`), the path is prefixed by file:line.
 */
export function defineExperimentConfig(input: ExperimentConfig, locate?: Locate): ResolvedExperimentConfig {
  const parsed = experimentConfigSchema.safeParse(input);
  if (!parsed.success) issueToError(input, parsed.error.issues[0]!, locate);
  const config = input;
  const controls = config.variants.flatMap((v, i) => (v.control === true ? [i] : []));
  if (controls.length !== 1) {
    fail(
      input,
      controls.length === 0 ? ["variants"] : ["variants", controls[1]!, "control"],
      `exactly one variant must have control: true, found ${controls.length}` +
        (controls.length > 1 ? ` (${controls.map((i) => config.variants[i]!.name).join(", ")})` : ""),
      locate,
      "Mark the baseline variant with control: true.",
    );
  }
  const metrics = [config.primaryMetric, ...(config.guardrails ?? [])];
  const seen = new Map<string, number>();
  metrics.forEach((m, i) => {
    const first = seen.get(m.name);
    if (first !== undefined) {
      const path = i === 0 ? ["primaryMetric", "name"] : ["guardrails", i - 1, "name"];
      fail(input, path, `duplicate metric name ${JSON.stringify(m.name)}`, locate);
    }
    seen.set(m.name, i);
  });
  if (config.minSamples !== undefined && config.maxSamples !== undefined) {
    if (config.maxSamples < config.minSamples) {
      fail(
        input,
        ["maxSamples"],
        `must be at least minSamples (${config.minSamples}), got ${config.maxSamples}`,
        locate,
      );
    }
  }
  try {
    validateExperiment(toAssignmentExperiment(config));
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error) || !locate) throw error;
    const where = locate(error.argument.includes(".variants") ? ["variants"] : []);
    throw where
      ? new InvalidArgumentError(
          `${where}: ${error.argument}`,
          error.message.replace(/^Invalid [^:]+: /, ""),
          error.hint,
        )
      : error;
  }
  return {
    ...config,
    allocation: config.allocation ?? "fixed",
    primaryMetric: withDirection(config.primaryMetric),
    guardrails: (config.guardrails ?? []).map(withDirection),
    control: config.variants[controls[0]!]!.name,
  };
}

/** The names `record()` accepts: the primary metric, the guardrails, and the built-in cost and latency. */
export function knownMetrics(config: ResolvedExperimentConfig): string[] {
  const names = [config.primaryMetric.name, ...config.guardrails.map((g) => g.name)];
  for (const builtIn of ["cost", "latency"]) if (!names.includes(builtIn)) names.push(builtIn);
  return names;
}
