import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { normalCdf, normalQuantile } from "./normal.js";
import { finite, openUnit, positiveInteger } from "./validate.js";

export type Sides = "two-sided" | "one-sided";

interface PowerInputs {
  /** Type I error rate (default 0.05). */
  alpha?: number;
  /** Default 0.8. */
  power?: number;
  /** Default "two-sided". */
  alternative?: Sides;
}

export interface PairedProportionsPlan extends PowerInputs {
  /** ψ = p10 + p01, the expected share of inputs where the two variants disagree. */
  pDiscordant: number;
  /** δ = p01 − p10 = pB − pA, the difference in pass rates to detect (its sign does not matter). */
  difference: number;
}

export interface PairedMeansPlan extends PowerInputs {
  /** Standard deviation of the paired differences b − a. */
  sdDiff: number;
  /** The mean difference to detect (its sign does not matter). */
  difference: number;
}

export interface SampleSize {
  /** Inputs (pairs) needed, rounded up. */
  n: number;
  /** The formula's value before rounding. */
  exact: number;
  alpha: number;
  power: number;
  alternative: Sides;
  method: "connor-1987" | "normal-approximation";
}

export interface PairedProportionsSampleSize extends SampleSize {
  /** Expected discordant pairs among the n, n·ψ. */
  discordantPairs: number;
}

function common(options: PowerInputs) {
  const alpha = openUnit(options.alpha ?? 0.05, "alpha");
  const power = openUnit(options.power ?? 0.8, "power");
  const alternative = options.alternative ?? "two-sided";
  if (alternative !== "two-sided" && alternative !== "one-sided") {
    throw new InvalidArgumentError(
      "alternative",
      `expected "two-sided" or "one-sided", got ${String(alternative)}`,
    );
  }
  const zAlpha = normalQuantile(1 - (alternative === "two-sided" ? alpha / 2 : alpha));
  return { alpha, power, alternative, zAlpha, zBeta: normalQuantile(power) };
}

function roundUp(x: number): number {
  return Math.ceil(x - 1e-9 * Math.max(1, x));
}

function checkProportions(pDiscordant: number, difference: number): { psi: number; delta: number } {
  const psi = finite(pDiscordant, "pDiscordant", true);
  if (psi > 1) throw new InvalidArgumentError("pDiscordant", `expected a share in (0, 1], got ${psi}`);
  const delta = Math.abs(finite(difference, "difference"));
  if (delta === 0 || delta > psi) {
    throw new InvalidArgumentError(
      "difference",
      `expected 0 < |difference| ≤ pDiscordant (${psi}), got ${difference}`,
      "The pass-rate difference p01 − p10 can be at most p01 + p10, the discordant share.",
    );
  }
  return { psi, delta };
}

/**
 * Inputs needed to detect a difference δ in paired pass rates with McNemar's test, by R. J. Connor
 * (1987), "Sample size for testing differences in proportions for the paired-sample design",
 * Biometrics 43:207-211:
 *
 *   n = ⌈ (z_{1−α/2} √ψ + z_{1−β} √(ψ − δ²))² / δ² ⌉
 *
 * with ψ = p10 + p01 the discordant share (z_{1−α} when one-sided).
 */
export function sampleSizePairedProportions(plan: PairedProportionsPlan): PairedProportionsSampleSize {
  const { psi, delta } = checkProportions(plan.pDiscordant, plan.difference);
  const { alpha, power, alternative, zAlpha, zBeta } = common(plan);
  const root = zAlpha * Math.sqrt(psi) + zBeta * Math.sqrt(psi - delta * delta);
  const exact = (root * root) / (delta * delta);
  const n = roundUp(exact);
  return { n, exact, discordantPairs: n * psi, alpha, power, alternative, method: "connor-1987" };
}

/** Connor's power of McNemar's test with n pairs: Φ((δ√n − z_{1−α/2}√ψ) / √(ψ − δ²)). */
export function powerPairedProportions(plan: Omit<PairedProportionsPlan, "power"> & { n: number }): number {
  const { psi, delta } = checkProportions(plan.pDiscordant, plan.difference);
  const n = positiveInteger(plan.n, "n");
  const { zAlpha } = common({ ...plan, power: 0.5 });
  const spread = Math.sqrt(psi - delta * delta);
  if (spread === 0) return 1;
  return normalCdf((delta * Math.sqrt(n) - zAlpha * Math.sqrt(psi)) / spread);
}

/**
 * Inputs needed to detect a mean paired difference δ with standard deviation σ_d by the normal
 * approximation, n = ⌈((z_{1−α/2} + z_{1−β}) σ_d / δ)²⌉ (e.g. Chow, Shao & Wang 2008, "Sample Size
 * Calculations in Clinical Research", §3.1). It ignores the t correction, so for small n it is a
 * slight underestimate (about z²_{1−α/2}/2 ≈ 2 inputs at α = 0.05).
 */
export function sampleSizePairedMeans(plan: PairedMeansPlan): SampleSize {
  const sd = finite(plan.sdDiff, "sdDiff", true);
  const delta = Math.abs(finite(plan.difference, "difference"));
  if (delta === 0) throw new InvalidArgumentError("difference", "expected a non-zero difference to detect");
  const { alpha, power, alternative, zAlpha, zBeta } = common(plan);
  const exact = (((zAlpha + zBeta) * sd) / delta) ** 2;
  return { n: roundUp(exact), exact, alpha, power, alternative, method: "normal-approximation" };
}

/** Power of the paired test of means with n pairs by the same approximation: Φ(δ√n/σ_d − z). */
export function powerPairedMeans(plan: Omit<PairedMeansPlan, "power"> & { n: number }): number {
  const sd = finite(plan.sdDiff, "sdDiff", true);
  const delta = Math.abs(finite(plan.difference, "difference"));
  const n = positiveInteger(plan.n, "n");
  const { zAlpha } = common({ ...plan, power: 0.5 });
  return normalCdf((delta * Math.sqrt(n)) / sd - zAlpha);
}

export interface CallProjection {
  inputs: number;
  /** inputs × variants × runs. */
  calls: number;
  /** calls × costPerCall, when a cost per call was given. */
  cost?: number;
}

/** Model calls (and cost) a comparison of `variants` prompts on n inputs with `runs` repeats needs. */
export function projectCalls(
  n: number,
  options: { variants?: number; runs?: number; costPerCall?: number } = {},
): CallProjection {
  const inputs = positiveInteger(n, "n");
  const calls =
    inputs * positiveInteger(options.variants ?? 2, "variants") * positiveInteger(options.runs ?? 1, "runs");
  const out: CallProjection = { inputs, calls };
  if (options.costPerCall !== undefined) out.cost = calls * finite(options.costPerCall, "costPerCall");
  return out;
}
