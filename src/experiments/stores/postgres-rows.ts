import type { ExperimentEvent, StoredExperiment } from "../../core/ports.js";

/** Rows as `pg` returns them, and their conversion to the port's types (NULL becomes absent). */
export interface EventRow {
  experiment_id: string;
  event_id: string;
  unit_id: string;
  variant: string;
  kind: "exposure" | "outcome";
  metric: string | null;
  value: number | null;
  propensity: number | null;
  at: number;
  attributes: Record<string, unknown> | null;
}

export interface ExperimentRow {
  id: string;
  status: StoredExperiment["status"];
  config: Record<string, unknown>;
  winner: string | null;
  created_at: number;
  updated_at: number;
}

export function toEvent(row: EventRow): ExperimentEvent {
  const event: ExperimentEvent = {
    id: row.event_id,
    experimentId: row.experiment_id,
    unitId: row.unit_id,
    variant: row.variant,
    kind: row.kind,
    at: row.at,
  };
  if (row.metric !== null) event.metric = row.metric;
  if (row.value !== null) event.value = row.value;
  if (row.propensity !== null) event.propensity = row.propensity;
  if (row.attributes !== null) event.attributes = row.attributes;
  return event;
}

export function toExperiment(row: ExperimentRow): StoredExperiment {
  const experiment: StoredExperiment = {
    id: row.id,
    status: row.status,
    config: row.config,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.winner !== null) experiment.winner = row.winner;
  return experiment;
}

export function errorText(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; errors?: unknown };
  const message = typeof e?.message === "string" && e.message !== "" ? e.message : "";
  const code = typeof e?.code === "string" ? e.code : "";
  return [code, message].filter(Boolean).join(": ") || String(error);
}
