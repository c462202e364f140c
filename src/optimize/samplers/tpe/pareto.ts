/**
 * Pareto helpers for multi-objective TPE. Every vector is a loss (smaller is better in each
 * coordinate): callers negate the objectives they maximize.
 */

/** Whether `a` dominates `b`: no worse anywhere and better somewhere. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! > b[i]!) return false;
    if (a[i]! < b[i]!) better = true;
  }
  return better;
}

/** Each point's non-domination rank: 0 for the Pareto front, 1 for the front once it is removed, …. */
export function nonDominatedRanks(points: readonly (readonly number[])[]): number[] {
  const n = points.length;
  const dominatedBy = new Array<number>(n).fill(0);
  const dominating: number[][] = points.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (dominates(points[i]!, points[j]!)) {
        dominating[i]!.push(j);
        dominatedBy[j]!++;
      } else if (dominates(points[j]!, points[i]!)) {
        dominating[j]!.push(i);
        dominatedBy[i]!++;
      }
    }
  }
  const ranks = new Array<number>(n).fill(-1);
  let front = dominatedBy.flatMap((count, i) => (count === 0 ? [i] : []));
  for (let rank = 0; front.length > 0; rank++) {
    const next: number[] = [];
    for (const i of front) {
      ranks[i] = rank;
      for (const j of dominating[i]!) if (--dominatedBy[j]! === 0) next.push(j);
    }
    front = next;
  }
  return ranks;
}

/**
 * The hypervolume dominated by `points` and bounded by `reference` (Lebesgue measure of the union of
 * the boxes [p, reference]), by slicing along the last coordinate (HSO; fine for the few dozen
 * points and objectives a prompt search has).
 */
export function hypervolume(points: readonly (readonly number[])[], reference: readonly number[]): number {
  const inside = points.filter((p) => p.every((v, i) => v < reference[i]!));
  if (inside.length === 0) return 0;
  const d = reference.length;
  if (d === 1) return reference[0]! - Math.min(...inside.map((p) => p[0]!));
  const sorted = [...inside].sort((a, b) => a[d - 1]! - b[d - 1]!);
  const projectedReference = reference.slice(0, d - 1);
  let volume = 0;
  for (let i = 0; i < sorted.length; i++) {
    const top = i + 1 < sorted.length ? sorted[i + 1]![d - 1]! : reference[d - 1]!;
    const depth = top - sorted[i]![d - 1]!;
    if (depth <= 0) continue;
    const slice = sorted.slice(0, i + 1).map((p) => p.slice(0, d - 1));
    volume += depth * hypervolume(slice, projectedReference);
  }
  return volume;
}

/** Optuna's reference point for a front: 1.1 × the worst loss (0.9 × if negative), 1e-12 for 0. */
export function referencePoint(points: readonly (readonly number[])[]): number[] {
  const d = points[0]!.length;
  return Array.from({ length: d }, (_, i) => {
    const worst = Math.max(...points.map((p) => p[i]!));
    const r = Math.max(1.1 * worst, 0.9 * worst);
    return r === 0 ? 1e-12 : r;
  });
}

/**
 * Picks `k` of `points` greedily, each time the one adding the most hypervolume to those already
 * picked (the greedy answer to the hypervolume subset selection problem, as Optuna's MOTPE breaks
 * ties in the last front it splits). Returns indices into `points`, in the order picked.
 */
export function selectByHypervolume(points: readonly (readonly number[])[], k: number): number[] {
  if (k <= 0) return [];
  if (k >= points.length) return points.map((_, i) => i);
  const reference = referencePoint(points);
  const picked: number[] = [];
  const chosen: (readonly number[])[] = [];
  let base = 0;
  while (picked.length < k) {
    let best = -1;
    let bestGain = Number.NEGATIVE_INFINITY;
    points.forEach((p, i) => {
      if (picked.includes(i)) return;
      const gain = hypervolume([...chosen, p], reference) - base;
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    });
    picked.push(best);
    chosen.push(points[best]!);
    base += bestGain;
  }
  return picked;
}
