import type { DatasetRow } from "../../core/ports.js";
import { type Program, programKey } from "../program.js";
import type { Optimizer, OptimizerContext } from "../types.js";
import { bootstrapDemos, demoSets, labelledDemos, teacherProgram } from "./demo-sets.js";

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
  blind: true,
  estimateCalls({ train, val, trials, settings }) {
    if (!settings.validate) return train;
    // The teacher runs on the training set at most once per round; each candidate set is validated.
    return settings.rounds * train + trials * val;
  },
  async run(ctx) {
    if (!ctx.settings.validate) return blind(ctx);
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

/**
 * Without validation (DSPy's plain BootstrapFewShot): the teacher runs over the training set, its
 * expected answers taken in turn, until `maxBootstrapped` traces pass or the budget ends; the demos
 * found, filled up with labelled ones to `maxDemos` (they cost no call), make the result. One trial
 * in the history.
 */
async function blind(ctx: OptimizerContext): Promise<void> {
  const teacher = teacherProgram(ctx);
  // Answers in turn (every label before any repeats), so a few calls still show each answer once.
  const order = byAnswerInTurn(ctx.train);
  const { demos, exhausted } = await bootstrapDemos(ctx, teacher, order, ctx.settings.maxBootstrapped);
  const used = new Set(demos.map((d) => d.rowId!));
  const fill = labelledDemos(ctx, ctx.settings.maxDemos - demos.length, ctx.seed * 104729, used);
  const program = { ...ctx.baseProgram, demos: [...demos, ...fill] };
  ctx.choose(program, "bootstrap (not validated)");
  const traced = ctx.known(teacher, ctx.train).filter((r) => r !== undefined);
  ctx.record({
    optimizer: "bootstrap",
    choices: {
      set: "bootstrapped, in order (not validated)",
      bootstrapped: demos.length,
      labelled: fill.length,
    },
    programKey: programKey(program),
    // What was measured: the teacher's mean score on the training rows it ran.
    score: traced.reduce((s, r) => s + r.score, 0) / Math.max(1, traced.length),
    rows: traced.length,
    full: false,
  });
  if (exhausted) throw exhausted;
}

/** The rows with their expected answers taken in turn: one of each answer, then the next of each, … */
export function byAnswerInTurn(rows: readonly DatasetRow[]): DatasetRow[] {
  const groups = new Map<string, DatasetRow[]>();
  for (const row of rows) {
    const key = JSON.stringify(row.expected ?? null);
    const g = groups.get(key);
    if (g) g.push(row);
    else groups.set(key, [row]);
  }
  const lists = [...groups.values()];
  const out: DatasetRow[] = [];
  for (let i = 0; out.length < rows.length; i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]!);
  }
  return out;
}
