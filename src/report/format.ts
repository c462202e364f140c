import type { CompareAnalysis, Comparison, VariantSummary } from "../eval/analysis/types.js";
import type { EvalRecord } from "../eval/runner/types.js";

/**
 * What a report shows: a `compare()` result, or the analysis of a saved records file together with
 * whatever is known of the run that wrote it.
 */
export interface ReportSource extends CompareAnalysis {
  /** The records, or how many there were. */
  records?: readonly EvalRecord[] | number;
  /** Why the run ended early, if it did. */
  stopped?: "budget" | "early" | "aborted" | undefined;
  costUsd?: number;
  elapsedMs?: number;
  /** Inputs in the dataset (the run may have scored fewer when it stopped early). */
  inputs?: number;
  /** A simulated model (`sim:`) produced some output: every report says so. */
  simulated?: boolean;
}

/** What the caller knows beyond the result: shown in the header and notes. */
export interface ReportContext {
  /** "compare" (default) or "analyze". */
  command?: "compare" | "analyze";
  /** The metric's name, when it has one. */
  metric?: string;
  /** The records file an analysis was read from. */
  source?: string;
  budgetUsd?: number;
}

export const recordCount = (s: ReportSource): number =>
  typeof s.records === "number" ? s.records : (s.records?.length ?? 0);

/** Inputs scored by every variant (the unit of analysis). */
export const scoredInputs = (s: ReportSource): number => Math.min(...s.variants.map((v) => v.n));

export const runsOf = (s: ReportSource): number => Math.max(1, ...s.variants.map((v) => v.runs));

export const modelsOf = (s: ReportSource): string[] => [...new Set(s.variants.flatMap((v) => v.models))];

export const isSimulated = (s: ReportSource): boolean =>
  s.simulated === true || modelsOf(s).some((m) => m.startsWith("sim:"));

/** The first failed record of a variant, when the records are at hand. */
export function firstError(s: ReportSource, variant: string): { code: string; message: string } | undefined {
  return typeof s.records === "object"
    ? s.records.find((r) => r.variant === variant && r.error)?.error
    : undefined;
}

/** The header's word on models: which answered, or why none did. */
export function describeModels(s: ReportSource): string {
  const models = modelsOf(s);
  if (models.length > 0) return `model ${models.join(", ")}`;
  return s.variants.some((v) => v.errors > 0 && v.errors >= v.n * v.runs)
    ? "no call succeeded"
    : "function variants (no model)";
}

/** Challengers significantly worse than the control: what `--fail-on-regression` fails on. */
export function regressions(analysis: CompareAnalysis): Comparison[] {
  const { control } = analysis;
  return analysis.comparisons.filter(
    (c) => c.significant && ((c.a === control && c.diff < 0) || (c.b === control && c.diff > 0)),
  );
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** 0.617 → "61.7%". */
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Score points, signed: 0.108 → "+10.8". */
export const pts = (x: number): string => {
  const v = (x * 100).toFixed(1);
  return x > 0 && v !== "0.0" ? `+${v}` : v === "-0.0" ? "0.0" : v;
};

export const interval = ([lo, hi]: readonly [number, number], signed = false): string =>
  signed ? `[${pts(lo)}, ${pts(hi)}]` : `[${(lo * 100).toFixed(1)}, ${(hi * 100).toFixed(1)}]`;

export const pValue = (p: number): string => (p < 0.0001 ? "<0.0001" : p.toFixed(4));

export function money(usd: number | null | undefined, signed = false): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return "–";
  const sign = signed && usd > 0 ? "+" : usd < 0 ? "-" : "";
  const a = Math.abs(usd);
  if (a === 0) return "$0";
  const digits =
    a < 0.0001 ? a.toFixed(Math.min(12, 1 - Math.floor(Math.log10(a)))) : a < 1 ? a.toFixed(4) : a.toFixed(2);
  return `${sign}$${digits}`;
}

export function duration(ms: number, signed = false): string {
  const sign = signed && ms > 0 ? "+" : ms < 0 ? "-" : "";
  const a = Math.abs(ms);
  if (a < 1) return !signed ? "<1 ms" : a < 0.05 ? "0.0 ms" : `${sign}${a.toFixed(1)} ms`;
  return a < 1000 ? `${sign}${Math.round(a)} ms` : `${sign}${(a / 1000).toFixed(1)} s`;
}

export const METHOD_LABELS: Record<Comparison["method"], string> = {
  "mcnemar-exact": "McNemar exact",
  "mcnemar-mid-p": "McNemar mid-p",
  "permutation-exact": "permutation (exact)",
  "permutation-monte-carlo": "permutation (Monte Carlo)",
  sequential: "sequential (anytime-valid)",
};

export const variantLabel = (v: VariantSummary, control: string): string =>
  v.name === control ? `${v.name} (control)` : v.name;

/** One line about the run: inputs, runs, metric, confidence. */
export function describeRun(s: ReportSource, ctx: ReportContext): string {
  const runs = runsOf(s);
  const inputs = s.inputs ?? scoredInputs(s);
  return [
    `${plural(s.variants.length, "variant")}`,
    `${plural(inputs, "input")} × ${plural(runs, "run")}`,
    ...(ctx.metric ? [`metric ${ctx.metric}`] : []),
    `${Math.round(s.confidence * 1000) / 10}% confidence`,
  ].join(" · ");
}

/** What the comparison columns mean, in one line. */
export function legend(source: ReportSource): string {
  const alpha = Math.round((1 - source.confidence) * 1000) / 1000;
  const holm =
    source.comparisons.length > 1 ? ` (Holm over ${plural(source.comparisons.length, "comparison")})` : "";
  return `diff: first minus second, in points (1 pt = 1% of the score scale). significant: p adj. < ${alpha}${holm}.`;
}

export function simulatedBanner(s: ReportSource): string {
  const sims = modelsOf(s).filter((m) => m.startsWith("sim:"));
  return `SIMULATED MODEL: results are not from a real LLM${sims.length ? ` (${sims.join(", ")})` : ""}.`;
}

/** The notes under a report, as plain sentences (the renderers style them). */
export function notes(s: ReportSource, ctx: ReportContext): string[] {
  const out: string[] = [];
  if (s.notEnoughData) out.push(s.notEnoughData.message);
  const scored = scoredInputs(s);
  const of = s.inputs !== undefined ? ` of ${s.inputs}` : "";
  if (s.stopped === "budget") {
    const budget = ctx.budgetUsd !== undefined ? ` (${money(ctx.budgetUsd)})` : "";
    out.push(
      `Stopped before the budget${budget} would be exceeded: the analysis covers the ${scored}${of} inputs every variant completed.`,
    );
  } else if (s.stopped === "early") {
    out.push(`Stopped early: the answer was known after ${scored}${of} inputs.`);
  } else if (s.stopped === "aborted") {
    out.push(
      `Interrupted: the analysis covers the ${scored}${of} inputs every variant completed; with a records file, run again to finish.`,
    );
  }
  // The verdict names the control only when it beats every challenger; a partial regression is a note.
  if (s.winner !== s.control) {
    for (const c of regressions(s)) {
      const [worse, diff] = c.a === s.control ? [c.b, c.diff] : [c.a, -c.diff];
      out.push(`${worse} is significantly worse than ${s.control} (the control): ${pts(diff)} pts.`);
    }
  }
  for (const v of s.variants) {
    if (v.errors > 0) {
      const first = firstError(s, v.name);
      const said = first ? `; the first: ${first.code}: ${first.message}` : ".";
      out.push(`${v.name}: ${plural(v.errors, "failed call")} (${pct(v.errorRate)}), scored 0${said}`);
    }
    if (v.cachedShare > 0) out.push(`${v.name}: ${pct(v.cachedShare)} of calls came from the cache.`);
  }
  // Latency differences matter for real calls; functions and the simulated model answer in under 1 ms.
  const timed = s.variants.some((v) => v.latencyMs.p50 >= 1);
  for (const c of s.comparisons) {
    const ni = c.nonInferior;
    if (ni) {
      const margin = `${(ni.margin * 100).toFixed(1)}-pt margin`;
      out.push(
        ni.nonInferior
          ? `${c.b} is non-inferior to ${c.a} at a ${margin}: the diff's lower bound ${pts(ni.lower)} is above ${pts(-ni.margin)}.`
          : `${c.b} is not shown non-inferior to ${c.a} at a ${margin}: the diff's lower bound ${pts(ni.lower)} is not above ${pts(-ni.margin)}.`,
      );
    }
    const parts: string[] = [];
    if (c.costDiff) {
      const [lo, hi] = c.costDiff.ci;
      const k = (x: number) => money(x * 1000, true);
      parts.push(`cost ${k(c.costDiff.diff)} per 1,000 calls [${k(lo)}, ${k(hi)}]`);
    }
    if (
      timed &&
      c.latencyDiffMs &&
      [c.latencyDiffMs.diff, ...c.latencyDiffMs.ci].some((x) => Math.abs(x) >= 0.05)
    ) {
      const [lo, hi] = c.latencyDiffMs.ci;
      parts.push(
        `latency ${duration(c.latencyDiffMs.diff, true)} [${duration(lo, true)}, ${duration(hi, true)}]`,
      );
    }
    if (parts.length > 0) out.push(`${c.b} vs ${c.a}: ${parts.join(", ")}.`);
  }
  return out;
}
