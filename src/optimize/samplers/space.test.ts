import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { SearchSpace } from "../../core/ports.js";
import { fitsSpec, onGrid, validateDirections, validateSpace } from "./space.js";

function problemOf(space: unknown): string {
  try {
    validateSpace(space as SearchSpace);
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
  return "accepted";
}

describe("validateSpace", () => {
  it("accepts every kind of valid dimension", () => {
    const space: SearchSpace = {
      a: { type: "float", low: -1, high: 1 },
      b: { type: "float", low: 1e-5, high: 1, log: true },
      c: { type: "float", low: 0, high: 1, step: 0.1 },
      d: { type: "int", low: 1, high: 100, log: true },
      e: { type: "int", low: 1, high: 100, log: true, step: 1 },
      f: { type: "int", low: 0, high: 9, step: 3 },
      g: { type: "categorical", choices: [null, true, false, 0, 1, "1"] },
      h: { type: "float", low: 2, high: 2 },
    };
    expect(problemOf(space)).toBe("accepted");
    expect(problemOf({})).toBe("accepted");
  });

  it.each([
    ["low > high", { p: { type: "float", low: 2, high: 1 } }, /low \(2\) is greater than high \(1\)/],
    ["no choices", { p: { type: "categorical", choices: [] } }, /at least one choice/],
    ["choices not an array", { p: { type: "categorical", choices: "ab" } }, /at least one choice/],
    ["a repeated choice", { p: { type: "categorical", choices: ["a", "a"] } }, /listed twice/],
    ["a NaN choice", { p: { type: "categorical", choices: [Number.NaN] } }, /choice 0/],
    ["an object choice", { p: { type: "categorical", choices: ["a", {}] } }, /choice 1/],
    ["log with low 0", { p: { type: "float", low: 0, high: 1, log: true } }, /low > 0/],
    ["step 0", { p: { type: "int", low: 0, high: 10, step: 0 } }, /positive/],
    ["negative step", { p: { type: "float", low: 0, high: 1, step: -0.1 } }, /positive/],
    ["a step that does not fit", { p: { type: "float", low: 0, high: 1, step: 0.3 } }, /not a multiple/],
    ["an int step that does not fit", { p: { type: "int", low: 0, high: 10, step: 3 } }, /not a multiple/],
    ["a fractional int step", { p: { type: "int", low: 0, high: 10, step: 2.5 } }, /integer/],
    ["a fractional int bound", { p: { type: "int", low: 0.5, high: 10 } }, /integer/],
    [
      "log with a step",
      { p: { type: "float", low: 1, high: 2, log: true, step: 0.5 } },
      /log range cannot have a step/,
    ],
    ["NaN low", { p: { type: "float", low: Number.NaN, high: 1 } }, /low must be a finite number/],
    [
      "infinite high",
      { p: { type: "float", low: 0, high: Number.POSITIVE_INFINITY } },
      /high must be a finite/,
    ],
    ["a string bound", { p: { type: "float", low: "0", high: 1 } }, /low must be a finite/],
    ["an unknown type", { p: { type: "bool" } }, /unknown type "bool"/],
    ["no spec", { p: null }, /expected a spec object/],
    ["a non-boolean log", { p: { type: "float", low: 1, high: 2, log: "yes" } }, /log must be true or false/],
  ])("rejects %s, naming the parameter", (_, space, problem) => {
    const message = problemOf(space);
    expect(message).toContain('"p"');
    expect(message).toMatch(problem);
  });

  it("rejects a space that is not an object", () => {
    expect(problemOf(null)).toMatch(/search space/);
    expect(problemOf([])).toMatch(/search space/);
  });
});

describe("fitsSpec and onGrid", () => {
  it("tells values a spec allows from those it does not", () => {
    expect(fitsSpec({ type: "int", low: 0, high: 9, step: 3 }, 6)).toBe(true);
    expect(fitsSpec({ type: "int", low: 0, high: 9, step: 3 }, 5)).toBe(false);
    expect(fitsSpec({ type: "int", low: 0, high: 9 }, 2.5)).toBe(false);
    expect(fitsSpec({ type: "float", low: 0, high: 1 }, 1.5)).toBe(false);
    expect(fitsSpec({ type: "float", low: 0, high: 1 }, "0.5")).toBe(false);
    expect(fitsSpec({ type: "categorical", choices: [1, null] }, null)).toBe(true);
    expect(fitsSpec({ type: "categorical", choices: [1, null] }, "1")).toBe(false);
  });

  it("puts grid values at readable decimals and inside the range", () => {
    expect(onGrid({ type: "float", low: 0, high: 1, step: 0.1 }, 3)).toBe(0.3);
    expect(onGrid({ type: "float", low: 0, high: 1, step: 0.1 }, 12)).toBe(1);
    expect(onGrid({ type: "int", low: -4, high: 8, step: 4 }, 2)).toBe(4);
  });
});

describe("validateDirections", () => {
  it("accepts maximize and minimize and rejects anything else", () => {
    expect(validateDirections(["minimize", "maximize"])).toEqual(["minimize", "maximize"]);
    expect(() => validateDirections([])).toThrow(/non-empty/);
    expect(() => validateDirections("maximize")).toThrow(/non-empty array/);
    expect(() => validateDirections(["max"])).toThrow(/"max"/);
  });
});
