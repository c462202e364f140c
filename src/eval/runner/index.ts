export { type EvaluationEstimate, estimateEvaluation } from "./estimate.js";
export { describe as describeProgress, type ProgressOutput, progressReporter } from "./progress.js";
export { RecordWriter, readRecords } from "./records.js";
export { type EvaluationRun, runEvaluation } from "./runner.js";
export type { EvalRecord, RunEvaluationOptions, RunProgress, ScoreFn, VariantRunner } from "./types.js";
export { toRunners, type VariantLike } from "./variants.js";
