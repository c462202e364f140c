/** Experiment configuration: schema, validation with path-named errors, files, lifecycle. */
export {
  defineExperimentConfig,
  formatPath,
  knownMetrics,
  type Locate,
  toAssignmentExperiment,
} from "./define.js";
export { ExperimentStatusError } from "./experiment-status-error.js";
export { assertTransition, canTransition, TRANSITIONS } from "./lifecycle.js";
export { loadExperimentConfig, parseExperimentConfig } from "./load.js";
export { type LoadedExperimentConfig, loadVariantPrompts } from "./prompts.js";
export {
  ALLOCATIONS,
  type Allocation,
  BUILT_IN_METRICS,
  EXPERIMENT_STATUSES,
  type ExperimentConfig,
  type ExperimentStatus,
  experimentConfigSchema,
  METRIC_KINDS,
  type MetricConfig,
  type MetricKind,
  type ResolvedExperimentConfig,
  type VariantConfig,
} from "./schema.js";
export { toStoredConfig } from "./serialize.js";
