/** What the `experiment` subcommands share: opening the store, finding an experiment, analysing it. */
import type { Command } from "commander";
import type { ExperimentStore, StoredExperiment } from "../../core/ports.js";
import { type AnalysisMethod, analyzeExperiment } from "../../experiments/analysis/index.js";
import { summarizeEvents } from "../../experiments/runtime/index.js";
import { JsonlExperimentStore, PostgresExperimentStore } from "../../experiments/stores/index.js";
import type { ExperimentReportSource } from "../../report/experiment/index.js";
import { UsageError } from "../usage-error.js";

export const DEFAULT_STORE = ".flowprompt/experiments";

export interface StoreFlags {
  store?: string;
  pg?: string;
}

/** Adds `--store <dir>` and `--pg <connection-string>` to a subcommand. */
export function withStore(cmd: Command): Command {
  return cmd
    .option("--store <dir>", `JSONL experiment store directory (default ${DEFAULT_STORE})`)
    .option("--pg <connection-string>", "use the PostgreSQL experiment store instead");
}

export function openStore(flags: StoreFlags): { store: ExperimentStore; where: string } {
  if (flags.pg !== undefined && flags.store !== undefined) {
    throw new UsageError("--store and --pg: pass one of them, not both.");
  }
  if (flags.pg !== undefined) {
    return {
      store: new PostgresExperimentStore({ connectionString: flags.pg }),
      where: "the PostgreSQL store",
    };
  }
  const dir = flags.store ?? DEFAULT_STORE;
  return { store: new JsonlExperimentStore({ dir }), where: dir };
}

/** The stored experiment, or a usage error (exit 2) naming the known ids. */
export async function findExperiment(
  store: ExperimentStore,
  id: string,
  where: string,
): Promise<StoredExperiment> {
  const found = await store.getExperiment(id);
  if (found) return found;
  const known = (await store.listExperiments()).map((e) => e.id);
  throw new UsageError(
    `no experiment ${JSON.stringify(id)} in ${where}.`,
    known.length > 0
      ? `Known experiments: ${known.join(", ")}.`
      : "The store holds no experiments: create one with `flowprompt experiment create <config.yaml>`.",
  );
}

interface StoredVariant {
  name: string;
  weight: number;
  control?: boolean;
}
interface StoredMetric {
  name: string;
  kind: string;
  direction?: string;
}

/** The variants of a stored config (`toStoredConfig`'s form). */
export function storedVariants(e: StoredExperiment): StoredVariant[] {
  const variants = e.config.variants;
  return Array.isArray(variants) ? (variants as StoredVariant[]) : [];
}

export function controlOf(e: StoredExperiment): string {
  const variants = storedVariants(e);
  const control = e.config.control;
  if (typeof control === "string") return control;
  return (variants.find((v) => v.control) ?? variants[0])?.name ?? "";
}

const spec = (m: StoredMetric, guardrail: boolean) => ({
  name: m.name,
  kind: m.kind === "binary" ? ("binary" as const) : ("continuous" as const),
  direction:
    m.direction === "decrease" || (m.direction === undefined && (m.kind === "cost" || m.kind === "latency"))
      ? ("decrease" as const)
      : ("increase" as const),
  guardrail,
});

/** Reads the experiment's events and analyses them as `experiment.results()` does, from the stored config. */
export async function buildReport(
  store: ExperimentStore,
  e: StoredExperiment,
  method?: AnalysisMethod,
): Promise<ExperimentReportSource> {
  const events = await store.events(e.id);
  const variants = storedVariants(e);
  const primary = e.config.primaryMetric as StoredMetric | undefined;
  const guardrails = (e.config.guardrails as StoredMetric[] | undefined) ?? [];
  const count = (key: "minSamples" | "maxSamples") =>
    typeof e.config[key] === "number" ? { [key]: e.config[key] as number } : {};
  const analysis = analyzeExperiment(events, {
    control: controlOf(e),
    weights: Object.fromEntries(variants.map((v) => [v.name, v.weight])),
    metrics: [...(primary ? [spec(primary, false)] : []), ...guardrails.map((g) => spec(g, true))],
    ...count("minSamples"),
    ...count("maxSamples"),
    ...(method ? { method } : {}),
  });
  const summary = summarizeEvents(
    e.id,
    variants.map((v) => v.name),
    events,
  );
  const control = controlOf(e);
  return {
    experiment: e,
    variants: variants.map((v) => ({
      name: v.name,
      weight: v.weight,
      control: v.name === control,
      exposures: summary.exposures[v.name] ?? 0,
      units: summary.units[v.name] ?? 0,
    })),
    analysis,
    events: events.length,
  };
}
