import { Xoshiro128 } from "../../stats/rng.js";
import { reflect } from "../instructions/propose.js";
import type { Program } from "../program.js";
import { pick } from "../run/sample.js";
import type { Candidate, Optimizer, OptimizerContext } from "../types.js";

/** Rows per reflection minibatch (GEPA's default). */
const REFLECTION_MINIBATCH = 3;
/** Try a merge every this many iterations, when two front members have different parts. */
const MERGE_EVERY = 5;

/**
 * The candidates on the Pareto front over validation rows: those that reach the best score on at
 * least one row, each weighted by how many rows it is best on (GEPA's selection, Agrawal et al. 2025).
 * A candidate dominated by another (never better, somewhere worse) is dropped.
 */
export function paretoFront(candidates: readonly Candidate[]): { candidate: Candidate; weight: number }[] {
  if (candidates.length === 0) return [];
  const n = candidates[0]!.scores.length;
  const wins = new Map<Candidate, number>();
  for (let row = 0; row < n; row++) {
    const best = Math.max(...candidates.map((c) => c.scores[row] ?? 0));
    for (const c of candidates) if ((c.scores[row] ?? 0) === best) wins.set(c, (wins.get(c) ?? 0) + 1);
  }
  const front = [...wins.keys()].filter(
    (c) => !candidates.some((d) => d !== c && dominates(d.scores, c.scores)),
  );
  return front.map((candidate) => ({ candidate, weight: wins.get(candidate)! }));
}

function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if ((a[i] ?? 0) < (b[i] ?? 0)) return false;
    if ((a[i] ?? 0) > (b[i] ?? 0)) better = true;
  }
  return better;
}

function choose(front: { candidate: Candidate; weight: number }[], rng: Xoshiro128): Candidate {
  const total = front.reduce((s, f) => s + f.weight, 0);
  let u = rng.nextFloat() * total;
  for (const f of front) {
    u -= f.weight;
    if (u < 0) return f.candidate;
  }
  return front[front.length - 1]!.candidate;
}

/**
 * GEPA-style reflective evolution: pick a parent from the Pareto front, run it on a small training
 * minibatch, let the reflection model read the outputs and the metric's feedback and write an
 * improved instruction, and keep the child only when it does better on that same minibatch; kept
 * children are validated in full and join the front. Every few iterations two front members with
 * different instructions and demos are merged. Each iteration is one trial in the history.
 */
export const gepaOptimizer: Optimizer = {
  name: "gepa",
  estimateCalls({ val, trials }) {
    // Per iteration: parent and child on a minibatch, one reflection; an accepted child is validated.
    return trials * (2 * REFLECTION_MINIBATCH + 1) + Math.ceil(trials / 2) * val;
  },
  async run(ctx) {
    const rng = new Xoshiro128(ctx.seed ^ 0x6e7a);
    for (let it = 0; !ctx.done(); it++) {
      const front = paretoFront(ctx.candidates());
      if (front.length === 0) break;
      if (it > 0 && it % MERGE_EVERY === 0 && (await tryMerge(ctx, front, it))) continue;
      const parent = choose(front, rng);
      const rows = pick(ctx.train, REFLECTION_MINIBATCH, ctx.seed * 8191 + it);
      const before = await ctx.evaluate(parent.program, rows);
      const choices = { iteration: it, parent: parent.key };
      if (before.results.every((r) => r.score >= 1)) {
        ctx.record({
          optimizer: "gepa",
          choices: { ...choices, skipped: "all correct" },
          programKey: parent.key,
          score: before.mean,
          rows: rows.length,
          full: false,
        });
        continue;
      }
      const instruction = await reflect(
        ctx,
        parent.program.instruction,
        rows,
        before.results,
        `${parent.key}:${it}`,
      );
      if (instruction === undefined || instruction === parent.program.instruction) {
        ctx.record({
          optimizer: "gepa",
          choices: { ...choices, skipped: "no new instruction" },
          programKey: parent.key,
          score: before.mean,
          rows: rows.length,
          full: false,
        });
        continue;
      }
      const child: Program = { ...parent.program, instruction };
      const after = await ctx.evaluate(child, rows);
      const accepted = after.mean > before.mean;
      if (accepted) await ctx.validate(child, `gepa ${it}: reflection on ${parent.origin}`);
      ctx.record({
        optimizer: "gepa",
        choices: { ...choices, accepted },
        programKey: after.key,
        score: after.mean,
        rows: rows.length,
        full: false,
      });
    }
  },
};

/** Merges the instruction of one front member with the demos and parameters of another. */
async function tryMerge(
  ctx: OptimizerContext,
  front: { candidate: Candidate; weight: number }[],
  it: number,
): Promise<boolean> {
  for (const { candidate: a } of front) {
    for (const { candidate: b } of front) {
      if (a === b || a.program.instruction === b.program.instruction) continue;
      const differentDemos =
        a.program.demos.map((d) => d.user).join() !== b.program.demos.map((d) => d.user).join();
      if (!differentDemos) continue;
      const child: Program = { ...b.program, instruction: a.program.instruction };
      const rows = pick(ctx.train, REFLECTION_MINIBATCH * 2, ctx.seed * 131 + it);
      const [ca, cb, cc] = [
        await ctx.evaluate(a.program, rows),
        await ctx.evaluate(b.program, rows),
        await ctx.evaluate(child, rows),
      ];
      const accepted = cc.mean >= Math.max(ca.mean, cb.mean) && cc.key !== ca.key && cc.key !== cb.key;
      if (accepted) await ctx.validate(child, `gepa ${it}: merge`);
      ctx.record({
        optimizer: "gepa",
        choices: { iteration: it, merge: `${a.key}+${b.key}`, accepted },
        programKey: cc.key,
        score: cc.mean,
        rows: rows.length,
        full: false,
      });
      return true;
    }
  }
  return false;
}
