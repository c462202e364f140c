import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";

/**
 * Which pages of a PDF to use, 1-based and inclusive:
 * - a string of pages and ranges, `"1-3,5"`, `"7-"` (7 to the end);
 * - one page number, `4`;
 * - a list of page numbers, `[1, 3]` (pages 1 and 3; order and repeats do not matter);
 * - a range, `{ from: 2, to: 4 }` (`to` defaults to the last page).
 */
export type PageRange = number | string | readonly number[] | { from: number; to?: number | undefined };

const plural = (n: number) => `${n} page${n === 1 ? "" : "s"}`;

function fail(problem: string, pageCount: number): never {
  throw new InvalidArgumentError(
    "pages",
    `${problem} (the PDF has ${plural(pageCount)}).`,
    `Pick pages from 1 to ${pageCount}, e.g. "1-${Math.min(3, pageCount)}", [1, 3] or { from: 1, to: ${pageCount} }.`,
  );
}

function checkPage(page: number, pageCount: number, what = `page ${page}`): number {
  if (!Number.isInteger(page)) fail(`${what} is not a whole number`, pageCount);
  if (page < 1 || page > pageCount) fail(`${what} is out of range`, pageCount);
  return page;
}

function span(from: number, to: number, pageCount: number, label: string): number[] {
  checkPage(from, pageCount, `page ${from} in ${label}`);
  checkPage(to, pageCount, `page ${to} in ${label}`);
  if (to < from) fail(`${label} runs backwards`, pageCount);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function parseString(range: string, pageCount: number): number[] {
  const pages: number[] = [];
  for (const raw of range.split(",")) {
    const part = raw.trim();
    const match = /^(\d+)(?:\s*-\s*(\d*))?$/.exec(part);
    if (match === null)
      fail(`cannot read "${part}" in "${range}" (write pages like "1-3,5" or "7-")`, pageCount);
    const from = Number(match[1]);
    if (match[2] === undefined) pages.push(checkPage(from, pageCount));
    else pages.push(...span(from, match[2] === "" ? pageCount : Number(match[2]), pageCount, `"${part}"`));
  }
  return pages;
}

/**
 * The pages a `PageRange` selects, sorted and without repeats; every page of the PDF when `range`
 * is undefined.
 *
 * @throws InvalidArgumentError (argument "pages") for a page outside 1…pageCount, a range that runs
 *   backwards, a string it cannot read, or a selection with no pages. The message names the page count.
 */
export function parsePageRange(range: PageRange | undefined, pageCount: number): number[] {
  if (!Number.isInteger(pageCount) || pageCount < 1) fail("the PDF has no pages to pick from", pageCount);
  let pages: number[];
  if (range === undefined) return Array.from({ length: pageCount }, (_, i) => i + 1);
  if (typeof range === "number") pages = [checkPage(range, pageCount)];
  else if (typeof range === "string") pages = parseString(range, pageCount);
  else if (Array.isArray(range)) pages = range.map((page: number) => checkPage(page, pageCount));
  else if (typeof range === "object" && range !== null && "from" in range) {
    const { from, to = pageCount } = range as { from: number; to?: number };
    pages = span(from, to, pageCount, `{ from: ${from}, to: ${to} }`);
  } else
    fail(`expected "1-3,5", a page number, a list of pages or { from, to }, got ${typeof range}`, pageCount);
  if (pages.length === 0) fail("the selection has no pages", pageCount);
  return [...new Set(pages)].sort((a, b) => a - b);
}

/** The shortest string for a set of pages: [1, 2, 3, 5] → "1-3,5". Input in any order; repeats ignored. */
export function formatPageRange(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** Consecutive runs of sorted pages: [1, 2, 3, 5] → [[1, 3], [5, 5]]. */
export function pageRuns(pages: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const page of pages) {
    const last = runs.at(-1);
    if (last !== undefined && page === last[1] + 1) last[1] = page;
    else runs.push([page, page]);
  }
  return runs;
}
