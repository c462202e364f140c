import { contentHash } from "../core/canonical.js";
import type { Middleware } from "../core/middleware.js";
import type { DatasetRow } from "../core/ports.js";
import type { Embedder } from "./demos/embedders/embedder.js";
import { hashingEmbedder } from "./demos/embedders/hashing.js";
import { knnDemos } from "./demos/select/knn.js";
import { mmrDemos } from "./demos/select/mmr.js";
import { type DemoSelector, defaultRowText } from "./demos/select/pool.js";
import type { Demo } from "./program.js";

/** The template variable the per-call demos are rendered from. */
export const DEMOS_VAR = "fpDemos";

/**
 * Demos chosen per input (similarity-based few-shot): for each call, the `k` pool demos whose
 * inputs are nearest to the call's input (kNN), or nearest and diverse (MMR). Plain data, so it can
 * be saved in a prompt file's metadata and re-attached by `loadOptimizedPrompt`.
 */
export interface DynamicDemos {
  strategy: "knn" | "mmr";
  k: number;
  /** MMR's trade-off between relevance (1) and diversity (0); default 0.5. */
  lambda?: number;
  /** The demos to choose from, each with the text its input is matched on. */
  pool: readonly (Demo & { text: string })[];
  /** The local embedder, by name and settings (default hashing, 1024 dimensions). */
  embedder?: { kind: "hashing"; dimensions?: number };
}

/** A template turn that renders the per-call demos as user/model turns (nothing when there are none). */
export function dynamicDemosTemplate(spec: DynamicDemos): string {
  // The comment changes the prompt's hash (and so its cache keys) with the pool and settings.
  const tag = contentHash({ ...spec, pool: spec.pool.map((d) => [d.text, d.user, d.assistant]) }).slice(
    0,
    16,
  );
  return (
    `{{!-- demos chosen per input: ${spec.strategy}, k=${spec.k}, pool ${spec.pool.length} (${tag}) --}}` +
    `{{#if ${DEMOS_VAR}}}{{#each ${DEMOS_VAR}}}{{role "user"}}{{this.user}}{{role "model"}}{{this.assistant}}{{/each}}{{/if}}`
  );
}

function selectorOf(spec: DynamicDemos, embedder: Embedder | undefined): DemoSelector {
  const rows: DatasetRow[] = spec.pool.map((d, i) => ({
    id: `pool-${i}`,
    input: d.text,
    expected: d.assistant,
  }));
  const e = embedder ?? hashingEmbedder({ dimensions: spec.embedder?.dimensions ?? 1024 });
  return spec.strategy === "knn"
    ? knnDemos(rows, { embedder: e })
    : mmrDemos(rows, { embedder: e, lambda: spec.lambda ?? 0.5 });
}

/**
 * The middleware that picks each call's demos and hands them to the template (as `fpDemos`). A pool
 * demo whose text is the call's input itself is never shown (it would give the answer away).
 */
export function dynamicDemosMiddleware(spec: DynamicDemos, embedder?: Embedder): Middleware {
  const selector = selectorOf(spec, embedder);
  return async function dynamicDemos(ctx, next) {
    const text = defaultRowText({ id: "query", input: ctx.vars });
    // One more than needed, in case the input's own entry is among them.
    const k = Math.min(spec.k + 1, spec.pool.length);
    const rows =
      k === 0
        ? []
        : await selector.select({ id: "query", input: text }, k, ctx.signal ? { signal: ctx.signal } : {});
    const picked = rows
      .map((r) => spec.pool[Number(r.id.slice(5))]!)
      .filter((d) => d.text !== text)
      .slice(0, spec.k)
      .map((d) => ({ user: d.user, assistant: d.assistant }));
    ctx.vars = { ...ctx.vars, [DEMOS_VAR]: picked };
    return next();
  };
}
