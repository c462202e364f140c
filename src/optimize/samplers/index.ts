/**
 * Samplers for automatic prompt optimization: they propose each trial's parameters (the Sampler
 * port of `src/core/ports.ts`) and, with a pruner, stop unpromising trials early.
 */
export {
  type MedianPrunerOptions,
  medianPruner,
  noPruner,
  type PruneContext,
  type Pruner,
} from "./median-pruner.js";
export { type RandomSamplerOptions, randomSampler } from "./random.js";
export type { BaseSamplerOptions } from "./sampler-base.js";
export { type Direction, validateSpace } from "./space.js";
export { type TpeSamplerOptions, tpeSampler } from "./tpe/tpe-sampler.js";
