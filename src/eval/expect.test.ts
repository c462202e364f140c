import { describe, expect, it } from "vitest";
import { compare } from "./compare.js";
import { ComparisonAssertionError, expectNoErrors, expectSignificant, expectWinner } from "./expect.js";

const rows = Array.from({ length: 40 }, (_, i) => ({
  id: `q${i}`,
  input: { n: i },
  expected: String(i * 2),
}));
const right = (i: { n: number }) => String(i.n * 2);
const half = (i: { n: number }) => String(i.n % 2 ? i.n : i.n * 2);

describe("comparison assertions", () => {
  it("pass when the data say so, and fail with the verdict and the numbers when not", async () => {
    const r = await compare({ half, right }, rows);
    expectWinner(r, "right");
    expectSignificant(r);
    expectSignificant(r, { a: "half", b: "right", direction: "b-better" });
    expectNoErrors(r);
    expect(() => expectWinner(r, null)).toThrow(ComparisonAssertionError);
    expect(() => expectWinner(r, null)).toThrow(
      /Expected no winner, but the winner is "right"\.\nVerdict: right beats half/,
    );
    expect(() => expectSignificant(r, { a: "half", b: "right", direction: "a-better" })).toThrow(
      /\(a-better\), but there is none/,
    );
    expect(() => expectSignificant(r, { a: "x", b: "y" })).toThrow(/No comparison between "x" and "y"/);
  });

  it("lists the failed records", async () => {
    const broken = (i: { n: number }) => {
      if (i.n < 3) throw new Error("nope");
      return right(i);
    };
    const r = await compare({ right, broken }, rows);
    expect(() => expectNoErrors(r)).toThrow(/3 records failed:\n {2}broken on q0 \(run 0\): \[Error\] nope/);
  });
});
