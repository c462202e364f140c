/**
 * Assignment for online experiments: deterministic, GrowthBook-compatible bucketing of units into
 * variants, with targeting, coverage, namespaces, holdouts, sticky bucketing and propensities.
 */
export {
  type Assigner,
  type Assignment,
  type AssignmentReason,
  type AssignOptions,
  assign,
  prepareExperiment,
  type Unit,
} from "./assign.js";
export {
  type BucketWarning,
  chooseVariation,
  fnv1a32,
  getBucketRanges,
  getEqualWeights,
  hash,
  inNamespace,
  inRange,
  type Namespace,
  type VariationRange,
} from "./bucketing.js";
export {
  type AssignmentExperiment,
  type AssignmentVariant,
  type AttributeValue,
  type Holdout,
  type Targeting,
  type UnitAttributes,
  validateExperiment,
} from "./config.js";
export { MemoryStickyStore, type StickyAssignment, type StickyStore } from "./sticky.js";
