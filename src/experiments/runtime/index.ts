/** The runtime of online experiments: lifecycle, assignment, runs, outcomes and raw results. */
export { BanditAllocator, type ReplaySummary, type RewardStatus, type UnitDecision } from "./allocation.js";
export type { AllocationBucket, AllocationResults, BanditAttributes } from "./allocation-summary.js";
export type { BanditAllocationOptions } from "./bandit-policy.js";
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
