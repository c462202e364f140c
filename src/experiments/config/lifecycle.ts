import { ExperimentStatusError } from "./experiment-status-error.js";
import type { ExperimentStatus } from "./schema.js";

/** The legal moves: draft → running ↔ paused; running or paused → completed → archived. */
export const TRANSITIONS: Readonly<Record<ExperimentStatus, readonly ExperimentStatus[]>> = {
  draft: ["running"],
  running: ["paused", "completed"],
  paused: ["running", "completed"],
  completed: ["archived"],
  archived: [],
};

export function canTransition(from: ExperimentStatus, to: ExperimentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws `ExperimentStatusError` (naming from and to) unless `from → to` is a legal move. */
export function assertTransition(experimentId: string, from: ExperimentStatus, to: ExperimentStatus): void {
  if (!canTransition(from, to)) throw new ExperimentStatusError(experimentId, from, to, TRANSITIONS[from]);
}
