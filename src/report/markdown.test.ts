import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.js";
import { record, records, source } from "./test-utils/fixtures.js";

const lines = (text: string) => text.split("\n");

describe("renderMarkdown", () => {
  const md = renderMarkdown(source(), { metric: "exact" });

  it("starts with a one-line verdict", () => {
    expect(lines(md)[0]).toBe("**✅ better beats base (the control).**");
    expect(lines(renderMarkdown(source(records(4))))[0]).toMatch(/^\*\*⚠️ Not enough data: with 4 inputs/);
    const even = records(40, { better: (i) => (i % 2 === 0 ? 1 : 0) });
    expect(lines(renderMarkdown(source(even)))[0]).toBe(
      "**➖ No significant difference: the data do not support a winner.**",
    );
  });

  it("describes the run in one line", () => {
    expect(md).toContain(
      "FlowPrompt compare: 2 variants · 40 inputs × 1 run · metric exact · 95% confidence · model `mock:mock` · cost $0.0080 · time 1.2 s",
    );
  });

  it("has GitHub tables of variants and comparisons", () => {
    expect(md).toContain(
      "| Variant | Score | 95% interval | n | Errors | Cost | p50 latency |\n| :-- | --: |",
    );
    expect(md).toMatch(
      /\n\| base \(control\) \| 50\.0% \| \[\d+\.\d, \d+\.\d\] \| 40 \| 0 \| \$0\.0040 \| 140 ms \|\n/,
    );
    expect(md).toMatch(/\n\| \*\*better\*\* \| 100\.0% \|/);
    expect(md).toContain("| Comparison | Diff (pts) | 95% interval | p | p adj. | Method | Significant |");
    expect(md).toMatch(
      /\n\| better vs base \| \+50\.0 \| \[\+\d+\.\d, \+\d+\.\d\] \| <0\.0001 \| <0\.0001 \| McNemar exact \| ✅ yes \|\n/,
    );
    // Every table row has as many cells as its header.
    for (const line of lines(md).filter((l) => l.startsWith("|"))) {
      const cells = line.replace(/\\\|/g, "").split("|").length;
      expect(cells).toBe(9);
    }
  });

  it("marks a significantly worse challenger", () => {
    const out = renderMarkdown(source(undefined, { control: "better" }));
    expect(out).toMatch(/\| base vs better \| -50\.0 \| .* \| 🔻 yes \(worse\) \|/);
  });

  it("warns when the model was simulated", () => {
    const recs = records().map((r) => ({ ...r, model: "sim:math" }));
    const out = renderMarkdown(source(recs, {}, { simulated: true }));
    expect(out).toContain("\n> [!WARNING]\n> SIMULATED MODEL: results are not from a real LLM (sim:math).\n");
    expect(md).not.toContain("SIMULATED");
  });

  it("escapes names that would break a table", () => {
    const recs = [
      ...Array.from({ length: 10 }, (_, i) => record("a|b", i, 1)),
      ...Array.from({ length: 10 }, (_, i) => record("c_d*", i, 1)),
    ];
    const out = renderMarkdown(source(recs));
    expect(out).toContain("| a\\|b (control) |");
    expect(out).toContain("| c\\_d\\* vs a\\|b |");
    expect(out).toContain("function variants");
  });

  it("lists notes and folds the strata away", () => {
    const recs = records(40).map((r) => ({
      ...r,
      category: Number(r.inputId.slice(1)) < 20 ? "easy" : "hard",
    }));
    const out = renderMarkdown(source(recs, {}, { stopped: "early", inputs: 80 }));
    expect(out).toContain("**Notes**\n\n- Stopped early: the answer was known after 40 of 80 inputs.");
    expect(out).toContain(
      "<details><summary>Scores by category</summary>\n\n| Category | n | base | better |",
    );
    expect(out).toContain("| easy | 20 | 50.0% | 100.0% |");
    expect(out.endsWith("</details>\n")).toBe(true);
  });

  it("names the records file of an analysis", () => {
    const out = renderMarkdown(source(), { command: "analyze", source: "runs/a.jsonl" });
    expect(out).toMatch(/\nFlowPrompt analyze: .* · records `runs\/a\.jsonl`\n/);
  });
});
