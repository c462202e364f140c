import { describe, expect, it } from "vitest";
import type { FinishedTrial } from "../../../core/ports.js";
import { dominates, hypervolume, nonDominatedRanks, referencePoint, selectByHypervolume } from "./pareto.js";
import { splitTrials } from "./split.js";

const complete = (number: number, ...values: number[]): FinishedTrial => ({
  number,
  params: {},
  outcome: { state: "complete", values },
});

const pruned = (number: number, intermediate?: Record<number, number>, value?: number): FinishedTrial => ({
  number,
  params: {},
  outcome: value === undefined ? { state: "pruned" } : { state: "pruned", value },
  ...(intermediate ? { intermediate } : {}),
});

const numbers = (trials: readonly FinishedTrial[]) => trials.map((t) => t.number);

describe("splitTrials, one objective", () => {
  const trials = [complete(0, 5), complete(1, 1), complete(2, 9), complete(3, 3), complete(4, 7)];

  it("puts the best n below, both halves in trial order", () => {
    expect(numbers(splitTrials(trials, 2, ["maximize"]).below)).toEqual([2, 4]);
    expect(numbers(splitTrials(trials, 2, ["maximize"]).above)).toEqual([0, 1, 3]);
    expect(numbers(splitTrials(trials, 2, ["minimize"]).below)).toEqual([1, 3]);
    expect(numbers(splitTrials(trials, 0, ["minimize"]).below)).toEqual([]);
  });

  it("ranks pruned trials after complete ones: later last step first, then by value there", () => {
    const mixed = [
      ...trials.slice(0, 2),
      pruned(10, { 0: 9, 1: 1 }),
      pruned(11, { 0: 9, 1: 2, 2: 0 }),
      pruned(12, { 0: 9, 1: 3 }),
      pruned(13, { 0: 9, 1: Number.NaN }),
      pruned(14),
      pruned(15, undefined, 100),
    ];
    expect(numbers(splitTrials(mixed, 2, ["maximize"]).below)).toEqual([0, 1]);
    expect(numbers(splitTrials(mixed, 3, ["maximize"]).below)).toEqual([0, 1, 11]);
    expect(numbers(splitTrials(mixed, 4, ["maximize"]).below)).toEqual([0, 1, 11, 12]);
    expect(numbers(splitTrials(mixed, 4, ["minimize"]).below)).toEqual([0, 1, 10, 11]);
    expect(numbers(splitTrials(mixed, 6, ["maximize"]).below)).toEqual([0, 1, 10, 11, 12, 13]);
    // No intermediate values: the outcome's value at step 0 beats nothing at all.
    expect(numbers(splitTrials(mixed, 7, ["maximize"]).below)).toEqual([0, 1, 10, 11, 12, 13, 15]);
  });

  it("ignores failed trials", () => {
    const withFail: FinishedTrial[] = [{ number: 9, params: {}, outcome: { state: "fail" } }, ...trials];
    const split = splitTrials(withFail, 3, ["maximize"]);
    expect([...numbers(split.below), ...numbers(split.above)]).not.toContain(9);
  });
});

describe("splitTrials, several objectives", () => {
  // Losses after negating the first (maximized) objective: (−a, b).
  const values = [
    [1, 1], // losses (−1, 1): front 0
    [3, 3], // (−3, 3): front 0
    [2, 2], // (−2, 2): front 1, dominated by trial 4
    [0, 4], // (0, 4): front 2
    [2.9, 1.1], // (−2.9, 1.1): front 0
  ];
  const trials = values.map(([a, b], i) => complete(i, a!, b!));

  it("takes whole fronts first, then splits the last one by hypervolume contribution", () => {
    const ranks = nonDominatedRanks(values.map(([a, b]) => [-a!, b!]));
    expect(ranks).toEqual([0, 0, 1, 2, 0]);
    expect(numbers(splitTrials(trials, 3, ["maximize", "minimize"]).below)).toEqual([0, 1, 4]);
    expect(numbers(splitTrials(trials, 4, ["maximize", "minimize"]).below)).toEqual([0, 1, 2, 4]);
    const two = splitTrials(trials, 2, ["maximize", "minimize"]);
    expect(two.below).toHaveLength(2);
    expect(numbers(two.below)).toContain(4);
    expect(numbers(splitTrials(trials, 5, ["maximize", "minimize"]).above)).toEqual([]);
  });
});

describe("Pareto helpers", () => {
  it("knows domination", () => {
    expect(dominates([1, 1], [1, 2])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([0, 3], [1, 2])).toBe(false);
  });

  it("measures hypervolume in one, two and three dimensions", () => {
    expect(hypervolume([[0.25], [0.5]], [1])).toBe(0.75);
    expect(
      hypervolume(
        [
          [0, 1],
          [1, 0],
          [0.5, 0.5],
        ],
        [2, 2],
      ),
    ).toBeCloseTo(3.25, 12);
    expect(
      hypervolume(
        [
          [0, 0.5, 0.5],
          [0.5, 0, 0.5],
        ],
        [1, 1, 1],
      ),
    ).toBeCloseTo(0.375, 12);
    expect(hypervolume([[3, 3]], [2, 2])).toBe(0);
  });

  it("picks the largest contributions greedily", () => {
    const front = [
      [0, 1],
      [0.5, 0.5],
      [1, 0],
    ];
    expect(referencePoint(front)).toEqual([1.1, 1.1]);
    expect(referencePoint([[-1, 0]])).toEqual([-0.9, 1e-12]);
    expect(selectByHypervolume(front, 1)).toEqual([1]);
    expect(selectByHypervolume(front, 3)).toEqual([0, 1, 2]);
    expect(selectByHypervolume(front, 0)).toEqual([]);
  });
});
