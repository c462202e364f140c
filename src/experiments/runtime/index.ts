/** The runtime of online experiments: lifecycle, assignment, runs, outcomes and raw results. */
export { createExperiment } from "./create.js";
export { type ExperimentResults, type OutcomeSummary, summarizeEvents } from "./results.js";
export type {
  CreateExperimentOptions,
  Experiment,
  ExperimentAssignment,
  ExperimentRun,
  RecordedOutcome,
  RecordOptions,
} from "./types.js";
