import { proposeInstructions } from "../instructions/propose.js";
import type { Optimizer } from "../types.js";
import { demoSets, teacherProgram } from "./demo-sets.js";
import { paramSpace, withParams } from "./space.js";

/**
 * MIPRO-style joint search (Opsahl-Ong et al. 2024): bootstrap candidate demo sets, propose
 * candidate instructions grounded in the data and those demos, then let the sampler (TPE by
 * default, or Optuna) search instruction × demo set × temperature × model, scoring each trial on a
 * minibatch and validating the best program in full every `fullEvalEvery` trials.
 */
export const miproOptimizer: Optimizer = {
  name: "mipro",
  estimateCalls({ train, val, trials, settings }) {
    const perTrial = settings.minibatch > 0 ? Math.min(settings.minibatch, val) : val;
    return train + settings.candidates + trials * perTrial + Math.ceil(trials / settings.fullEvalEvery) * val;
  },
  async run(ctx) {
    const sets = await demoSets(ctx, ctx.settings.candidates, teacherProgram(ctx));
    ctx.publish("demoSets", sets);
    const proposals = await proposeInstructions(ctx, ctx.settings.candidates, { tag: "m" });
    const instructions = [ctx.baseProgram.instruction ?? "", ...proposals];
    ctx.publish("instructions", instructions);
    ctx.note(`mipro: ${sets.length} demo sets × ${instructions.length} instructions`);
    const space = {
      instruction: { type: "categorical" as const, choices: instructions.map((_, i) => i) },
      demos: { type: "categorical" as const, choices: sets.map((_, i) => i) },
      ...paramSpace(ctx),
    };
    while (!ctx.done()) {
      await ctx.trial(space, (choice) => {
        const text = instructions[choice.instruction as number];
        const set = sets[choice.demos as number]!;
        return withParams(
          { ...ctx.baseProgram, instruction: text === "" ? undefined : text, demos: set.demos },
          choice,
        );
      });
    }
    // The last stretch since the previous full validation, and the runner-up, get validated too.
    await ctx.validateBestMinibatch();
    await ctx.validateBestMinibatch();
  },
};
