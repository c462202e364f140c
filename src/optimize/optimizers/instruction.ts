import { proposeInstructions } from "../instructions/propose.js";
import type { Optimizer } from "../types.js";
import { paramSpace, withParams } from "./space.js";

/**
 * Instruction search: the proposer writes candidate instructions grounded in the task, a summary
 * of the data, labelled examples and varied tips; the sampler searches over them (and over
 * temperature and model when asked), scoring each trial on a minibatch. Halfway, the best
 * instruction so far is refined: new proposals see it and its score, and each is validated.
 */
export const instructionOptimizer: Optimizer = {
  name: "instruction",
  estimateCalls({ val, trials, settings }) {
    const perTrial = settings.minibatch > 0 ? Math.min(settings.minibatch, val) : val;
    const refined = Math.max(2, Math.ceil(settings.candidates / 2));
    const fullEvals = Math.ceil(trials / settings.fullEvalEvery) + 2;
    return settings.candidates + refined * (1 + val) + trials * perTrial + fullEvals * val;
  },
  async run(ctx) {
    const proposals = await proposeInstructions(ctx, ctx.settings.candidates, { tag: "i" });
    const instructions = [ctx.baseProgram.instruction ?? "", ...proposals];
    ctx.publish("instructions", instructions);
    ctx.note(`instruction: ${proposals.length} proposals`);
    const space = {
      instruction: { type: "categorical" as const, choices: instructions.map((_, i) => i) },
      ...paramSpace(ctx),
    };
    const half = Math.floor(ctx.trials / 2);
    while (!ctx.done() && ctx.history.length < half) {
      await ctx.trial(space, (choice) => {
        const text = instructions[choice.instruction as number];
        return withParams({ ...ctx.baseProgram, instruction: text === "" ? undefined : text }, choice);
      });
    }
    // Refinement: new proposals that see the best instruction so far and how it scored.
    await ctx.validateBestMinibatch();
    const best = ctx.candidates()[0];
    if (best !== undefined && !ctx.done()) {
      const refined = await proposeInstructions(ctx, Math.max(2, Math.ceil(ctx.settings.candidates / 2)), {
        tag: "refine",
        current: best.program.instruction ?? "(none)",
        tip: `This instruction scores ${(100 * best.score).toFixed(0)}% on held-out examples. Keep what works and fix what it misses.`,
      });
      ctx.note(`instruction: ${refined.length} refined proposals`);
      for (const text of refined) {
        if (ctx.done()) break;
        const c = await ctx.validate({ ...best.program, instruction: text }, "refined instruction");
        ctx.record({
          optimizer: "instruction",
          choices: { refined: true },
          programKey: c.key,
          score: c.score,
          rows: c.scores.length,
          full: true,
        });
      }
    }
    while (!ctx.done()) {
      await ctx.trial(space, (choice) => {
        const text = instructions[choice.instruction as number];
        return withParams({ ...ctx.baseProgram, instruction: text === "" ? undefined : text }, choice);
      });
    }
    await ctx.validateBestMinibatch();
  },
};
