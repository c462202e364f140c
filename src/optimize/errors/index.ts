export { BudgetTooSmallError } from "./budget-too-small-error.js";
export { DatasetTooSmallError } from "./dataset-too-small-error.js";
export { EmbedderError, type EmbedderProblem } from "./embedder-error.js";
export { MetricError } from "./metric-error.js";
export { OptunaBridgeError, type OptunaBridgeFailure } from "./optuna-bridge-error.js";
export { OptunaNotInstalledError } from "./optuna-not-installed-error.js";
export { OptunaStorageError } from "./optuna-storage-error.js";
export { ResumeMismatchError } from "./resume-mismatch-error.js";
