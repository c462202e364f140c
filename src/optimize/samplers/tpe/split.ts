import type { FinishedTrial } from "../../../core/ports.js";
import type { Direction } from "../space.js";
import { nonDominatedRanks, selectByHypervolume } from "./pareto.js";

/** The trials l(x) is fitted to ("below": the good ones) and those g(x) is fitted to ("above"). */
export interface Split {
  below: FinishedTrial[];
  above: FinishedTrial[];
}

function completeValues(trial: FinishedTrial): readonly number[] {
  return trial.outcome.state === "complete" ? trial.outcome.values : [];
}

/** Losses: objectives to maximize are negated so smaller is better everywhere. */
function losses(trial: FinishedTrial, directions: readonly Direction[]): number[] {
  return completeValues(trial).map((v, i) => (directions[i] === "maximize" ? -v : v));
}

function splitSingleObjective(trials: readonly FinishedTrial[], n: number, direction: Direction): Split {
  const sign = direction === "maximize" ? -1 : 1;
  const sorted = [...trials].sort((a, b) => sign * (completeValues(a)[0]! - completeValues(b)[0]!));
  return { below: sorted.slice(0, n), above: sorted.slice(n) };
}

/**
 * Whole non-domination fronts go below while they fit in `n`; the front that does not fit is split by
 * greedy hypervolume contribution (Optuna's MOTPE; not crowding distance).
 */
function splitMultiObjective(
  trials: readonly FinishedTrial[],
  n: number,
  directions: readonly Direction[],
): Split {
  if (n === 0) return { below: [], above: [...trials] };
  if (n >= trials.length) return { below: [...trials], above: [] };
  const points = trials.map((t) => losses(t, directions));
  const ranks = nonDominatedRanks(points);
  const isBelow = new Array<boolean>(trials.length).fill(false);
  let taken = 0;
  for (let rank = 0; taken < n; rank++) {
    const front = ranks.flatMap((r, i) => (r === rank ? [i] : []));
    const picks =
      front.length <= n - taken
        ? front
        : selectByHypervolume(
            front.map((i) => points[i]!),
            n - taken,
          ).map((j) => front[j]!);
    for (const i of picks) isBelow[i] = true;
    taken += picks.length;
  }
  return {
    below: trials.filter((_, i) => isBelow[i]),
    above: trials.filter((_, i) => !isBelow[i]),
  };
}

/**
 * A pruned trial's rank key, smaller is better (Optuna's): trials that got further (a later last
 * step) first, then by their value at that step; NaN last within its step. A pruned trial with no
 * intermediate values ranks by its outcome value as if reported at step 0, or last of all.
 */
function prunedKey(trial: FinishedTrial, direction: Direction): [number, number] {
  const steps = Object.keys(trial.intermediate ?? {}).map(Number);
  let step = 0;
  let value = trial.outcome.state === "pruned" ? trial.outcome.value : undefined;
  if (steps.length > 0) {
    step = Math.max(...steps);
    value = trial.intermediate![step];
  }
  if (value === undefined) return [1, 0];
  if (Number.isNaN(value)) return [-step, Number.POSITIVE_INFINITY];
  return [-step, direction === "maximize" ? -value : value];
}

function splitPruned(trials: readonly FinishedTrial[], n: number, direction: Direction): Split {
  const keyed = trials.map((t) => ({ t, key: prunedKey(t, direction) }));
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1]);
  const sorted = keyed.map((k) => k.t);
  return { below: sorted.slice(0, n), above: sorted.slice(n) };
}

const byNumber = (a: FinishedTrial, b: FinishedTrial) => a.number - b.number;

/**
 * Splits complete and pruned trials (failed ones are ignored) into the best `nBelow` and the rest.
 * Complete trials rank first (by value, or by Pareto front and hypervolume with several
 * objectives); pruned trials fill what is left of `nBelow` (ranked in the first direction). Both
 * halves come back in trial-number order, as the kernel weights expect.
 */
export function splitTrials(
  trials: readonly FinishedTrial[],
  nBelow: number,
  directions: readonly Direction[],
): Split {
  const complete = trials.filter((t) => t.outcome.state === "complete");
  const pruned = trials.filter((t) => t.outcome.state === "pruned");
  const nComplete = Math.min(nBelow, complete.length);
  const first =
    directions.length === 1
      ? splitSingleObjective(complete, nComplete, directions[0]!)
      : splitMultiObjective(complete, nComplete, directions);
  const rest = splitPruned(
    pruned,
    Math.max(0, Math.min(nBelow - first.below.length, pruned.length)),
    directions[0]!,
  );
  return {
    below: [...first.below, ...rest.below].sort(byNumber),
    above: [...first.above, ...rest.above].sort(byNumber),
  };
}
