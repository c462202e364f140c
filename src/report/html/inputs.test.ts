import { describe, expect, it } from "vitest";
import { record, records, source } from "../test-utils/fixtures.js";
import { renderHtml } from "./index.js";
import { inputOrder } from "./test-utils/page.js";

describe("renderHtml: the per-input view", () => {
  it("lists the inputs where the variants disagree first, widest gap first, then by id", () => {
    const recs = [
      ...Array.from({ length: 12 }, (_, i) => record("a", i, 1)),
      ...Array.from({ length: 12 }, (_, i) => record("b", i, i === 10 ? 0 : i === 3 ? 0.5 : i === 7 ? 0 : 1)),
    ];
    const out = renderHtml(source(recs));
    expect(inputOrder(out)).toEqual([
      "q7",
      "q10",
      "q3",
      "q0",
      "q1",
      "q2",
      "q4",
      "q5",
      "q6",
      "q8",
      "q9",
      "q11",
    ]);
    expect(out).toContain(
      "12 inputs; the variants disagree on <strong>3</strong> (listed first, widest gap first).",
    );
    expect(out).toMatch(
      /<tr class="disagree" data-disagree="1" data-category=""><th scope="row" data-sort="q7">/,
    );
    expect(out).toMatch(/<tr data-disagree="0" data-category=""><th scope="row" data-sort="q0">/);
  });

  it("shows each variant's score, its runs, its output and its errors", () => {
    const recs = [0, 1].flatMap((run) => [
      record("a", 0, 1, { run, output: "yes" }),
      record("b", 0, run === 0 ? 1 : 0, {
        run,
        output: run === 0 ? "yes" : null,
        ...(run === 1 && {
          error: { code: "FP_TIMEOUT", message: "took too long", stage: "variant" as const },
        }),
      }),
    ]);
    const out = renderHtml(source(recs));
    expect(out).toContain(
      '<td data-col="0" data-sort="1.0000" class="s-pass"><div class="score">1.00 <span class="muted small">runs 1.00 / 1.00</span></div><code class="out">yes</code></td>',
    );
    expect(out).toContain(
      '<div class="score">0.50 <span class="muted small">runs 1.00 / 0.00</span></div><div class="err"><strong>FP_TIMEOUT</strong>: took too long</div><code class="out">yes</code>',
    );
    const single = renderHtml(source());
    expect(single).toContain('<div class="score">✓ pass</div><code class="out">right</code>');
    expect(single).toContain('<div class="score">✗ fail</div><code class="out">wrong</code>');
  });

  it("offers category filters and variant toggles for the script", () => {
    const recs = records(8).map((r) => ({ ...r, category: Number(r.inputId.slice(1)) % 2 ? "odd" : "even" }));
    const out = renderHtml(source(recs));
    expect(out).toContain(
      '<select id="category-filter"><option value="">all</option><option value="even">even</option><option value="odd">odd</option></select>',
    );
    expect(out).toContain('<input type="checkbox" data-toggle-col="1" checked> better');
    expect(out).toContain('<th scope="col" data-col="0">base <span class="tag">control</span></th>');
  });
});
