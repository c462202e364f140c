/** What an experiment report shows, and the number formats its renderers share. */
import type { StoredExperiment } from "../../core/ports.js";
import type {
  Comparison,
  ExperimentAnalysis,
  Interval,
  MetricResult,
} from "../../experiments/analysis/types.js";

/** One variant as configured, with its exposure counts. */
export interface ExperimentVariantInfo {
  name: string;
  weight: number;
  control: boolean;
  /** Exposure events (one per unit with `exposures: "first"`). */
  exposures: number;
  /** Distinct exposed units. */
  units: number;
}

/** An experiment as stored, its variants and the analysis of its events. */
export interface ExperimentReportSource {
  experiment: StoredExperiment;
  variants: ExperimentVariantInfo[];
  analysis: ExperimentAnalysis;
  /** Events read from the store. */
  events: number;
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A number in a short, readable form: 4 significant digits, no exponent for everyday sizes. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-4) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

const signed = (text: string, x: number) => (x > 0 && !/^0(\.0+)?%?$/.test(text) ? `+${text}` : text);

/** A metric's value: a rate as a percentage for binary metrics, a plain number otherwise. */
export const value = (m: MetricResult, x: number): string =>
  m.kind === "binary" ? `${(x * 100).toFixed(1)}%` : num(x);

/** A difference: percentage points for binary metrics, a signed number otherwise. */
export const diff = (m: MetricResult, x: number): string =>
  !Number.isFinite(x)
    ? "–"
    : m.kind === "binary"
      ? `${signed((x * 100).toFixed(1), x)} pp`
      : signed(num(x), x);

export const range = (m: MetricResult, i: Interval, f: (m: MetricResult, x: number) => string = value) =>
  `[${f(m, i.lower)}, ${f(m, i.upper)}]`;

export const lift = (x: number | null): string =>
  x === null || !Number.isFinite(x) ? "–" : signed(`${(x * 100).toFixed(1)}%`, x);

export const pValue = (p: number): string =>
  !Number.isFinite(p) ? "–" : p < 0.0001 ? "<0.0001" : p.toFixed(4);

export const prob = (p: number): string => (Number.isFinite(p) ? `${(p * 100).toFixed(1)}%` : "–");

/** The p-value column's name for a method: always-valid for the sequential default. */
export const pLabel = (a: ExperimentAnalysis): string => (a.method === "sequential" ? "always-valid p" : "p");

export const METHOD_LABELS: Record<ExperimentAnalysis["method"], string> = {
  sequential: "always-valid sequential (mSPRT)",
  fixed: "fixed-horizon (z / Welch t)",
  bayesian: "Bayesian",
};

export const level = (a: ExperimentAnalysis): string => `${Math.round((1 - a.alpha) * 1000) / 10}%`;

/** "better", "worse" or "undecided" by the metric's direction. */
export const verdictWord = (c: Comparison): string =>
  c.verdict === 1 ? "better" : c.verdict === -1 ? "worse" : c.significant ? "differs" : "undecided";

export const metricTitle = (m: MetricResult): string =>
  `${m.metric} (${m.kind}, ${m.direction === "increase" ? "higher" : "lower"} is better${m.guardrail ? ", guardrail" : ", primary"})`;

/** The SRM banner's sentence, when the check is flagged. */
export function srmBanner(a: ExperimentAnalysis): string | undefined {
  if (!a.srm.flagged) return undefined;
  const observed = Object.entries(a.srm.observed)
    .map(([v, n]) => `${v} ${n}`)
    .join(" / ");
  const expected = Object.entries(a.srm.expected)
    .map(([v, n]) => `${v} ${num(n)}`)
    .join(" / ");
  return (
    `SAMPLE RATIO MISMATCH: observed ${observed} units, expected ${expected} ` +
    `(chi-square ${a.srm.chiSquare.toFixed(2)}, p = ${a.srm.pValue.toExponential(2)}). ` +
    "Assignment or logging is broken: do not trust these results until it is explained."
  );
}

/** The unexposed-outcomes sentence, when there are any. */
function unexposedNote(a: ExperimentAnalysis): string | undefined {
  const u = a.unexposedOutcomes;
  if (u.events === 0) return undefined;
  const by = Object.entries(u.byMetric)
    .map(([m, n]) => `${m} ${n}`)
    .join(", ");
  return `${plural(u.events, "outcome")} from ${plural(u.units, "unit")} never exposed (${by}): kept in the store, not analysed.`;
}

/** The report's notes: the unexposed-outcomes sentence, then warnings other than the SRM one (it has its banner). */
export function reportNotes(a: ExperimentAnalysis): string[] {
  const others = a.warnings.filter(
    (w) => !w.startsWith("Sample ratio mismatch") && !w.includes("never exposed"),
  );
  const unexposed = unexposedNote(a);
  return unexposed === undefined ? others : [unexposed, ...others];
}

/** A table as every renderer draws it: header cells, one "l"/"r" alignment per column, rows of cells. */
export interface ReportTable {
  header: string[];
  align: string;
  rows: string[][];
}

/** The configured variants with their weights and exposures. */
export const exposureTable = (s: ExperimentReportSource): ReportTable => ({
  header: ["variant", "weight", "exposures", "units"],
  align: "lrrr",
  rows: s.variants.map((v) => [
    v.control ? `${v.name} (control)` : v.name,
    `${Math.round(v.weight * 1000) / 10}%`,
    String(v.exposures),
    String(v.units),
  ]),
});

/** One metric's mean and interval per variant. */
export const metricTable = (a: ExperimentAnalysis, m: MetricResult): ReportTable => ({
  header: ["variant", "units", "mean", `${level(a)} interval`],
  align: "lrrr",
  rows: m.variants.map((v) => [
    v.variant === a.control ? `${v.variant} (control)` : v.variant,
    String(v.units),
    value(m, v.mean),
    range(m, v.interval),
  ]),
});

/** One metric's challengers against control: difference, lift, interval, p-values, verdict. */
export const comparisonTable = (a: ExperimentAnalysis, m: MetricResult): ReportTable => ({
  header: [
    "vs control",
    "diff",
    "lift",
    `${level(a)} interval`,
    pLabel(a),
    "p adj.",
    "P(beat ctrl)",
    "verdict",
  ],
  align: "lrrrrrrl",
  rows: m.comparisons.map((x) => [
    x.variant,
    diff(m, x.diff),
    lift(x.relativeLift),
    range(m, x.interval, diff),
    pValue(x.pValue),
    pValue(x.adjustedPValue),
    prob(x.probabilityToBeatControl),
    verdictWord(x),
  ]),
});

/** The header line: id, status, winner, variants, units. */
export function describe(s: ExperimentReportSource): string {
  const units = s.variants.reduce((sum, v) => sum + v.units, 0);
  return [
    `status ${s.experiment.status}`,
    ...(s.experiment.winner ? [`winner ${s.experiment.winner}`] : []),
    plural(s.variants.length, "variant"),
    `${plural(units, "unit")} exposed`,
    METHOD_LABELS[s.analysis.method],
    `${level(s.analysis)} intervals`,
  ].join(" · ");
}
