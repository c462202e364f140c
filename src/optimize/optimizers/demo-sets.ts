import type { DatasetRow } from "../../core/ports.js";
import { Xoshiro128 } from "../../stats/rng.js";
import { type Demo, demoFromRow, type Program } from "../program.js";
import { BudgetExhausted } from "../run/budget.js";
import type { RowResult } from "../run/evaluator.js";
import { pick } from "../run/sample.js";
import type { OptimizerContext } from "../types.js";

/** A candidate set of demos and how it was made (for the history). */
export interface DemoSet {
  label: string;
  demos: Demo[];
}

/** The teacher: the given program, on the teacher model when one is set. */
export function teacherProgram(ctx: OptimizerContext, program: Program = ctx.baseProgram): Program {
  const t = ctx.settings.teacher;
  return typeof t === "string" ? { ...program, model: t } : program;
}

/** `k` labelled demos from the training set (a seeded pick). */
export function labelledDemos(
  ctx: OptimizerContext,
  k: number,
  seed: number,
  skip: ReadonlySet<string> = new Set(),
): Demo[] {
  const pool = ctx.train.filter((r) => !skip.has(r.id) && r.expected !== undefined);
  return pick(pool, k, seed).map((row) => demoFromRow(ctx.base, row));
}

/**
 * Runs the teacher over `rows` in order (in chunks, stopping once `want` traces passed the metric)
 * and turns each passing trace into a demo whose answer is the teacher's own output. Traces are
 * memoised, so other demo sets over the same rows cost nothing more. When the budget runs out
 * mid-way, the demos found so far come back with the reason (`exhausted`), for the caller to decide.
 */
export async function bootstrapDemos(
  ctx: OptimizerContext,
  teacher: Program,
  rows: readonly DatasetRow[],
  want: number,
): Promise<{ demos: Demo[]; exhausted?: BudgetExhausted }> {
  const demos: Demo[] = [];
  const chunk = Math.max(4, want * 2);
  for (let start = 0; start < rows.length && demos.length < want; start += chunk) {
    const part = rows.slice(start, start + chunk);
    let results: (RowResult | undefined)[];
    let exhausted: BudgetExhausted | undefined;
    try {
      results = (await ctx.evaluate(teacher, part)).results;
    } catch (error) {
      if (!(error instanceof BudgetExhausted)) throw error;
      results = ctx.known(teacher, part);
      exhausted = error;
    }
    for (const [i, r] of results.entries()) {
      if (demos.length >= want) break;
      if (r === undefined || r.error || r.score < ctx.settings.passThreshold) continue;
      demos.push(demoFromRow(ctx.base, part[i]!, { value: r.output, source: "bootstrapped" }));
    }
    if (exhausted) return { demos, exhausted };
  }
  return { demos };
}

/** The teacher's demos, or the budget's stop when it ran out first (the search stops with it). */
async function bootstrapOrStop(
  ctx: OptimizerContext,
  teacher: Program,
  rows: readonly DatasetRow[],
  want: number,
): Promise<Demo[]> {
  const { demos, exhausted } = await bootstrapDemos(ctx, teacher, rows, want);
  if (exhausted) throw exhausted;
  return demos;
}

/**
 * Candidate demo sets in DSPy's BootstrapFewShotWithRandomSearch order: zero-shot, labelled only,
 * bootstrapped in training order, then random shuffles with a random number of bootstrapped demos,
 * each filled up with labelled demos to `maxDemos`.
 */
export async function demoSets(
  ctx: OptimizerContext,
  count: number,
  teacher: Program,
  round = 0,
): Promise<DemoSet[]> {
  const { maxDemos, maxBootstrapped } = ctx.settings;
  const sets: DemoSet[] = [];
  const seedBase = ctx.seed * 104729 + round * 7727;
  for (let s = -3; s < count - 3 && !ctx.done(); s++) {
    if (s === -3) {
      if (round === 0) sets.push({ label: "zero-shot", demos: [] });
      continue;
    }
    if (s === -2) {
      if (round === 0) sets.push({ label: "labelled only", demos: labelledDemos(ctx, maxDemos, seedBase) });
      continue;
    }
    const shuffled = s === -1 ? ctx.train : pick(ctx.train, ctx.train.length, seedBase + s + 1);
    const want =
      s === -1 || maxBootstrapped === 0
        ? maxBootstrapped
        : 1 + new Xoshiro128(seedBase + s).nextBelow(maxBootstrapped);
    const boot = await bootstrapOrStop(ctx, teacher, shuffled, Math.min(want, maxDemos));
    const used = new Set(boot.map((d) => d.rowId!));
    const fill = labelledDemos(ctx, maxDemos - boot.length, seedBase + s + 101, used);
    sets.push({
      label: s === -1 ? "bootstrapped, in order" : `bootstrapped, shuffle ${s}`,
      demos: [...boot, ...fill],
    });
  }
  return sets;
}
