import { getConfig } from "../../core/config.js";
import { priceOf } from "../../core/cost.js";
import { resolveChain } from "../../core/model-registry.js";
import type { DatasetRow } from "../../core/ports.js";
import type { Prompt } from "../../core/prompt.js";
import type { ModelLike } from "../../core/types.js";
import { answerText } from "../program.js";

/**
 * The estimated USD of one call of the prompt on these rows: rendered characters / 4 input tokens
 * (the first 20 rows); as output, twice the length of the expected answers (a reply is rarely much
 * longer), or the output-token limit (256 when unset) when rows have no answers. Null when the model
 * has no known price.
 */
export function estimateCallCost(
  prompt: Prompt,
  rows: readonly DatasetRow[],
  model: ModelLike | undefined,
): number | null {
  const spec = model ?? prompt.model ?? getConfig().model;
  let id: string | undefined;
  try {
    id = spec === undefined ? undefined : resolveChain(spec, getConfig().models)[0]?.id;
  } catch {
    return null;
  }
  const price = id === undefined ? undefined : priceOf(id);
  if (price === undefined) return null;
  const sample = rows.slice(0, 20);
  let chars = 0;
  let answerChars = 0;
  for (const row of sample) {
    answerChars += row.expected === undefined ? Number.NaN : answerText(row.expected).length;
    try {
      for (const m of prompt.messages(row.input as never)) {
        chars += typeof m.content === "string" ? m.content.length : JSON.stringify(m.content).length;
      }
    } catch {
      return null;
    }
  }
  const input = sample.length === 0 ? 0 : chars / 4 / sample.length;
  const limit = prompt.params.maxOutputTokens ?? 256;
  const output =
    Number.isNaN(answerChars) || sample.length === 0
      ? limit
      : Math.min(limit, 2 * Math.ceil(answerChars / 4 / sample.length) + 8);
  return (input * price.input + output * price.output) / 1e6;
}
