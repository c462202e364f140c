import { analyzeRecords } from "../../eval/analysis/analyze.js";
import type { AnalyzeOptions } from "../../eval/analysis/types.js";
import type { EvalRecord } from "../../eval/runner/types.js";
import type { ReportSource } from "../format.js";

const usage = {
  inputTokens: 10,
  outputTokens: 2,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 12,
};

/** One record: `variant` scored `score` on input `i`. */
export function record(
  variant: string,
  i: number,
  score: number,
  extra: Partial<EvalRecord> = {},
): EvalRecord {
  return {
    variant,
    inputId: `q${i}`,
    run: 0,
    output: score === 1 ? "right" : "wrong",
    score,
    usage,
    costUsd: 0.0001,
    latencyMs: 120 + i,
    cached: false,
    at: 0,
    ...extra,
  };
}

/**
 * Records of `inputs` inputs: "base" passes every other input, "better" passes all, and any
 * `more` variants pass as given.
 */
export function records(inputs = 40, more: Record<string, (i: number) => number> = {}): EvalRecord[] {
  const passes: Record<string, (i: number) => number> = {
    base: (i) => (i % 2 === 0 ? 1 : 0),
    better: () => 1,
    ...more,
  };
  return Object.entries(passes).flatMap(([name, pass]) =>
    Array.from({ length: inputs }, (_, i) => record(name, i, pass(i), { model: "mock:mock" })),
  );
}

/** A report source as `compare()` returns it, from synthetic records. */
export function source(
  recs: EvalRecord[] = records(),
  options: Partial<AnalyzeOptions> = {},
  extra: Partial<ReportSource> = {},
): ReportSource {
  const variants = [...new Set(recs.map((r) => r.variant))];
  return {
    ...analyzeRecords(recs, { variants, ...options }),
    records: recs,
    stopped: undefined,
    costUsd: recs.reduce((s, r) => s + (r.costUsd ?? 0), 0),
    elapsedMs: 1234,
    inputs: new Set(recs.map((r) => r.inputId)).size,
    simulated: false,
    ...extra,
  };
}
