import { describe, expect, it } from "vitest";
import { records, source } from "../test-utils/fixtures.js";
import { renderHtml } from "./index.js";
import { tags } from "./test-utils/page.js";

const html = renderHtml(source(), { metric: "exact" });
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("renderHtml: structure", () => {
  it("is one HTML document with the verdict big, the winner and the run's facts", () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);
    expect(html).toContain('<h1 class="verdict good">better beats base (the control).</h1>');
    expect(html).toContain("Winner: <strong>better</strong>");
    expect(html).toContain("<title>FlowPrompt compare: better beats base (the control).</title>");
    for (const [k, v] of [
      ["Variants", "2"],
      ["Inputs", "40"],
      ["Runs", "1 per input"],
      ["Metric", "exact"],
      ["Confidence", "95%"],
      ["Model", "mock:mock"],
      ["Calls", "80"],
      ["Cost", "$0.0080"],
      ["Time", "1.2 s"],
    ]) {
      expect(html).toContain(`<div><dt>${k}</dt><dd>${v}</dd></div>`);
    }
    expect(html).not.toContain("SIMULATED");
  });

  it("has each variant and each comparison, in tables with headers", () => {
    expect(html).toMatch(/<th scope="row" data-sort="base">base <span class="tag">control<\/span><\/th>/);
    expect(html).toMatch(
      /<th scope="row" data-sort="better">better <span class="tag win">winner<\/span><\/th>/,
    );
    expect(html).toContain(
      '<th scope="row" data-sort="better vs base">better <span class="muted">vs</span> base</th>',
    );
    expect(html).toContain("<strong>+50.0</strong>");
    expect(html).toContain('<td class="c-up" data-sort="1">✓ better</td>');
    expect(count(html, "<caption")).toBe(3); // variants, comparisons, per input (strata: none here)
    for (const t of tags(html).filter((t) => t.name === "th" && !t.closing)) {
      expect(["col", "row"]).toContain(t.attrs.scope);
    }
  });

  it("draws four charts as SVG, each named by a <title> and described by a <desc>", () => {
    const svgs = tags(html).filter((t) => t.name === "svg" && !t.closing);
    expect(svgs.map((t) => t.attrs["aria-labelledby"])).toEqual(
      ["scores", "diffs", "cost", "latency"].map((id) => `chart-${id}-title chart-${id}-desc`),
    );
    for (const svg of svgs) expect(svg.attrs.role).toBe("img");
    expect(html).toContain('<title id="chart-scores-title">Score per variant with its 95% interval</title>');
    expect(html).toContain('<desc id="chart-scores-desc">base (control): 50.0%, 95% interval [');
    expect(html).toContain(
      '<title id="chart-diffs-title">Difference per comparison with its 95% interval, against zero</title>',
    );
    expect(html).toContain('<title id="chart-cost-title">Cost against quality per variant</title>');
    expect(html).toContain('<title id="chart-latency-title">Latency per call, per variant</title>');
    expect(html).toContain("Pareto frontier (no other variant is both cheaper and better): better.");
  });

  it("marks the control in the score chart and significant comparisons in the diff chart", () => {
    expect(html).toMatch(/<rect class="dot hollow c-control"/);
    expect(html).toContain('<text class="ref-label"');
    expect(html).toMatch(/<g class="row c-up"><text class="row-label"[^>]*>better vs base<\/text>/);
    const even = renderHtml(source(records(40, { better: (i) => (i % 2 === 0 ? 1 : 0) })));
    expect(even).toMatch(/<g class="row c-ns">/);
    expect(even).toContain('<h1 class="verdict neutral">');
    expect(even).toContain("No winner: the data do not support one.");
  });

  it("shows a prominent banner when the model was simulated", () => {
    const recs = records().map((r) => ({ ...r, model: "sim:sentiment" }));
    const sim = renderHtml(source(recs, {}, { simulated: true }));
    expect(sim).toContain(
      '<div class="banner" role="note">⚠ SIMULATED MODEL: results are not from a real LLM (sim:sentiment).</div>',
    );
    expect(sim.indexOf('class="banner"')).toBeLessThan(sim.indexOf('class="verdict'));
  });

  it("lists the notes: not enough data, an early stop, non-inferiority, and the strata table", () => {
    const few = renderHtml(source(records(4)));
    expect(few).toContain('<h1 class="verdict warn">Not enough data');
    const recs = records(40).map((r) => ({
      ...r,
      category: Number(r.inputId.slice(1)) < 20 ? "easy" : "hard",
    }));
    const out = renderHtml(source(recs, { nonInferiorityMargin: 0.02 }, { stopped: "early", inputs: 80 }));
    expect(out).toContain("<li>Stopped early: the answer was known after 40 of 80 inputs.</li>");
    expect(out).toContain("<li>better is non-inferior to base at a 2.0-pt margin");
    expect(out).toContain(
      "<caption>Scores by category (exploratory: comparisons tested within each category, Holm within it)</caption>",
    );
    expect(out).toContain('<span class="heat" style="--v:0.500">50.0%</span>');
    expect(out).toContain("−margin");
    expect(out).toContain("<div><dt>Inputs</dt><dd>80 (40 scored)</dd></div>");
    expect(renderHtml(source(), {})).toContain("Nothing to note");
  });

  it("says what it cannot show without the records, or without prices", () => {
    const bare = renderHtml({ ...source(), records: 80 });
    expect(bare).toContain("The latency distributions need the records");
    expect(bare).toContain("The per-input view needs the records");
    const unpriced = records().map((r) => ({ ...r, costUsd: null }));
    expect(renderHtml(source(unpriced))).toContain(
      "Cost unknown (function variants, or a model without a known price): base, better.",
    );
  });

  it("draws latency on a log scale for a long tail, thins a long strip, and says when a variant made no call", () => {
    const recs = records(500).map((r, i) => ({ ...r, latencyMs: i % 50 === 0 ? 9000 : 400 + (i % 7) * 10 }));
    const s = source(recs);
    const ghost = { ...s.variants[0]!, name: "ghost" };
    const out = renderHtml({ ...s, variants: [...s.variants, ghost] });
    const latency = out.slice(out.indexOf('<section id="latency"'), out.indexOf('<section id="notes"'));
    expect(latency).toContain("latency per call (log scale)");
    expect(count(latency, '<circle class="strip"')).toBe(800); // 400 of each variant's 500 calls
    expect(latency).toContain('<text class="value muted"');
    expect(latency).toContain(">no calls</text>");
    expect(renderHtml(source())).toContain(">latency per call</text>");
  });

  it("names the records file of an analysis", () => {
    const out = renderHtml(source(), { command: "analyze", source: "runs/a.jsonl" });
    expect(out).toContain("<strong>FlowPrompt analyze</strong>");
    expect(out).toContain("<div><dt>Records</dt><dd>runs/a.jsonl</dd></div>");
  });
});
