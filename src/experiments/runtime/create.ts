import { randomUUID } from "node:crypto";
import { InvalidArgumentError } from "../../core/errors/index.js";
import type { ExperimentEvent, StoredExperiment } from "../../core/ports.js";
import type { Prompt } from "../../core/prompt.js";
import type { RunOptions } from "../../core/run-options.js";
import type { RunResult } from "../../core/types.js";
import { analyzeExperiment } from "../analysis/index.js";
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
import { BanditAllocator, readOnlySticky } from "./allocation.js";
import { checkOutcome, checkUnitId, checkVariant, toUnit } from "./checks.js";
import { summarizeEvents } from "./results.js";
import type { CreateExperimentOptions, Experiment, ExperimentAssignment } from "./types.js";

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
  const bandit = resolved.allocation === "fixed" ? undefined : new BanditAllocator(resolved, options.bandit);

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
  const initial = await store.events(id);
  learn(initial);
  bandit?.replay(initial);

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
      checkUnitId(unit);
      return { variant: control, inExperiment: false, reason: "not-running", bucket: 0, propensity: 0 };
    }
    const a = assigner.assign(unit, sticky ? { sticky: bandit ? readOnlySticky(sticky) : sticky } : {});
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
    if (bandit && a.reason === "assigned") {
      const d = bandit.decide(unit.id);
      sticky?.set(unit.id, id, { variant: d.variant, propensity: d.propensity });
      return { ...a, variant: d.variant, reason: "bandit", propensity: d.propensity };
    }
    return { ...a, variant: a.variant ?? control };
  };

  const expose = async (input: Unit | string): Promise<ExperimentAssignment> => {
    const a = assignUnit(input);
    if (!a.inExperiment) return a;
    const unit = toUnit(input);
    if (!every && exposed.has(unit.id)) return a;
    const decision = bandit?.peek(unit.id);
    const attributes = { ...unit.attributes, ...(decision ? { bandit: decision.attributes } : {}) };
    await store.append([
      {
        id: every ? randomUUID() : `exposure:${unit.id}`,
        experimentId: id,
        unitId: unit.id,
        variant: a.variant,
        kind: "exposure",
        propensity: a.propensity,
        at: now(),
        ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
      },
    ]);
    bandit?.exposed(unit.id);
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
      if (winner !== undefined) checkVariant("winner", id, winner, variants);
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
      checkUnitId(unit);
      const value = checkOutcome(id, metrics, kinds, metric, raw);
      if (opts.variant !== undefined) checkVariant("variant", id, opts.variant, variants);
      if (!exposed.has(unit.id)) {
        const events = await store.events(id);
        learn(events);
        bandit?.adopt(events);
      }
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
      const reward = bandit?.reward(unit.id, metric, value);
      return { event, unexposed: !kept, ...(reward ? { reward } : {}) };
    },
    async results() {
      const events = await store.events(id);
      const fixedWeights = Object.fromEntries(resolved.variants.map((v) => [v.name, v.weight]));
      const metricSpec = (m: { name: string; kind: string; direction?: string }, guardrail: boolean) => ({
        name: m.name,
        kind: m.kind === "binary" ? ("binary" as const) : ("continuous" as const),
        direction: m.direction === "decrease" ? ("decrease" as const) : ("increase" as const),
        guardrail,
      });
      const analysis = analyzeExperiment(events, {
        control,
        weights: bandit?.expectedWeights(events) ?? fixedWeights,
        metrics: [
          metricSpec(resolved.primaryMetric, false),
          ...resolved.guardrails.map((g) => metricSpec(g, true)),
        ],
        ...(resolved.minSamples !== undefined && { minSamples: resolved.minSamples }),
        ...(resolved.maxSamples !== undefined && { maxSamples: resolved.maxSamples }),
        ...(options.analysis ?? {}),
      });
      return {
        ...summarizeEvents(id, [...variants.keys()], events),
        status: stored.status,
        winner: stored.winner,
        analysis,
        ...(bandit ? { allocation: bandit.summary(events) } : {}),
      };
    },
  };
  return experiment;
}
