import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { ExperimentEvent, StoredExperiment } from "../../core/ports.js";

const KINDS = new Set(["exposure", "outcome"]);
const STATUSES = new Set(["draft", "running", "paused", "completed", "archived"]);

/** What is wrong with a value that should be an ExperimentEvent, or undefined when nothing is. */
export function eventProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "expected an object";
  const e = value as Record<string, unknown>;
  for (const field of ["id", "experimentId", "unitId", "variant"]) {
    if (typeof e[field] !== "string" || e[field] === "") return `"${field}" must be a non-empty string`;
  }
  if (!KINDS.has(e.kind as string)) return `"kind" must be "exposure" or "outcome"`;
  if (typeof e.at !== "number" || !Number.isFinite(e.at)) return `"at" must be a finite number (epoch ms)`;
  for (const field of ["value", "propensity"]) {
    const v = e[field];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) {
      return `"${field}" must be a finite number when present`;
    }
  }
  if (e.metric !== undefined && typeof e.metric !== "string") return `"metric" must be a string when present`;
  const attrs = e.attributes;
  if (attrs !== undefined && (typeof attrs !== "object" || attrs === null || Array.isArray(attrs))) {
    return `"attributes" must be an object when present`;
  }
  return undefined;
}

/** Throws InvalidArgumentError naming the first bad event (index and field). */
export function assertEvents(events: readonly ExperimentEvent[]): void {
  if (!Array.isArray(events)) throw new InvalidArgumentError("events", "append() takes an array of events");
  events.forEach((event, i) => {
    const problem = eventProblem(event);
    if (problem) {
      throw new InvalidArgumentError(
        `event [${i}]`,
        problem,
        "See ExperimentEvent in flowprompt's ports for the fields.",
      );
    }
  });
}

export function assertExperiment(experiment: StoredExperiment): void {
  const fail = (problem: string) => {
    throw new InvalidArgumentError("experiment", problem, "See StoredExperiment for the fields.");
  };
  if (typeof experiment !== "object" || experiment === null) fail("expected an object");
  if (typeof experiment.id !== "string" || experiment.id === "") fail(`"id" must be a non-empty string`);
  if (!STATUSES.has(experiment.status)) fail(`"status" must be one of ${[...STATUSES].join(", ")}`);
  if (typeof experiment.config !== "object" || experiment.config === null) fail(`"config" must be an object`);
  for (const field of ["createdAt", "updatedAt"] as const) {
    if (!Number.isFinite(experiment[field])) fail(`"${field}" must be a finite number (epoch ms)`);
  }
}

/** Groups events by experiment, keeping order; within one call a repeated id keeps its first event. */
export function byExperiment(events: readonly ExperimentEvent[]): Map<string, ExperimentEvent[]> {
  const groups = new Map<string, ExperimentEvent[]>();
  for (const event of events) {
    const group = groups.get(event.experimentId);
    if (group) group.push(event);
    else groups.set(event.experimentId, [event]);
  }
  return groups;
}

/** Keeps the first event of each id, in order, and only those after `since` (epoch ms, exclusive). */
export function firstOfEachId(events: Iterable<ExperimentEvent>, since?: number): ExperimentEvent[] {
  const seen = new Set<string>();
  const out: ExperimentEvent[] = [];
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if (since === undefined || event.at > since) out.push(event);
  }
  return out;
}

/** Orders experiments by id, by code unit (the same order as PostgreSQL's `COLLATE "C"` for common ids). */
export function byId(a: StoredExperiment, b: StoredExperiment): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
