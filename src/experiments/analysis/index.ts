/** Live analysis of online experiments. Guide: docs/experiments-analysis.md. */
export { analyzeExperiment } from "./analyze.js";
export { type CupedFit, cuped } from "./cuped.js";
export { chiSquareSf, regularizedBeta, studentTQuantile, studentTSf } from "./distributions.js";
export { type MixtureOptions, type MixtureResult, mixingRatio, mixtureTest } from "./msprt.js";
export { type RecommendInput, recommend } from "./recommend.js";
export { SRM_THRESHOLD, sampleRatioMismatch } from "./srm.js";
export {
  type BayesResult,
  betaBinomial,
  type FixedResult,
  normalPosterior,
  twoProportionZ,
  welchT,
} from "./tests.js";
export type * from "./types.js";
export { type Moments, moments, tabulateUnits, type UnitTable, unitValues } from "./units.js";
