/** Options and results of `analyzeExperiment`. Guide: docs/experiments-analysis.md. */

export type AnalysisMethod = "sequential" | "fixed" | "bayesian";

export interface MetricSpec {
  /** The outcome metric name as recorded (`experiment.record(unit, name, value)`). */
  name: string;
  /** binary: a unit converted if any of its outcome events is non-zero; continuous: the sum per unit. */
  kind: "binary" | "continuous";
  /** Which way is better (default "increase"). */
  direction?: "increase" | "decrease";
  /** A guardrail must not get significantly worse; the first non-guardrail metric is the primary one. */
  guardrail?: boolean;
}

export interface AnalysisOptions {
  /** The control variant's name. */
  control: string;
  metrics: readonly MetricSpec[];
  /** Expected allocation per variant (any positive scale), for the sample-ratio-mismatch check. */
  weights: Readonly<Record<string, number>>;
  /** "sequential" (default, always-valid), "fixed" (z / Welch t at a planned horizon) or "bayesian". */
  method?: AnalysisMethod;
  /** Error rate (default 0.05). */
  alpha?: number;
  /** CUPED: a pre-experiment value per unit, recorded as outcome events of this metric. */
  covariate?: { metric: string };
  /** Units per variant before any stop is recommended (default 100). */
  minSamples?: number;
  /** Units per variant at which the experiment ends regardless (the horizon for "fixed"). */
  maxSamples?: number;
  /** Seed of the Monte Carlo draws of the Bayesian binary comparison (default 0). */
  seed?: number;
  /** Monte Carlo draws for the Bayesian binary comparison (default 20,000). */
  draws?: number;
}

export interface Interval {
  lower: number;
  upper: number;
}

export interface VariantSummary {
  variant: string;
  /** Exposed units. */
  units: number;
  mean: number;
  /** Sample variance of the per-unit values (CUPED-adjusted when a covariate is used). */
  variance: number;
  /** 1 − alpha interval for the mean (Wilson for binary, normal for continuous). */
  interval: Interval;
}

export interface Comparison {
  variant: string;
  /** variant mean − control mean. */
  diff: number;
  /** diff / control mean (null when the control mean is 0). */
  relativeLift: number | null;
  /** For diff: the confidence sequence ("sequential") or the fixed-horizon interval. */
  interval: Interval;
  /** interval / |control mean| (control mean treated as known). */
  relativeInterval: Interval | null;
  /** Always-valid ("sequential") or fixed-horizon p-value (also reported for "bayesian"). */
  pValue: number;
  /** Holm-adjusted across the challengers of this metric. */
  adjustedPValue: number;
  /** Significant in either direction (Holm for frequentist, posterior for "bayesian"). */
  significant: boolean;
  /** 1: the variant is better than control (by the metric's direction), −1: worse, 0: undecided. */
  verdict: -1 | 0 | 1;
  /** Posterior probability the variant beats control, and the expected loss of choosing it. */
  probabilityToBeatControl: number;
  expectedLoss: number;
}

export interface MetricResult {
  metric: string;
  kind: "binary" | "continuous";
  direction: "increase" | "decrease";
  guardrail: boolean;
  variants: VariantSummary[];
  comparisons: Comparison[];
  /** CUPED: theta = cov(Y, X) / var(X) and 1 − var(adjusted) / var(raw), pooled over variants. */
  cuped?: { theta: number; varianceReduction: number };
}

export interface SrmResult {
  observed: Record<string, number>;
  expected: Record<string, number>;
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  /** p < 0.001. */
  flagged: boolean;
}

export interface UnexposedOutcomes {
  /** Outcome events of units with no exposure: kept, counted, not analysed. */
  events: number;
  units: number;
  byMetric: Record<string, number>;
}

export interface ExperimentAnalysis {
  method: AnalysisMethod;
  alpha: number;
  control: string;
  metrics: MetricResult[];
  srm: SrmResult;
  unexposedOutcomes: UnexposedOutcomes;
  /** Units exposed to more than one variant (analysed in their first variant). */
  crossoverUnits: number;
  warnings: string[];
  /** Plain words: "keep running (about N more units per variant)", "stop: X wins", … */
  recommendation: string;
  /** The winning variant when the recommendation is "stop: X wins". */
  winner: string | null;
}
