import { proposeInstructions } from "../instructions/propose.js";
import type { Optimizer } from "../types.js";
import { paramSpace, withParams } from "./space.js";

/**
 * Instruction search: the proposer writes candidate instructions grounded in the task, a summary
 * of the data, labelled examples and varied tips; the sampler searches over them (and over
 * temperature and model when asked), scoring each trial on a minibatch. Halfway, the best
 * instructions so far are refined by a second round of proposals that sees them.
 */
export const instructionOptimizer: Optimizer = {
  name: "instruction",
  estimateCalls({ val, trials, settings }) {
    const perTrial = settings.minibatch > 0 ? Math.min(settings.minibatch, val) : val;
    return 2 * settings.candidates + trials * perTrial + Math.ceil(trials / settings.fullEvalEvery) * val;
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
    while (!ctx.done()) {
      await ctx.trial(space, (choice) => {
        const text = instructions[choice.instruction as number];
        return withParams({ ...ctx.baseProgram, instruction: text === "" ? undefined : text }, choice);
      });
    }
    await ctx.validateBestMinibatch();
  },
};
