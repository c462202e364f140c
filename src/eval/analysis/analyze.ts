import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import {
  bootstrapCI,
  holm,
  mcnemarTest,
  minimumDiscordantPairs,
  pairedPermutationTest,
  wilsonInterval,
} from "../../stats/index.js";
import type { EvalRecord } from "../runner/types.js";
import type { AnalyzeOptions, CompareAnalysis, Comparison, VariantSummary } from "./types.js";

interface PerInput {
  /** inputId → mean score over its runs. */
  scores: Map<string, number>;
  cost: Map<string, number>;
  latency: Map<string, number>;
  binary: boolean;
  runs: number;
}

/**
 * Analyses the records of a comparison: per variant a score with its interval, per tested pair a
 * paired test (exact McNemar for single-run pass/fail, a sign-flip permutation test otherwise) with
 * an interval for the difference, Holm across pairs, and a winner only when the data support one.
 */
export function analyzeRecords(records: readonly EvalRecord[], options: AnalyzeOptions): CompareAnalysis {
  const names = options.variants;
  if (names.length < 2) {
    throw new InvalidArgumentError("variants", `a comparison needs at least two, got ${names.length}.`);
  }
  const control = options.control ?? names[0]!;
  if (!names.includes(control)) {
    throw new InvalidArgumentError(
      "control",
      `"${control}" is not a variant. Variants: ${names.join(", ")}.`,
    );
  }
  const confidence = options.confidence ?? 0.95;
  const alpha = 1 - confidence;
  const seed = options.seed ?? 0;
  const resamples = options.resamples ?? 2000;
  const per = new Map(names.map((name) => [name, perInput(records.filter((r) => r.variant === name))]));
  const intervals = options.intervals !== false;
  const variants = names.map((name) =>
    summarize(name, records, per.get(name)!, confidence, seed, resamples, intervals),
  );

  const pairs: [string, string][] =
    options.comparisons === "all"
      ? names.flatMap((a, i) => names.slice(i + 1).map((b): [string, string] => [a, b]))
      : names.filter((n) => n !== control).map((b): [string, string] => [control, b]);
  const raw = pairs.map(([a, b]) =>
    compareTwo(a, b, per.get(a)!, per.get(b)!, options, confidence, seed, resamples, intervals),
  );
  const adjusted = holm(raw.map((c) => c.pValue));
  const comparisons: Comparison[] = raw.map((c, i) => {
    const pAdjusted = adjusted[i]!;
    return { ...c, pAdjusted, significant: pAdjusted < alpha && c.n > 0 };
  });

  const inputs = Math.min(...variants.map((v) => v.n));
  const minInputs = Math.max(1, minimumDiscordantPairs(alpha / Math.max(1, pairs.length)));
  const notEnoughData =
    inputs < minInputs
      ? {
          inputs,
          minInputs,
          message:
            `Not enough data: with ${inputs} input${inputs === 1 ? "" : "s"} no difference can be significant at ` +
            `${Math.round(confidence * 100)}% over ${pairs.length} comparison${pairs.length === 1 ? "" : "s"}; ` +
            `use at least ${minInputs} inputs.`,
        }
      : undefined;
  const { winner, verdict } = decide(
    comparisons,
    variants,
    control,
    options.comparisons ?? "control",
    notEnoughData,
  );
  return {
    winner,
    verdict,
    control,
    confidence,
    comparisons,
    variants,
    notEnoughData,
    strata: strata(records, names, pairs, options, alpha),
  };
}

function perInput(records: readonly EvalRecord[]): PerInput {
  const sums = new Map<string, { score: number; cost: number; latency: number; k: number }>();
  let binary = true;
  let runs = 0;
  for (const r of records) {
    const s = sums.get(r.inputId) ?? { score: 0, cost: 0, latency: 0, k: 0 };
    s.score += r.score;
    s.cost += r.costUsd ?? 0;
    s.latency += r.latencyMs;
    s.k++;
    sums.set(r.inputId, s);
    if (r.score !== 0 && r.score !== 1) binary = false;
    runs = Math.max(runs, r.run + 1);
  }
  const out: PerInput = { scores: new Map(), cost: new Map(), latency: new Map(), binary, runs };
  for (const [id, s] of sums) {
    out.scores.set(id, s.score / s.k);
    out.cost.set(id, s.cost / s.k);
    out.latency.set(id, s.latency / s.k);
  }
  return out;
}

function summarize(
  name: string,
  all: readonly EvalRecord[],
  p: PerInput,
  confidence: number,
  seed: number,
  resamples: number,
  intervals: boolean,
): VariantSummary {
  const records = all.filter((r) => r.variant === name);
  const scores = [...p.scores.values()];
  const n = scores.length;
  const score = n === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / n;
  let interval: [number, number] = [score, score];
  if (n > 0 && p.binary && p.runs === 1) {
    const w = wilsonInterval(Math.round(score * n), n, confidence);
    interval = [w.lower, w.upper];
  } else if (n > 1 && intervals) {
    const ci = bootstrapCI(scores, { method: "bca", confidence, seed, resamples });
    interval = [ci.lower, ci.upper];
  }
  const errors = records.filter((r) => r.error).length;
  const unpriced = records.some((r) => r.costUsd === null);
  const cost = records.reduce((s, r) => s + (r.costUsd ?? 0), 0);
  const latencies = records.map((r) => r.latencyMs).sort((a, b) => a - b);
  return {
    name,
    score,
    n,
    runs: p.runs,
    interval,
    errors,
    errorRate: records.length === 0 ? 0 : errors / records.length,
    costUsd: unpriced ? null : cost,
    costPerCall: unpriced || records.length === 0 ? null : cost / records.length,
    latencyMs: {
      mean: latencies.length === 0 ? 0 : latencies.reduce((a, b) => a + b, 0) / latencies.length,
      p50: quantile(latencies, 0.5),
      p95: quantile(latencies, 0.95),
    },
    cachedShare: records.length === 0 ? 0 : records.filter((r) => r.cached).length / records.length,
    models: [...new Set(records.map((r) => r.model).filter((m): m is string => m !== undefined))],
  };
}

function compareTwo(
  a: string,
  b: string,
  pa: PerInput,
  pb: PerInput,
  options: AnalyzeOptions,
  confidence: number,
  seed: number,
  resamples: number,
  intervals: boolean,
): Omit<Comparison, "pAdjusted" | "significant"> {
  const ids = [...pa.scores.keys()].filter((id) => pb.scores.has(id));
  const xa = ids.map((id) => pa.scores.get(id)!);
  const xb = ids.map((id) => pb.scores.get(id)!);
  const n = ids.length;
  const diffs = xb.map((v, i) => v - xa[i]!);
  const diff = n === 0 ? 0 : diffs.reduce((s, d) => s + d, 0) / n;
  if (n === 0) return { a, b, diff: 0, ci: [0, 0], pValue: 1, method: "permutation-exact", n: 0 };
  let pValue: number;
  let ci: [number, number];
  let method: Comparison["method"];
  if (pa.binary && pb.binary && pa.runs === 1 && pb.runs === 1) {
    let n11 = 0;
    let n10 = 0;
    let n01 = 0;
    let n00 = 0;
    for (let i = 0; i < n; i++) {
      if (xa[i] === 1 && xb[i] === 1) n11++;
      else if (xa[i] === 1) n10++;
      else if (xb[i] === 1) n01++;
      else n00++;
    }
    const t = mcnemarTest(n10, n01, {
      midP: options.midP === true,
      confidence,
      bothPass: n11,
      bothFail: n00,
    });
    pValue = t.pValue;
    ci = t.ci ?? [diff, diff];
    method = options.midP ? "mcnemar-mid-p" : "mcnemar-exact";
  } else {
    const t = pairedPermutationTest(xa, xb, { seed, resamples: Math.max(resamples, 5000) });
    pValue = t.pValue;
    method = t.method === "exact" ? "permutation-exact" : "permutation-monte-carlo";
    const boot =
      n > 1 && intervals ? bootstrapCI(diffs, { method: "bca", confidence, seed, resamples }) : undefined;
    ci = boot ? [boot.lower, boot.upper] : [diff, diff];
  }
  const costA = ids.map((id) => pa.cost.get(id)!);
  const costD = ids.map((id, i) => pb.cost.get(id)! - costA[i]!);
  const latD = ids.map((id) => pb.latency.get(id)! - pa.latency.get(id)!);
  const interval = (values: number[]): { diff: number; ci: [number, number] } => {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    if (values.length < 2 || !intervals) return { diff: mean, ci: [mean, mean] };
    const r = bootstrapCI(values, { method: "percentile", confidence, seed, resamples });
    return { diff: mean, ci: [r.lower, r.upper] };
  };
  const margin = options.nonInferiorityMargin;
  // One-sided at the run's confidence: the lower bound of a (1 − 2α) two-sided interval.
  const oneSided =
    margin === undefined
      ? undefined
      : n > 1
        ? bootstrapCI(diffs, { method: "bca", confidence: 1 - 2 * (1 - confidence), seed, resamples }).lower
        : diff;
  return {
    a,
    b,
    diff,
    ci,
    pValue,
    method,
    n,
    costDiff: costD.some((v) => v !== 0) ? interval(costD) : undefined,
    latencyDiffMs: interval(latD),
    nonInferior:
      margin === undefined || oneSided === undefined
        ? undefined
        : { margin, lower: oneSided, nonInferior: oneSided > -margin },
  };
}

export function decide(
  comparisons: readonly Comparison[],
  variants: readonly VariantSummary[],
  control: string,
  mode: "control" | "all",
  notEnough: CompareAnalysis["notEnoughData"],
): { winner: string | null; verdict: string } {
  const score = (name: string) => variants.find((v) => v.name === name)!.score;
  const beats = (x: string, y: string) =>
    comparisons.some(
      (c) =>
        c.significant && ((c.a === y && c.b === x && c.diff > 0) || (c.a === x && c.b === y && c.diff < 0)),
    );
  if (mode === "all") {
    const winner = variants
      .map((v) => v.name)
      .find((x) => variants.every((v) => v.name === x || beats(x, v.name)));
    if (winner) return { winner, verdict: `${winner} is significantly better than every other variant.` };
  } else {
    const better = comparisons.filter((c) => c.significant && c.diff > 0).map((c) => c.b);
    if (better.length === 1)
      return { winner: better[0]!, verdict: `${better[0]} beats ${control} (the control).` };
    if (better.length > 1) {
      const best = [...better].sort((x, y) => score(y) - score(x))[0]!;
      return {
        winner: null,
        verdict: `${better.join(" and ")} beat ${control}; ${best} scores highest, but they were not compared with each other (compare all pairs to pick one).`,
      };
    }
    const worse = comparisons.filter((c) => c.significant && c.diff < 0).map((c) => c.b);
    if (worse.length === comparisons.length && comparisons.length > 0) {
      return { winner: control, verdict: `${control} (the control) beats every challenger.` };
    }
    if (worse.length > 0) {
      return {
        winner: null,
        verdict: `No challenger beats ${control} (the control); ${worse.join(" and ")} ${worse.length === 1 ? "is" : "are"} significantly worse.`,
      };
    }
  }
  if (notEnough) return { winner: null, verdict: notEnough.message };
  return { winner: null, verdict: "No significant difference: the data do not support a winner." };
}

function strata(
  records: readonly EvalRecord[],
  names: readonly string[],
  pairs: readonly [string, string][],
  options: AnalyzeOptions,
  alpha: number,
): CompareAnalysis["strata"] {
  const categories = [...new Set(records.map((r) => r.category).filter((c): c is string => c !== undefined))];
  if (categories.length === 0) return undefined;
  const out: NonNullable<CompareAnalysis["strata"]> = {};
  for (const category of categories) {
    const per = new Map(
      names.map((name) => [
        name,
        perInput(records.filter((r) => r.variant === name && r.category === category)),
      ]),
    );
    const tested = pairs.map(([a, b]) =>
      compareTwo(a, b, per.get(a)!, per.get(b)!, options, 1 - alpha, options.seed ?? 0, 1000, false),
    );
    const adjusted = holm(tested.map((c) => c.pValue));
    out[category] = {
      variants: names.map((name) => {
        const scores = [...per.get(name)!.scores.values()];
        return {
          name,
          score: scores.length ? scores.reduce((x, y) => x + y, 0) / scores.length : 0,
          n: scores.length,
        };
      }),
      comparisons: tested.map((c, i) => ({
        a: c.a,
        b: c.b,
        diff: c.diff,
        n: c.n,
        pValue: c.pValue,
        pAdjusted: adjusted[i]!,
        significant: adjusted[i]! < alpha && c.n > 0,
      })),
    };
  }
  return out;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
