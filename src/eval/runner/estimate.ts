import { priceOf } from "../../core/cost.js";
import type { DatasetRow } from "../../core/index.js";
import { recordKey } from "./records.js";
import type { EvalRecord, VariantRunner } from "./types.js";

export interface EvaluationEstimate {
  /** Calls still to make (resumed records excluded). */
  calls: number;
  resumed: number;
  inputTokens: number;
  outputTokens: number;
  /** USD, or null when a variant's model has no known price (or a function variant's cost is unknown). */
  costUsd: number | null;
  byVariant: Record<
    string,
    { calls: number; inputTokens: number; outputTokens: number; costUsd: number | null }
  >;
}

/** What a run would cost before anything is spent: calls, tokens and USD, per variant. */
export function estimateEvaluation(
  variants: readonly VariantRunner[],
  dataset: readonly DatasetRow[],
  runs: number,
  done: ReadonlySet<string> = new Set(),
): EvaluationEstimate {
  const out: EvaluationEstimate = {
    calls: 0,
    resumed: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    byVariant: {},
  };
  for (const v of variants) {
    const mine = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 as number | null };
    for (const row of dataset) {
      const e = v.estimate?.(row);
      for (let run = 0; run < runs; run++) {
        if (done.has(recordKey(v.name, row.id, run))) {
          out.resumed++;
          continue;
        }
        mine.calls++;
        if (!e) {
          mine.costUsd = null;
          continue;
        }
        mine.inputTokens += e.inputTokens;
        mine.outputTokens += e.outputTokens;
        const price = e.model ? priceOf(e.model) : undefined;
        if (!price) mine.costUsd = null;
        else if (mine.costUsd !== null)
          mine.costUsd += (e.inputTokens * price.input + e.outputTokens * price.output) / 1e6;
      }
    }
    out.byVariant[v.name] = mine;
    out.calls += mine.calls;
    out.inputTokens += mine.inputTokens;
    out.outputTokens += mine.outputTokens;
    out.costUsd = out.costUsd === null || mine.costUsd === null ? null : out.costUsd + mine.costUsd;
  }
  return out;
}

/** The estimated cost of one call of a variant on a row (0 when unknown: budgets then count spend only). */
export function callEstimate(variant: VariantRunner, row: DatasetRow): number {
  const e = variant.estimate?.(row);
  const price = e?.model ? priceOf(e.model) : undefined;
  return e && price ? (e.inputTokens * price.input + e.outputTokens * price.output) / 1e6 : 0;
}

export type { EvalRecord };
