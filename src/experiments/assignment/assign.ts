import { InvalidArgumentError } from "../../core/errors/index.js";
import { chooseVariation, getBucketRanges, hash, inNamespace, type VariationRange } from "./bucketing.js";
import { type AssignmentExperiment, type UnitAttributes, validateExperiment } from "./config.js";
import type { StickyStore } from "./sticky.js";

/** The unit being assigned: a user, a session, a tenant… `id` is what is hashed. */
export interface Unit {
  id: string;
  attributes?: UnitAttributes;
}

export type AssignmentReason =
  | "assigned"
  | "not-targeted"
  | "not-covered"
  | "namespace"
  | "holdout"
  | "sticky";

export interface Assignment {
  /** The variant name, or null when the unit is not in the experiment. */
  variant: string | null;
  inExperiment: boolean;
  reason: AssignmentReason;
  /** The unit's hash in [0, 1) for this experiment (seed, hash version): what picks the variant. */
  bucket: number;
  /**
   * The probability this unit had of receiving `variant`, given it passed targeting:
   * `(1 − holdout.share) × (namespace end − start) × coverage × weight`. For a sticky assignment, the
   * propensity recorded when the unit was first assigned. 0 when `variant` is null.
   */
  propensity: number;
}

export interface AssignOptions {
  /** Keeps each unit's first variant across weight, coverage and namespace changes. */
  sticky?: StickyStore;
}

/** An experiment validated once and ready to assign units quickly. */
export interface Assigner {
  readonly experiment: AssignmentExperiment;
  assign(unit: Unit, options?: AssignOptions): Assignment;
}

/**
 * Validates `experiment` (throwing `InvalidArgumentError` with the offending path) and precomputes
 * its bucket ranges. Treat the experiment as immutable afterwards: prepare again after a change.
 */
export function prepareExperiment(experiment: AssignmentExperiment): Assigner {
  validateExperiment(experiment);
  const { id, variants, holdout, namespace, targeting } = experiment;
  const seed = experiment.seed ?? id;
  const version = experiment.hashVersion ?? 2;
  const coverage = experiment.coverage ?? 1;
  const names = variants.map((v) => v.name);
  const ranges: VariationRange[] = getBucketRanges(
    variants.length,
    coverage,
    variants.map((v) => v.weight),
  );
  const reach = (holdout ? 1 - holdout.share : 1) * (namespace ? namespace[2] - namespace[1] : 1) * coverage;
  const propensities = variants.map((v) => reach * v.weight);
  const known = new Set(names);
  const passes = compileTargeting(targeting);

  const out = (variant: string | null, reason: AssignmentReason, bucket: number, p: number): Assignment => ({
    variant,
    inExperiment: variant !== null,
    reason,
    bucket,
    propensity: p,
  });

  return {
    experiment,
    assign(unit: Unit, options?: AssignOptions): Assignment {
      if (unit === null || typeof unit !== "object" || typeof unit.id !== "string" || unit.id === "") {
        throw new InvalidArgumentError(
          "unit.id",
          `must be a non-empty string, got ${JSON.stringify(unit?.id)}`,
        );
      }
      const bucket = hash(seed, unit.id, version) as number;
      if (passes && !passes(unit.attributes ?? {})) return out(null, "not-targeted", bucket, 0);
      if (holdout && (hash(holdout.seed, unit.id, 2) as number) < holdout.share) {
        return out(null, "holdout", bucket, 0);
      }
      const sticky = options?.sticky;
      if (sticky) {
        const kept = sticky.get(unit.id, id);
        if (kept && known.has(kept.variant)) return out(kept.variant, "sticky", bucket, kept.propensity);
      }
      if (namespace && !inNamespace(unit.id, namespace)) return out(null, "namespace", bucket, 0);
      const index = chooseVariation(bucket, ranges);
      if (index < 0) return out(null, "not-covered", bucket, 0);
      const variant = names[index]!;
      const propensity = propensities[index]!;
      sticky?.set(unit.id, id, { variant, propensity });
      return out(variant, "assigned", bucket, propensity);
    },
  };
}

/**
 * Assigns `unit` a variant of `experiment`, deterministically: the same unit and configuration always
 * get the same answer, on any machine, and the same bucket as GrowthBook's SDKs. Checks, in order:
 * targeting, holdout, the sticky store, namespace, coverage; then the weights pick the variant.
 * Validates the experiment on every call; use `prepareExperiment` to validate once for hot paths.
 */
export function assign(experiment: AssignmentExperiment, unit: Unit, options?: AssignOptions): Assignment {
  return prepareExperiment(experiment).assign(unit, options);
}

function compileTargeting(
  targeting: AssignmentExperiment["targeting"],
): ((attributes: UnitAttributes) => boolean) | undefined {
  if (targeting === undefined) return undefined;
  if (typeof targeting === "function") return (attributes) => targeting(attributes) === true;
  const entries = Object.entries(targeting);
  return (attributes) => entries.every(([k, v]) => Object.hasOwn(attributes, k) && attributes[k] === v);
}
