import type { ExperimentEvent, ExperimentStore } from "../../core/ports.js";
import type { RunOptions } from "../../core/run-options.js";
import type { RunResult } from "../../core/types.js";
import type { AnalysisOptions } from "../analysis/index.js";
import type { AssignmentReason, StickyStore, Unit } from "../assignment/index.js";
import type { ExperimentStatus } from "../config/index.js";
import type { LoadedExperimentConfig } from "../config/prompts.js";
import type { RewardStatus } from "./allocation.js";
import type { BanditAllocationOptions } from "./bandit-policy.js";
import type { ExperimentResults } from "./results.js";

export interface CreateExperimentOptions {
  /** Where the definition, its status and every event are kept. */
  store: ExperimentStore;
  /** Keeps each unit's first variant when weights, coverage or namespace change. */
  sticky?: StickyStore;
  /**
   * "first" (default): one exposure event per unit and experiment (its id is derived from the unit, so
   * a repeat, a retry or another process writing the same exposure is deduplicated by the store).
   * "every": an exposure event on every `run()`/`expose()` (random ids), e.g. to count impressions.
   */
  exposures?: "first" | "every";
  /** Directory that prompt file paths in the config are relative to (default: the working directory). */
  baseDir?: string;
  /** Called when an outcome arrives for a unit never exposed (it is still stored, flagged `unexposed`). */
  onUnexposedOutcome?: (event: ExperimentEvent) => void;
  /** Analysis settings for `results()` (method, alpha, covariate for CUPED, …) over the config's metrics. */
  analysis?: Partial<Omit<AnalysisOptions, "control" | "weights" | "metrics">>;
  /**
   * Settings of bandit allocation (`allocation: "thompson" | "ucb1" | "epsilon-greedy"` in the config):
   * minShare, minSamples (default the config's), seed (default from the hash seed or id), … Ignored
   * for "fixed". Guide: docs/experiments-bandits.md, "Bandit allocation".
   */
  bandit?: BanditAllocationOptions;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
}

/** What `assign` answers: always a variant to serve (the control when the unit is not in the experiment). */
export interface ExperimentAssignment {
  /** The variant to serve: the assigned one, or the control when `inExperiment` is false. */
  variant: string;
  /** False when the unit is not part of the experiment (then nothing is recorded for it). */
  inExperiment: boolean;
  /**
   * Why: the assignment layer's reason, "exposed" (kept from an earlier exposure), "not-running", or
   * "bandit" (a new unit whose variant the bandit policy picked; propensity is the policy's).
   */
  reason: AssignmentReason | "exposed" | "not-running" | "bandit";
  /** The unit's hash bucket in [0, 1) (0 when not running). */
  bucket: number;
  /** Probability the unit had of this variant; 0 when not in the experiment. */
  propensity: number;
}

export interface RecordOptions {
  /** The variant the caller believes the unit saw: must be a variant of the experiment. */
  variant?: string;
  /** Extra data kept on the event. */
  attributes?: Record<string, unknown>;
}

export interface RecordedOutcome {
  event: ExperimentEvent;
  /** True when the unit was never exposed: the outcome is stored with `attributes.unexposed: true`. */
  unexposed: boolean;
  /**
   * Bandit experiments, primary metric only: "rewarded" (the unit's first primary outcome, fed to the
   * policy), "already-rewarded" (a later one: stored, not counted again) or "no-decision".
   */
  reward?: RewardStatus;
}

export interface ExperimentRun<O = unknown> {
  variant: string;
  assignment: ExperimentAssignment;
  result: RunResult<O>;
}

/** A live experiment: lifecycle, assignment, runs, outcomes and results, all kept in its store. */
export interface Experiment {
  readonly id: string;
  readonly config: LoadedExperimentConfig;
  readonly status: ExperimentStatus;
  readonly winner: string | undefined;
  /** draft or paused → running. */
  start(): Promise<void>;
  /** running → paused. */
  pause(): Promise<void>;
  /** running or paused → completed, recording the winner (a variant name) when there is one. */
  complete(options?: { winner?: string }): Promise<void>;
  /** completed → archived. */
  archive(): Promise<void>;
  /** Reloads status and winner from the store (another process may have changed them). */
  refresh(): Promise<void>;
  /** The variant for a unit, without recording anything. Not running → the control, reason "not-running". */
  assign(unit: Unit | string): ExperimentAssignment;
  /** `assign`, then records the exposure (with its propensity) when the unit is in the experiment. */
  expose(unit: Unit | string): Promise<ExperimentAssignment>;
  /** Exposes the unit and runs its variant's prompt through the normal pipeline (`execute`). */
  run<O = unknown>(
    unit: Unit | string,
    vars?: Record<string, unknown>,
    options?: RunOptions,
  ): Promise<ExperimentRun<O>>;
  /** Records an outcome for a unit (a conversion, a rating, …), possibly long after its exposure. */
  record(
    unit: Unit | string,
    metric: string,
    value: number | boolean,
    options?: RecordOptions,
  ): Promise<RecordedOutcome>;
  /** Exposures and outcome sums per variant, unexposed outcomes and every event. */
  results(): Promise<ExperimentResults>;
}
