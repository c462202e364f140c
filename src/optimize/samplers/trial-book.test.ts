import { describe, expect, it } from "vitest";
import type { FinishedTrial, TrialOutcome } from "../../core/ports.js";
import { TrialBook } from "./trial-book.js";

const done = (number: number, outcome: TrialOutcome = { state: "complete", values: [1] }): FinishedTrial => ({
  number,
  params: { x: number },
  outcome,
});

describe("TrialBook", () => {
  it("rejects outcomes that do not fit the study, naming the trial", () => {
    const book = new TrialBook(["maximize"]);
    const t = book.start({ x: 1 });
    const bad: unknown[] = [
      { state: "complete", values: [1, 2] },
      { state: "complete", values: [Number.NaN] },
      { state: "complete" },
      { state: "pruned", value: "high" },
      { state: "running" },
      null,
    ];
    for (const outcome of bad) {
      expect(() => book.finish(t, outcome as TrialOutcome), JSON.stringify(outcome)).toThrow(`trial ${t}`);
    }
    book.finish(t, { state: "pruned" });
    expect(book.list()).toEqual([{ number: t, params: { x: 1 }, outcome: { state: "pruned" } }]);
  });

  it("rejects bad reports", () => {
    const book = new TrialBook(["minimize"]);
    const t = book.start({});
    expect(() => book.record(t, -1, 0)).toThrow(/step/);
    expect(() => book.record(t, 0.5, 0)).toThrow(/step/);
    expect(() => book.record(t, 1, "0.5" as never)).toThrow(/value/);
    expect(book.record(t, 2, 0.5)).toEqual({ 2: 0.5 });
  });

  it("rejects seeded trials with repeated or known numbers, or outcomes that do not fit", () => {
    const book = new TrialBook(["maximize", "minimize"]);
    const two = { state: "complete" as const, values: [1, 2] };
    expect(() => book.seed([done(0, two), done(0, two)])).toThrow(/already known/);
    expect(() => book.seed([done(-1, two)])).toThrow(/integer >= 0/);
    expect(() => book.seed([done(0)])).toThrow(/2 value/);
    expect(() => book.seed([{ number: 0, params: null, outcome: two } as never])).toThrow(/params/);
    expect(() => book.seed("trials" as never)).toThrow(/array/);
    expect(book.list()).toEqual([]);
    book.seed([done(3, two), done(1, { state: "fail", reason: "x" })]);
    expect(() => book.seed([done(3, two)])).toThrow(/already known/);
    expect(book.list().map((t) => t.number)).toEqual([1, 3]);
    expect(book.start({})).toBe(4);
    expect(() => book.seed([done(4, two)])).toThrow(/already known/);
  });

  it("keeps what it was given apart from the caller's objects", () => {
    const book = new TrialBook(["maximize"]);
    const seeded = { ...done(0), intermediate: { 0: 1 } };
    book.seed([seeded]);
    seeded.params.x = 42;
    (seeded.intermediate as Record<number, number>)[0] = 42;
    expect(book.list()[0]).toEqual({ ...done(0), intermediate: { 0: 1 } });
  });
});
