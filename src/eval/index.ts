/** Evaluation: datasets (load, stream, split) and scorers. The runner and `compare()` build on these. */
export type { DatasetRow, Scorer, ScoreValue } from "../core/ports.js";
export { analyzeRecords } from "./analysis/analyze.js";
export type { AnalyzeOptions, CompareAnalysis, Comparison, VariantSummary } from "./analysis/types.js";
export { type CompareOptions, type CompareResult, compare, estimateCompare } from "./compare.js";
export * from "./datasets/index.js";
export * from "./errors/index.js";
export { ComparisonAssertionError, expectNoErrors, expectSignificant, expectWinner } from "./expect.js";
export {
  type ComparePlan,
  type ComparePower,
  type PlanCompareOptions,
  type PlanPowerOptions,
  planCompare,
  planPower,
} from "./plan.js";
export * from "./runner/index.js";
export * from "./scorers/index.js";
