import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { formatPageRange, type PageRange, pageRuns, parsePageRange } from "./pages.js";

function errorOf(range: PageRange, pageCount: number): InvalidArgumentError {
  try {
    parsePageRange(range, pageCount);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`parsePageRange(${JSON.stringify(range)}, ${pageCount}) did not throw`);
}

describe("parsePageRange", () => {
  it("selects every page when no range is given", () => {
    expect(parsePageRange(undefined, 4)).toEqual([1, 2, 3, 4]);
  });

  it.each<[PageRange, number[]]>([
    ["1-3,5", [1, 2, 3, 5]],
    [" 2 - 3 , 1 ", [1, 2, 3]],
    ["7-", [7, 8, 9, 10]],
    ["5,1-2,2", [1, 2, 5]],
    ["4", [4]],
    [4, [4]],
    [
      [3, 1, 3],
      [1, 3],
    ],
    [{ from: 2, to: 4 }, [2, 3, 4]],
    [{ from: 9 }, [9, 10]],
  ])("%j → %j (of 10 pages)", (range, pages) => {
    expect(parsePageRange(range, 10)).toEqual(pages);
  });

  it.each<[PageRange, string]>([
    ["0", "page 0 is out of range"],
    ["11", "page 11 is out of range"],
    ["2-12", 'page 12 in "2-12" is out of range'],
    ["5-3", '"5-3" runs backwards'],
    ["1,,2", 'cannot read ""'],
    ["one", 'cannot read "one"'],
    ["-3", 'cannot read "-3"'],
    ["", 'cannot read ""'],
    [[], "the selection has no pages"],
    [[1, 2.5], "page 2.5 is not a whole number"],
    [[0], "page 0 is out of range"],
    [{ from: 3, to: 2 }, "runs backwards"],
    [{ from: 1, to: 99 }, "page 99"],
  ])("%j fails: %s", (range, problem) => {
    const error = errorOf(range, 10);
    expect(error.code).toBe("FP_INVALID_ARGUMENT");
    expect(error.argument).toBe("pages");
    expect(error.message).toContain(problem);
    expect(error.message).toContain("the PDF has 10 pages");
    expect(error.hint).toContain("from 1 to 10");
  });

  it("names a one-page PDF in the singular", () => {
    expect(errorOf(2, 1).message).toContain("the PDF has 1 page)");
  });

  it("rejects a value of the wrong type", () => {
    expect(errorOf(true as unknown as PageRange, 3).message).toContain("got boolean");
  });
});

describe("formatPageRange and pageRuns", () => {
  it("writes runs compactly", () => {
    expect(formatPageRange([5, 1, 2, 3, 3])).toBe("1-3,5");
    expect(formatPageRange([2, 4, 5])).toBe("2,4-5");
    expect(formatPageRange([])).toBe("");
    expect(pageRuns([1, 2, 3, 5, 7, 8])).toEqual([
      [1, 3],
      [5, 5],
      [7, 8],
    ]);
  });

  const selection = fc
    .integer({ min: 1, max: 300 })
    .chain((pageCount) =>
      fc.tuple(
        fc.constant(pageCount),
        fc.uniqueArray(fc.integer({ min: 1, max: pageCount }), { minLength: 1, maxLength: pageCount }),
      ),
    );

  it("parse(format(pages)) gives the pages back, sorted and unique", () => {
    fc.assert(
      fc.property(selection, ([pageCount, pages]) => {
        const sorted = [...pages].sort((a, b) => a - b);
        expect(parsePageRange(formatPageRange(pages), pageCount)).toEqual(sorted);
        expect(parsePageRange(pages, pageCount)).toEqual(sorted);
      }),
    );
  });

  it("any range string gives sorted, unique pages inside the PDF, or an InvalidArgumentError", () => {
    const part = fc.oneof(
      fc.integer({ min: -2, max: 60 }).map(String),
      fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).map(([a, b]) => `${a}-${b}`),
      fc.integer({ min: 0, max: 60 }).map((a) => `${a}-`),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 50 }),
        (parts, count) => {
          let pages: number[];
          try {
            pages = parsePageRange(parts.join(","), count);
          } catch (error) {
            expect(InvalidArgumentError.isInstance(error)).toBe(true);
            return;
          }
          expect(pages.length).toBeGreaterThan(0);
          for (const [i, page] of pages.entries()) {
            expect(Number.isInteger(page) && page >= 1 && page <= count).toBe(true);
            if (i > 0) expect(page).toBeGreaterThan(pages[i - 1]!);
          }
        },
      ),
    );
  });
});
