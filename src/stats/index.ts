/**
 * `flowprompt/stats`: the statistics behind `compare`, for users who bring their own numbers.
 * Every function is deterministic for a seed and checked against SciPy/statsmodels reference values
 * (see `fixtures/generate.py`) and by simulation. Guide: docs/statistics.md.
 */
export { acceleration, adjustedLevel, bcaAchievedLevel, bcaParameters, quantileSorted } from "./bca.js";
export { binomialCdf, binomialPmf, binomialSf, logGamma } from "./binomial.js";
export {
  type BootstrapDistribution,
  type BootstrapOptions,
  type BootstrapResult,
  bootstrapCI,
  bootstrapDistribution,
  intervalFromDistribution,
  type Statistic,
} from "./bootstrap.js";
export { holm } from "./holm.js";
export { type McNemarOptions, type McNemarResult, mcnemarTest, minimumDiscordantPairs } from "./mcnemar.js";
export {
  type NonInferiorityOptions,
  type NonInferiorityResult,
  nonInferiorityTest,
} from "./non-inferiority.js";
export { normalCdf, normalQuantile, normalSf } from "./normal.js";
export {
  type PairedProportionDiffCI,
  type ProportionInterval,
  pairedProportionDiffCI,
  wilsonInterval,
} from "./paired-proportion-ci.js";
export {
  MAX_ENUMERATION_PAIRS,
  type PairedPermutationOptions,
  type PairedPermutationResult,
  pairedPermutationTest,
} from "./permutation.js";
export { DEFAULT_SEED, Xoshiro128 } from "./rng.js";
export {
  type CallProjection,
  type PairedMeansPlan,
  type PairedProportionsPlan,
  type PairedProportionsSampleSize,
  powerPairedMeans,
  powerPairedProportions,
  projectCalls,
  type SampleSize,
  type Sides,
  sampleSizePairedMeans,
  sampleSizePairedProportions,
} from "./sample-size.js";
export {
  createSequentialTest,
  type SequentialOptions,
  type SequentialState,
  type SequentialTest,
} from "./sequential.js";
export type { Alternative } from "./validate.js";
