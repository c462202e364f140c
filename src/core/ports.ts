import type { CachedRun, MaybePromise } from "./types.js";

/**
 * Port: where cached runs live. Version 1. Implemented by the memory and file stores
 * (`flowprompt`), and later Redis. Every implementation runs the shared suite in
 * `src/cache/store.case.ts`.
 *
 * Methods may answer synchronously (the memory store does, so a hit costs no extra tick).
 * Keys are opaque strings made by `cacheKey()`, already namespaced.
 */
export interface CacheStore {
  readonly portVersion: 1;
  /** A short name for messages and stats ("memory", "file", "redis"). */
  readonly kind: string;
  get(key: string): MaybePromise<CachedRun | undefined>;
  set(key: string, value: CachedRun, options?: { ttlMs?: number }): MaybePromise<void>;
  delete(key: string): MaybePromise<boolean>;
  /** Removes every entry, or only those whose key starts with `${namespace}:`. Returns how many. */
  clear(namespace?: string): MaybePromise<number>;
  /** Current entries and bytes (hits and misses are counted by the cache middleware). */
  size(): MaybePromise<{ entries: number; bytes: number }>;
}

/** Cache statistics as shown by `cacheStats()` and `flowprompt cache stats`. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** hits / (hits + misses), 0 when there were no lookups. */
  hitRate: number;
  entries: number;
  bytes: number;
}

/** What a rate limiter is asked before a model call. */
export interface RateLimitRequest {
  /** "provider:model-id". */
  model: string;
  /** Estimated input + output tokens of the call (for tokens-per-minute budgets). */
  estimatedTokens: number;
  signal?: AbortSignal | undefined;
}

/** A slot granted by a rate limiter; `release` reports what the call really used. */
export interface RateLimitPermit {
  release(outcome: { tokens: number; rateLimited?: boolean; retryAfterMs?: number | undefined }): void;
}

/**
 * Port: client-side limits shared by every prompt in the process (concurrency, requests and tokens
 * per minute, per provider and per model). Version 1. `acquire` waits until the call may start
 * (rejecting if the signal aborts); the permit's `release` frees the slot and lets the limiter
 * adapt (e.g. slow down after a 429).
 */
export interface RateLimiter {
  readonly portVersion: 1;
  acquire(request: RateLimitRequest): Promise<RateLimitPermit>;
}

/** What a scorer may answer: pass/fail, a score in [0, 1], or a score with its reasons. */
export type ScoreValue =
  | boolean
  | number
  | { score: number; reason?: string; details?: Record<string, unknown> };

/**
 * Port: judges one output. Version 1. Built-in scorers (exact, contains, regex, numeric, similarity,
 * structured match, LLM-as-judge, composites) and users' functions all have this shape. A score
 * outside [0, 1], NaN or a thrown error is reported against the input, never silently dropped.
 */
export interface Scorer<O = unknown, E = unknown, I = unknown> {
  readonly portVersion: 1;
  /** Short and stable: it names the metric in reports ("exact", "contains", "judge:helpfulness"). */
  readonly name: string;
  score(
    output: O,
    expected: E | undefined,
    input: I,
    context: { signal?: AbortSignal | undefined },
  ): MaybePromise<ScoreValue>;
}

/** One example of a dataset. */
export interface DatasetRow<I = unknown, E = unknown> {
  /** Stable id (from the data, or the row number): records and resumed runs key on it. */
  id: string;
  input: I;
  expected?: E;
  /** For stratified analysis. */
  category?: string;
  metadata?: Record<string, unknown>;
}

/** One thing that happened in an online experiment: a unit saw a variant, or an outcome arrived. */
export interface ExperimentEvent {
  /** Unique per event (a retry of the same write must not count twice). */
  id: string;
  experimentId: string;
  unitId: string;
  variant: string;
  kind: "exposure" | "outcome";
  /** For outcomes: the metric ("converted", "rating", "cost", "latency") and its value. */
  metric?: string;
  value?: number;
  /** For exposures: the probability the unit had of getting this variant (for off-policy estimates). */
  propensity?: number;
  /** Epoch ms. */
  at: number;
  attributes?: Record<string, unknown>;
}

/** A stored experiment: its configuration (validated by the experiments module) and lifecycle. */
export interface StoredExperiment {
  id: string;
  status: "draft" | "running" | "paused" | "completed" | "archived";
  /** The experiment's configuration as JSON. */
  config: Record<string, unknown>;
  winner?: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * Port: where online experiments keep their events and definitions. Version 1. Implemented by
 * the memory, JSONL-file and PostgreSQL stores; each runs the shared suite. Appends are
 * idempotent by event id, and no event may be lost under concurrent writers.
 */
export interface ExperimentStore {
  readonly portVersion: 1;
  readonly kind: string;
  append(events: readonly ExperimentEvent[]): Promise<void>;
  /** Every event of an experiment in append order (optionally only those after `since` epoch ms). */
  events(experimentId: string, options?: { since?: number }): Promise<ExperimentEvent[]>;
  saveExperiment(experiment: StoredExperiment): Promise<void>;
  getExperiment(id: string): Promise<StoredExperiment | undefined>;
  listExperiments(): Promise<StoredExperiment[]>;
  close(): Promise<void>;
}

/** One dimension of an optimizer's search space. */
export type ParamSpec =
  | { type: "categorical"; choices: readonly (string | number | boolean | null)[] }
  | { type: "float"; low: number; high: number; log?: boolean; step?: number }
  | { type: "int"; low: number; high: number; log?: boolean; step?: number };

/** The dimensions one trial chooses, by name. Asked per trial, so it may change between trials. */
export type SearchSpace = Readonly<Record<string, ParamSpec>>;

export type ParamValue = string | number | boolean | null;

/** A trial as a sampler hands it out: its number in the study and the values it chose. */
export interface AskedTrial {
  /** 0-based, unique within the study (with shared storage, across every worker). */
  number: number;
  params: Record<string, ParamValue>;
}

/** How a trial ended: one value per objective, or pruned (with its last reported value), or failed. */
export type TrialOutcome =
  | { state: "complete"; values: readonly number[] }
  | { state: "pruned"; value?: number }
  | { state: "fail"; reason?: string };

/** A finished trial, as kept by a sampler and as replayed into one when a run resumes. */
export interface FinishedTrial {
  number: number;
  params: Record<string, ParamValue>;
  outcome: TrialOutcome;
  /** Intermediate values reported for pruning, by step. */
  intermediate?: Readonly<Record<number, number>>;
}

/**
 * Port: proposes the next point of a search (an optimizer's trial). Version 1. Implemented by the
 * random and TPE samplers (`flowprompt/optimize`) and the Optuna bridge. Objectives are maximized
 * or minimized as `directions` says (one entry per objective, given when the sampler is made).
 */
export interface Sampler {
  readonly portVersion: 1;
  /** "random", "tpe", "optuna:tpe", … (for history and messages). */
  readonly kind: string;
  readonly directions: readonly ("maximize" | "minimize")[];
  /** A new trial with values for every dimension of `space`. */
  ask(space: SearchSpace): Promise<AskedTrial>;
  /** An intermediate value (minibatch score) at `step`; answers whether the trial should be pruned. */
  report(trial: number, step: number, value: number): Promise<{ prune: boolean }>;
  /** Ends a trial. */
  tell(trial: number, outcome: TrialOutcome): Promise<void>;
  /** Adds trials finished earlier (a resumed run's history) so the search continues from them. */
  seed(trials: readonly FinishedTrial[]): Promise<void>;
  /** Every finished trial the sampler knows (with shared storage, those of other workers too). */
  trials(): Promise<FinishedTrial[]>;
  close(): Promise<void>;
}
