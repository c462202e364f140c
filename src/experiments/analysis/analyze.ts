/**
 * `analyzeExperiment`: live statistics of an online experiment from its raw events — per-variant
 * summaries, challenger-vs-control comparisons (always-valid by default), Holm across challengers,
 * Bayesian probabilities, the sample-ratio check, optional CUPED and a plain-words recommendation.
 */
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { ExperimentEvent } from "../../core/ports.js";
import { holm } from "../../stats/holm.js";
import { normalQuantile } from "../../stats/normal.js";
import { wilsonInterval } from "../../stats/paired-proportion-ci.js";
import { Xoshiro128 } from "../../stats/rng.js";
import { Sampler } from "../bandits/sampling.js";
import { cuped } from "./cuped.js";
import { mixtureTest } from "./msprt.js";
import { recommend } from "./recommend.js";
import { sampleRatioMismatch } from "./srm.js";
import { betaBinomial, normalPosterior, twoProportionZ, welchT } from "./tests.js";
import type { AnalysisOptions, Comparison, ExperimentAnalysis, MetricResult, MetricSpec } from "./types.js";
import { type Moments, moments, tabulateUnits, type UnitTable, unitValues } from "./units.js";

export function analyzeExperiment(
  events: readonly ExperimentEvent[],
  options: AnalysisOptions,
): ExperimentAnalysis {
  const variants = Object.keys(options.weights ?? {});
  validate(options, variants);
  const method = options.method ?? "sequential";
  const alpha = options.alpha ?? 0.05;
  const minSamples = options.minSamples ?? 100;
  const table = tabulateUnits(events, variants);
  const order = [options.control, ...variants.filter((v) => v !== options.control)];
  const sampler = new Sampler(new Xoshiro128(options.seed ?? 0));
  const metrics = options.metrics.map((spec) =>
    analyzeMetric(table, spec, order, { ...options, method, alpha }, sampler),
  );
  const observed: Record<string, number> = {};
  for (const v of variants) observed[v] = table.units.get(v)?.length ?? 0;
  const srm = sampleRatioMismatch(observed, options.weights);
  const warnings: string[] = [];
  if (srm.flagged) {
    warnings.push(
      `Sample ratio mismatch: chi-square ${srm.chiSquare.toFixed(2)}, p = ${srm.pValue.toExponential(2)}.`,
    );
  }
  if (table.unexposed.events > 0) {
    warnings.push(
      `${table.unexposed.events} outcome event(s) from ${table.unexposed.units} unit(s) never exposed: kept, not analysed.`,
    );
  }
  if (table.crossoverUnits > 0) {
    warnings.push(
      `${table.crossoverUnits} unit(s) exposed to more than one variant: analysed in their first variant.`,
    );
  }
  if (table.unknownVariants.length > 0) {
    warnings.push(
      `Exposures to variants missing from weights, not analysed: ${table.unknownVariants.join(", ")}.`,
    );
  }
  const { recommendation, winner } = recommend({
    srmFlagged: srm.flagged,
    control: options.control,
    method,
    metrics,
    minSamples,
    maxSamples: options.maxSamples,
  });
  return {
    method,
    alpha,
    control: options.control,
    metrics,
    srm,
    unexposedOutcomes: table.unexposed,
    crossoverUnits: table.crossoverUnits,
    warnings,
    recommendation,
    winner,
  };
}

function validate(options: AnalysisOptions, variants: readonly string[]): void {
  if (variants.length < 2) throw new InvalidArgumentError("weights", "expected at least two variants");
  if (!variants.includes(options.control)) {
    throw new InvalidArgumentError("control", `"${options.control}" is not one of the weights' variants`);
  }
  if (!Array.isArray(options.metrics) || options.metrics.length === 0) {
    throw new InvalidArgumentError("metrics", "expected at least one metric");
  }
  options.metrics.forEach((m, i) => {
    if (m.kind !== "binary" && m.kind !== "continuous") {
      throw new InvalidArgumentError(
        `metrics[${i}].kind`,
        `expected "binary" or "continuous", got ${String(m.kind)}`,
      );
    }
  });
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1))
    throw new InvalidArgumentError("alpha", `expected a number in (0, 1), got ${alpha}`);
  const method = options.method ?? "sequential";
  if (!["sequential", "fixed", "bayesian"].includes(method)) {
    throw new InvalidArgumentError(
      "method",
      `expected "sequential", "fixed" or "bayesian", got ${String(method)}`,
    );
  }
}

type Resolved = AnalysisOptions & Required<Pick<AnalysisOptions, "method" | "alpha">>;

function analyzeMetric(
  table: UnitTable,
  spec: MetricSpec,
  order: readonly string[],
  options: Resolved,
  sampler: Sampler,
): MetricResult {
  const binary = spec.kind === "binary";
  const direction = spec.direction ?? "increase";
  const sign: 1 | -1 = direction === "decrease" ? -1 : 1;
  let groups = order.map((v) => unitValues(table, v, spec.name, binary));
  let cupedFit: MetricResult["cuped"];
  if (options.covariate && !binary) {
    const xs = covariates(table, order, options.covariate.metric);
    const fit = cuped(groups, xs);
    groups = fit.adjusted;
    cupedFit = { theta: fit.theta, varianceReduction: fit.varianceReduction };
  }
  const stats = groups.map(moments);
  const z = normalQuantile(1 - options.alpha / 2);
  const variants = order.map((variant, g) => {
    const m = stats[g]!;
    const interval = binary
      ? wilsonInterval(Math.round(m.mean * m.n), Math.max(1, m.n), 1 - options.alpha)
      : {
          lower: m.mean - z * Math.sqrt(m.variance / Math.max(1, m.n)),
          upper: m.mean + z * Math.sqrt(m.variance / Math.max(1, m.n)),
        };
    return {
      variant,
      units: m.n,
      mean: m.mean,
      variance: m.variance,
      interval: { lower: interval.lower, upper: interval.upper },
    };
  });
  const control = stats[0]!;
  const raw = order
    .slice(1)
    .map((variant, k) => compare(variant, control, stats[k + 1]!, binary, sign, options, sampler));
  const adjusted = raw.length > 0 ? holm(raw.map((c) => c.pValue)) : [];
  const comparisons = raw.map((c, k) => {
    const adjustedPValue = adjusted[k]!;
    const significant =
      options.method === "bayesian"
        ? c.probabilityToBeatControl >= 1 - options.alpha || c.probabilityToBeatControl <= options.alpha
        : adjustedPValue <= options.alpha;
    const better = options.method === "bayesian" ? c.probabilityToBeatControl > 0.5 : sign * c.diff > 0;
    const verdict: -1 | 0 | 1 = significant ? (better ? 1 : -1) : 0;
    return { ...c, adjustedPValue, significant, verdict };
  });
  const out: MetricResult = {
    metric: spec.name,
    kind: spec.kind,
    direction,
    guardrail: spec.guardrail === true,
    variants,
    comparisons,
  };
  if (cupedFit) out.cuped = cupedFit;
  return out;
}

type RawComparison = Omit<Comparison, "adjustedPValue" | "significant" | "verdict">;

function compare(
  variant: string,
  a: Moments,
  b: Moments,
  binary: boolean,
  sign: 1 | -1,
  options: Resolved,
  sampler: Sampler,
): RawComparison {
  let diff: number;
  let lower: number;
  let upper: number;
  let pValue: number;
  if (options.method === "sequential") {
    const tuneAt = options.maxSamples ?? Math.max(a.n, b.n, options.minSamples ?? 100);
    ({ diff, lower, upper, pValue } = mixtureTest(a, b, { alpha: options.alpha, tuneAt }));
  } else {
    ({ diff, lower, upper, pValue } = binary
      ? twoProportionZ(a, b, options.alpha)
      : welchT(a, b, options.alpha));
  }
  const bayes = binary
    ? betaBinomial(a, b, sign, sampler, options.draws ?? 20_000)
    : normalPosterior(a, b, sign);
  const base = Math.abs(a.mean);
  return {
    variant,
    diff,
    relativeLift: base > 0 ? diff / a.mean : null,
    interval: { lower, upper },
    relativeInterval: base > 0 ? { lower: lower / base, upper: upper / base } : null,
    pValue,
    probabilityToBeatControl: bayes.probabilityToBeat,
    expectedLoss: bayes.expectedLoss,
  };
}

/** Covariate per unit in the same order as `unitValues`; units without one get the mean of those with one. */
function covariates(table: UnitTable, order: readonly string[], metric: string): Float64Array[] {
  const perUnit = table.values.get(metric);
  let sum = 0;
  let count = 0;
  for (const v of order) {
    for (const id of table.units.get(v) ?? []) {
      const x = perUnit?.get(id);
      if (x !== undefined) {
        sum += x;
        count++;
      }
    }
  }
  const fill = count > 0 ? sum / count : 0;
  return order.map((v) => Float64Array.from(table.units.get(v) ?? [], (id) => perUnit?.get(id) ?? fill));
}
