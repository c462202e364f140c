import { hashingEmbedder } from "../demos/embedders/hashing.js";
import { diverseDemos } from "../demos/select/diverse.js";
import { type DemoSelector, defaultRowText } from "../demos/select/pool.js";
import { randomDemos } from "../demos/select/random.js";
import { stratifiedDemos } from "../demos/select/stratified.js";
import type { DynamicDemos } from "../dynamic-demos.js";
import { demoFromRow } from "../program.js";
import type { Optimizer, OptimizerContext } from "../types.js";
import { paramSpace, withParams } from "./space.js";

/** The static selectors the few-shot search chooses between, over the labelled training rows. */
function selectors(ctx: OptimizerContext): Record<string, DemoSelector> {
  const pool = ctx.train.filter((r) => r.expected !== undefined);
  return {
    random: randomDemos(pool, { seed: ctx.seed }),
    stratified: stratifiedDemos(pool, { by: "expected", seed: ctx.seed }),
    diverse: diverseDemos(pool, { embedder: hashingEmbedder(), seed: ctx.seed }),
  };
}

/** The labelled training rows as demos, each with the text its input is matched on (kNN / MMR). */
function dynamicPool(ctx: OptimizerContext): DynamicDemos["pool"] {
  return ctx.train
    .filter((r) => r.expected !== undefined)
    .map((row) => ({ ...demoFromRow(ctx.base, row), text: defaultRowText(row) }));
}

/**
 * Few-shot selection: the sampler chooses how many labelled demos (0 to `maxDemos`), how they are
 * picked (random; stratified by answer so every label is shown; diverse: spread over the inputs by a
 * local hashing embedder; or per input: the nearest (kNN) or nearest-and-diverse (MMR) training
 * examples of each call's input) and which draw; each choice is scored on a minibatch.
 */
export const fewshotOptimizer: Optimizer = {
  name: "fewshot",
  estimateCalls({ val, trials, settings }) {
    const perTrial = settings.minibatch > 0 ? Math.min(settings.minibatch, val) : val;
    return trials * perTrial + Math.ceil(trials / settings.fullEvalEvery) * val;
  },
  async run(ctx) {
    const pick = selectors(ctx);
    const pool = dynamicPool(ctx);
    const space = {
      k: { type: "int" as const, low: 0, high: ctx.settings.maxDemos },
      strategy: { type: "categorical" as const, choices: [...Object.keys(pick), "knn", "mmr"] },
      draw: { type: "int" as const, low: 0, high: 9 },
      ...paramSpace(ctx),
    };
    while (!ctx.done()) {
      await ctx.trial(space, async (choice) => {
        const k = choice.k as number;
        const strategy = choice.strategy as string;
        if ((strategy === "knn" || strategy === "mmr") && k > 0) {
          return withParams({ ...ctx.baseProgram, demos: [], dynamicDemos: { strategy, k, pool } }, choice);
        }
        const rows =
          k === 0
            ? []
            : await pick[strategy]!.select(undefined, k, { seed: ctx.seed * 613 + (choice.draw as number) });
        return withParams(
          { ...ctx.baseProgram, demos: rows.map((row) => demoFromRow(ctx.base, row)) },
          choice,
        );
      });
    }
    await ctx.validateBestMinibatch();
  },
};
