import type { ParamSpec, ParamValue, Sampler, SearchSpace } from "../../core/ports.js";
import { Xoshiro128 } from "../../stats/rng.js";
import { type BaseSamplerOptions, createSampler, resolveBaseOptions } from "./sampler-base.js";
import { type NumericSpec, onGrid, stepOf } from "./space.js";

/** Options of {@link randomSampler}. */
export type RandomSamplerOptions = BaseSamplerOptions;

/** A uniform draw of a numeric dimension: log-uniform for log ranges, uniform over a step grid. */
function sampleNumeric(spec: NumericSpec, rng: Xoshiro128): number {
  const step = stepOf(spec);
  if (spec.log) {
    // Optuna's convention: a discrete log range widens by half a step, draws, then rounds.
    const half = (step ?? 0) / 2;
    const lo = Math.log(spec.low - half);
    const hi = Math.log(spec.high + half);
    const x = Math.exp(lo + rng.nextFloat() * (hi - lo));
    return step === undefined
      ? Math.min(spec.high, Math.max(spec.low, x))
      : onGrid(spec, Math.round((x - spec.low) / step));
  }
  if (step === undefined) return spec.low + rng.nextFloat() * (spec.high - spec.low);
  const count = Math.round((spec.high - spec.low) / step) + 1;
  return onGrid(spec, rng.nextBelow(count));
}

/** A uniform draw of one dimension. */
export function sampleUniform(spec: ParamSpec, rng: Xoshiro128): ParamValue {
  if (spec.type === "categorical") return spec.choices[rng.nextBelow(spec.choices.length)]!;
  return sampleNumeric(spec, rng);
}

/** Uniform draws for every dimension of `space`, in its key order. */
export function sampleSpace(space: SearchSpace, rng: Xoshiro128): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(space)) params[name] = sampleUniform(spec, rng);
  return params;
}

/**
 * Samples every dimension independently and uniformly (log-uniformly for `log` ranges, uniformly
 * over the grid for a `step`, both ends of an int included), ignoring history. Seeded: the same seed
 * gives the same asks. The baseline every other sampler should beat.
 */
export function randomSampler(options: RandomSamplerOptions = {}): Sampler {
  const resolved = resolveBaseOptions(options, "randomSampler");
  const rng = new Xoshiro128(resolved.seed);
  return createSampler("random", resolved, (space) => sampleSpace(space, rng));
}
