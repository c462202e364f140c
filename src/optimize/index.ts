/**
 * `flowprompt/optimize`: automatic prompt optimization. `optimize()` improves a prompt on your
 * metric (few-shot selection, bootstrapped demos, instruction search, MIPRO-style joint search,
 * GEPA-style reflective evolution) with native TPE, random or Optuna samplers, on a budget, and
 * saves the result as a prompt file with provenance.
 *
 * ```ts
 * import { optimize } from "flowprompt/optimize";
 * const result = await optimize(prompt, { trainset: "data.jsonl", metric: "exact", optimizer: "mipro" });
 * await result.save("prompts/classify.optimized.prompt");
 * ```
 */
import "../index.js"; // registers the built-in providers, prices and the mock/sim models

export * from "./demos/index.js";
export { DEMOS_VAR, type DynamicDemos, dynamicDemosMiddleware } from "./dynamic-demos.js";
export * from "./errors/index.js";
export { dataSummary, PROPOSAL_TIPS } from "./instructions/propose.js";
export { estimateOptimize, OPTIMIZERS, type OptimizeEstimate, optimize, optimizerOf } from "./optimize.js";
export { paretoFront } from "./optimizers/gepa.js";
export {
  type DataLike,
  OPTIMIZER_NAMES,
  type OptimizeOptions,
  type OptimizeProgress,
  type OptimizerName,
  type SamplerName,
} from "./options.js";
export {
  applyProgram,
  baseProgram,
  type Demo,
  demoFromRow,
  escapeTemplate,
  type Program,
  type PromptParts,
  programKey,
  promptParts,
} from "./program.js";
export type { OptimizeResult } from "./result.js";
export type { Budget, StopReason } from "./run/budget.js";
export type { FeedbackFn, ProgramScore, RowResult } from "./run/evaluator.js";
export * from "./samplers/index.js";
export * from "./samplers/optuna/index.js";
export { loadOptimizedPrompt, type Provenance, promptFileText } from "./save.js";
export type { Candidate, Optimizer, OptimizerContext, OptimizerSettings, TrialRecord } from "./types.js";
