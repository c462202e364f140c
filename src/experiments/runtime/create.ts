import { randomUUID } from "node:crypto";
import { InvalidArgumentError } from "../../core/errors/index.js";
import type { ExperimentEvent, StoredExperiment } from "../../core/ports.js";
import type { Prompt } from "../../core/prompt.js";
import type { RunOptions } from "../../core/run-options.js";
import type { RunResult } from "../../core/types.js";
import { prepareExperiment, type Unit } from "../assignment/index.js";
import {
  assertTransition,
  defineExperimentConfig,
  type ExperimentConfig,
  type ExperimentStatus,
  knownMetrics,
  loadVariantPrompts,
  toAssignmentExperiment,
  toStoredConfig,
} from "../config/index.js";
import { summarizeEvents } from "./results.js";
import type { CreateExperimentOptions, Experiment, ExperimentAssignment } from "./types.js";

const toUnit = (unit: Unit | string): Unit => (typeof unit === "string" ? { id: unit } : unit);

/**
 * Validates `config`, loads its prompt files, and saves the definition in `options.store` (as a draft,
 * or keeping the stored status and winner when the experiment already exists there). Resolves to the
 * experiment's runtime: lifecycle, `assign`, `run`, `record` and `results`.
 */
export async function createExperiment(
  config: ExperimentConfig,
  options: CreateExperimentOptions,
): Promise<Experiment> {
  const { store, sticky } = options;
  if (!store || typeof store.append !== "function") {
    throw new InvalidArgumentError(
      "options.store",
      "expected an ExperimentStore",
      "e.g. new MemoryExperimentStore()",
    );
  }
  const every = options.exposures === "every";
  const now = options.now ?? Date.now;
  const resolved = await loadVariantPrompts(defineExperimentConfig(config), options.baseDir);
  const { id, control } = resolved;
  const assigner = prepareExperiment(toAssignmentExperiment(resolved));
  const variants = new Map(resolved.variants.map((v) => [v.name, v]));
  const metrics = knownMetrics(resolved);
  const kinds = new Map([resolved.primaryMetric, ...resolved.guardrails].map((m) => [m.name, m.kind]));

  const existing = await store.getExperiment(id);
  let stored: StoredExperiment = {
    id,
    status: existing?.status ?? "draft",
    config: toStoredConfig(resolved),
    ...(existing?.winner !== undefined ? { winner: existing.winner } : {}),
    createdAt: existing?.createdAt ?? now(),
    updatedAt: now(),
  };
  await store.saveExperiment(stored);

  /** unit id → the exposure that counts (the first one), from the store and this process. */
  const exposed = new Map<string, { variant: string; propensity: number }>();
  const learn = (events: readonly ExperimentEvent[]) => {
    for (const e of events) {
      if (e.kind === "exposure" && !exposed.has(e.unitId) && variants.has(e.variant)) {
        exposed.set(e.unitId, { variant: e.variant, propensity: e.propensity ?? 0 });
      }
    }
  };
  learn(await store.events(id));

  const move = async (to: ExperimentStatus, winner?: string) => {
    assertTransition(id, stored.status, to);
    const next: StoredExperiment = { ...stored, status: to, updatedAt: now() };
    if (winner !== undefined) next.winner = winner;
    await store.saveExperiment(next);
    stored = next;
  };

  const assignUnit = (input: Unit | string): ExperimentAssignment => {
    const unit = toUnit(input);
    if (stored.status !== "running") {
      if (typeof unit?.id !== "string" || unit.id === "") assigner.assign(unit); // throws the unit.id error
      return { variant: control, inExperiment: false, reason: "not-running", bucket: 0, propensity: 0 };
    }
    const a = assigner.assign(unit, sticky ? { sticky } : {});
    const kept = exposed.get(unit.id);
    if (kept && a.inExperiment && a.reason !== "sticky") {
      return {
        variant: kept.variant,
        inExperiment: true,
        reason: "exposed",
        bucket: a.bucket,
        propensity: kept.propensity,
      };
    }
    return { ...a, variant: a.variant ?? control };
  };

  const expose = async (input: Unit | string): Promise<ExperimentAssignment> => {
    const a = assignUnit(input);
    if (!a.inExperiment) return a;
    const unit = toUnit(input);
    if (!every && exposed.has(unit.id)) return a;
    await store.append([
      {
        id: every ? randomUUID() : `exposure:${unit.id}`,
        experimentId: id,
        unitId: unit.id,
        variant: a.variant,
        kind: "exposure",
        propensity: a.propensity,
        at: now(),
        ...(unit.attributes ? { attributes: { ...unit.attributes } } : {}),
      },
    ]);
    if (!exposed.has(unit.id)) exposed.set(unit.id, { variant: a.variant, propensity: a.propensity });
    return a;
  };

  const outcome = (
    unitId: string,
    variant: string,
    metric: string,
    value: number,
    attributes?: Record<string, unknown>,
  ) => ({
    id: randomUUID(),
    experimentId: id,
    unitId,
    variant,
    kind: "outcome" as const,
    metric,
    value,
    at: now(),
    ...(attributes && Object.keys(attributes).length > 0 ? { attributes } : {}),
  });

  const experiment: Experiment = {
    id,
    config: resolved,
    get status() {
      return stored.status;
    },
    get winner() {
      return stored.winner;
    },
    start: () => move("running"),
    pause: () => move("paused"),
    async complete(opts = {}) {
      const winner = opts.winner;
      if (winner !== undefined && !variants.has(winner)) {
        throw new InvalidArgumentError(
          "winner",
          `${JSON.stringify(winner)} is not a variant of ${JSON.stringify(id)}; variants: ${[...variants.keys()].join(", ")}`,
        );
      }
      await move("completed", winner);
    },
    archive: () => move("archived"),
    async refresh() {
      const fresh = await store.getExperiment(id);
      if (fresh)
        stored = {
          ...stored,
          status: fresh.status,
          ...(fresh.winner !== undefined ? { winner: fresh.winner } : {}),
        };
    },
    assign: assignUnit,
    expose,
    async run<O = unknown>(
      unit: Unit | string,
      vars: Record<string, unknown> = {},
      runOptions: RunOptions = {},
    ) {
      const assignment = await expose(unit);
      const variant = variants.get(assignment.variant)!;
      const prompt = variant.prompt as Prompt;
      const result = (await prompt.execute(vars, {
        ...runOptions,
        ...(variant.model !== undefined ? { model: variant.model } : {}),
        ...(variant.params !== undefined || runOptions.params
          ? { params: { ...runOptions.params, ...variant.params } }
          : {}),
      })) as RunResult<O>;
      if (assignment.inExperiment) {
        const unitId = toUnit(unit).id;
        const events = [outcome(unitId, assignment.variant, "latency", result.latencyMs)];
        if (result.costUsd !== null) events.push(outcome(unitId, assignment.variant, "cost", result.costUsd));
        await store.append(events);
      }
      return { variant: assignment.variant, assignment, result };
    },
    async record(input, metric, raw, opts = {}) {
      const unit = toUnit(input);
      if (typeof unit?.id !== "string" || unit.id === "") {
        throw new InvalidArgumentError(
          "unit.id",
          `must be a non-empty string, got ${JSON.stringify(unit?.id)}`,
        );
      }
      if (!metrics.includes(metric)) {
        throw new InvalidArgumentError(
          "metric",
          `${JSON.stringify(metric)} is not a metric of experiment ${JSON.stringify(id)}; known metrics: ${metrics.join(", ")}`,
          "Add it to primaryMetric or guardrails in the experiment's config.",
        );
      }
      const value = typeof raw === "boolean" ? (raw ? 1 : 0) : raw;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new InvalidArgumentError("value", `must be a finite number or a boolean, got ${String(raw)}`);
      }
      if (kinds.get(metric) === "binary" && value !== 0 && value !== 1) {
        throw new InvalidArgumentError(
          "value",
          `metric ${JSON.stringify(metric)} is binary: expected 0, 1, true or false, got ${value}`,
        );
      }
      if (opts.variant !== undefined && !variants.has(opts.variant)) {
        throw new InvalidArgumentError(
          "variant",
          `${JSON.stringify(opts.variant)} is not a variant of ${JSON.stringify(id)}; variants: ${[...variants.keys()].join(", ")}`,
        );
      }
      if (!exposed.has(unit.id)) learn(await store.events(id));
      const kept = exposed.get(unit.id);
      if (kept && opts.variant !== undefined && opts.variant !== kept.variant) {
        throw new InvalidArgumentError(
          "variant",
          `unit ${JSON.stringify(unit.id)} was exposed to ${JSON.stringify(kept.variant)}, not ${JSON.stringify(opts.variant)}`,
        );
      }
      const variant = kept?.variant ?? opts.variant ?? assigner.assign(unit).variant ?? control;
      const attributes = kept ? { ...opts.attributes } : { ...opts.attributes, unexposed: true };
      const event = outcome(unit.id, variant, metric, value, attributes);
      await store.append([event]);
      if (!kept) options.onUnexposedOutcome?.(event);
      return { event, unexposed: !kept };
    },
    async results() {
      const events = await store.events(id);
      // TODO(analysis): when src/experiments/analysis lands, also return
      // `analysis: analyzeExperiment(events, { control, primaryMetric, guardrails, minSamples, maxSamples })`.
      return {
        ...summarizeEvents(id, [...variants.keys()], events),
        status: stored.status,
        winner: stored.winner,
      };
    },
  };
  return experiment;
}
