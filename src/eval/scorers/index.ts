export { all, any, mean, weighted } from "./composite.js";
export { type CustomOptions, custom, type ScoreFunction } from "./custom.js";
export { type JudgeOptions, judge } from "./judge.js";
export { type NumericOptions, numbersIn, numeric, parseNumber } from "./numeric.js";
export { type MetricLike, SCORER_NAMES, scorerByName, toScorer } from "./registry.js";
export { normalizeScore, scoreOne } from "./score-one.js";
export {
  jaroSimilarity,
  jaroWinklerSimilarity,
  levenshteinSimilarity,
  SIMILARITY_METHODS,
  type SimilarityMethod,
  type SimilarityOptions,
  similarity,
  tokenF1,
} from "./similarity.js";
export { type StructuredMatchOptions, structuredMatch } from "./structured.js";
export { type TextOptions, toText } from "./text.js";
export { type ContainsOptions, contains, exact, type RegexOptions, regex } from "./text-scorers.js";
export type { BuiltinScorer, ScoreError, ScoreResult } from "./types.js";
