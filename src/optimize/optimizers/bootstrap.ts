import type { Program } from "../program.js";
import type { Optimizer, OptimizerContext } from "../types.js";
import { demoSets, teacherProgram } from "./demo-sets.js";

/**
 * Bootstrapped few-shot with random search (DSPy's BootstrapFewShotWithRandomSearch): a teacher runs
 * on the training set, traces that pass the metric become demos, and candidate demo sets (zero-shot,
 * labelled only, in order, random shuffles) are each scored on the whole validation set.
 *
 * With `rounds` > 1 it improves itself: the best program of a round is the next round's teacher;
 * it stops after `patience` rounds without improvement, or once `threshold` is reached.
 */
export const bootstrapOptimizer: Optimizer = {
  name: "bootstrap",
  estimateCalls({ train, val, trials, settings }) {
    // The teacher runs on the training set at most once per round; each candidate set is validated.
    return settings.rounds * train + trials * val;
  },
  async run(ctx) {
    const { rounds, patience, threshold } = ctx.settings;
    const perRound = Math.max(1, Math.floor(ctx.trials / rounds));
    let teacher: Program = teacherProgram(ctx);
    let best = ctx.candidates()[0]?.score ?? 0;
    let stale = 0;
    for (let round = 0; round < rounds && !ctx.done(); round++) {
      const sets = await demoSets(ctx, perRound, teacher, round);
      for (const set of sets) {
        if (ctx.done()) break;
        const program = { ...ctx.baseProgram, demos: set.demos };
        const c = await ctx.validate(program, `bootstrap round ${round}: ${set.label}`);
        ctx.record({
          optimizer: "bootstrap",
          choices: { round, set: set.label, demos: set.demos.length },
          programKey: c.key,
          score: c.score,
          rows: c.scores.length,
          full: true,
        });
      }
      const top = ctx.candidates()[0];
      if (top === undefined) break;
      if (top.score > best + 1e-12) {
        best = top.score;
        stale = 0;
      } else if (++stale >= patience) {
        ctx.note(`bootstrap: no improvement for ${stale} round(s); stopping.`);
        break;
      }
      if (threshold !== undefined && best >= threshold) {
        ctx.note(`bootstrap: reached the threshold ${threshold}; stopping.`);
        break;
      }
      teacher = teacherProgram(ctx, top.program);
    }
  },
};

export type { OptimizerContext };
