import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { renderTerminal } from "./terminal.js";
import { record, records, source } from "./test-utils/fixtures.js";

const lines = (text: string) => text.split("\n");
const lineWith = (text: string, needle: string) => lines(text).find((l) => l.includes(needle)) ?? "";

describe("renderTerminal", () => {
  const text = renderTerminal(source(), { metric: "exact" });

  it("has a header with the run, the model, cost and time", () => {
    expect(lines(text)[0]).toBe(
      "FlowPrompt compare · 2 variants · 40 inputs × 1 run · metric exact · 95% confidence",
    );
    expect(lines(text)[1]).toBe("model mock:mock · cost $0.0080 · time 1.2 s");
    expect(text).not.toContain("SIMULATED");
  });

  it("has a variant table: score with interval, n, errors, cost and p50 latency, aligned", () => {
    expect(lineWith(text, "  variant ")).toMatch(
      /^ {2}variant +score +95% interval +n +errors +cost +p50 latency$/,
    );
    expect(lineWith(text, "base (control)")).toMatch(
      /^ {2}base \(control\) +50\.0% +\[\d+\.\d, \d+\.\d\] +40 +0 +\$0\.0040 +140 ms$/,
    );
    expect(lineWith(text, "  better ")).toMatch(
      /^ {2}better +100\.0% +\[9\d\.\d, 100\.0\] +40 +0 +\$0\.0040 +140 ms$/,
    );
    // A right-aligned column ends at the same place on every row.
    const end = (line: string, re: RegExp) => {
      const m = re.exec(line);
      return m ? m.index + m[0].length : -1;
    };
    const nEnd = end(lineWith(text, "  variant "), / n\b/);
    expect(nEnd).toBeGreaterThan(0);
    expect(end(lineWith(text, "  base"), / 40\b/)).toBe(nEnd);
    expect(end(lineWith(text, "  better "), / 40\b/)).toBe(nEnd);
  });

  it("has a comparison table: diff with interval, p, p adj., method and a significance mark", () => {
    expect(lineWith(text, "comparison")).toMatch(
      /^ {2}comparison +diff \(pts\) +95% interval +p +p adj\. +method$/,
    );
    expect(lineWith(text, "better vs base")).toMatch(
      /^ {2}better vs base +\+50\.0 +\[\+\d+\.\d, \+\d+\.\d\] +<0\.0001 +<0\.0001 +McNemar exact +✓ significant$/,
    );
  });

  it("gives the verdict and a legend", () => {
    expect(text).toContain("\nVerdict: better beats base (the control).\n");
    expect(text).toContain("significant: p adj. < 0.05.");
  });

  it("is plain text off a terminal and coloured on one", () => {
    expect(text).not.toContain("\x1b[");
    const coloured = renderTerminal(source(), { color: true });
    expect(coloured).toContain("\x1b[");
    expect(stripVTControlCharacters(coloured)).toBe(renderTerminal(source()));
  });

  it("shows a banner for a simulated model", () => {
    const recs = records().map((r) => ({ ...r, model: "sim:sentiment" }));
    const sim = renderTerminal(source(recs, {}, { simulated: true }));
    expect(sim).toContain("⚠ SIMULATED MODEL: results are not from a real LLM (sim:sentiment).");
    expect(lines(sim)[1]).toContain("model sim:sentiment");
  });

  it("says when there are not enough data, and how many inputs would do", () => {
    const small = renderTerminal(source(records(4)));
    expect(small).toMatch(/Verdict: Not enough data: with 4 inputs .* use at least \d+ inputs\./);
    expect(small).not.toContain("Notes"); // the verdict already says it
  });

  it("notes early stops, the budget, interruptions, errors and the cache", () => {
    const recs = records(40);
    recs[0] = { ...recs[0]!, error: { code: "FP_MODEL_CALL", message: "503", stage: "variant" } };
    recs[1] = { ...recs[1]!, cached: true };
    const budget = renderTerminal(source(recs, {}, { stopped: "budget", inputs: 100 }), { budgetUsd: 0.5 });
    expect(budget).toContain(
      "  · Stopped before the budget ($0.5000) would be exceeded: the analysis covers the 40 of 100 inputs every variant completed.",
    );
    expect(budget).toContain("  · base: 1 failed call (2.5%), scored 0; the first: FP_MODEL_CALL: 503");
    expect(budget).toContain("  · base: 2.5% of calls came from the cache.");
    expect(renderTerminal(source(recs, {}, { stopped: "early", inputs: 100 }))).toContain(
      "Stopped early: the answer was known after 40 of 100 inputs.",
    );
    expect(renderTerminal(source(recs, {}, { stopped: "aborted" }))).toContain("Interrupted:");
  });

  it("notes non-inferiority results and cost and latency differences", () => {
    const recs = [
      ...Array.from({ length: 40 }, (_, i) => record("base", i, 1, { model: "m:x", latencyMs: 100 })),
      ...Array.from({ length: 40 }, (_, i) =>
        record("cheap", i, i === 0 ? 0 : 1, { model: "m:x", costUsd: 0.00005, latencyMs: 50 }),
      ),
    ];
    const out = renderTerminal(source(recs, { nonInferiorityMargin: 0.15 }));
    expect(out).toMatch(
      /cheap is non-inferior to base at a 15\.0-pt margin: the diff's lower bound -\d+\.\d is above -15\.0\./,
    );
    expect(out).toContain(
      "cheap vs base: cost -$0.0500 per 1,000 calls [-$0.0500, -$0.0500], latency -50 ms",
    );
    const strict = renderTerminal(source(recs, { nonInferiorityMargin: 0.001 }));
    expect(strict).toContain("cheap is not shown non-inferior to base at a 0.1-pt margin");
  });

  it("notes a challenger significantly worse than the control when the verdict does not say so", () => {
    const recs = records(40, { same: () => 1 });
    const out = renderTerminal(source(recs, { control: "better" }));
    expect(out).not.toContain("Verdict: better (the control) beats every challenger.");
    expect(out).toContain("  · base is significantly worse than better (the control): -50.0 pts.");
    expect(out).not.toContain("same is significantly worse");
    const beaten = renderTerminal(source(records(), { control: "better" }));
    expect(beaten).toContain("Verdict: better (the control) beats every challenger.");
    expect(beaten).not.toContain("significantly worse");
  });

  it("tabulates scores by category when the data have one", () => {
    const recs = records(40).map((r) => ({
      ...r,
      category: Number(r.inputId.slice(1)) < 20 ? "easy" : "hard",
    }));
    const out = renderTerminal(source(recs));
    expect(out).toContain("By category");
    expect(lineWith(out, "  category ")).toMatch(/^ {2}category +n +base +better +significant within$/);
    expect(lineWith(out, "easy")).toMatch(/^ {2}easy +20 +50\.0% +100\.0% +better > base$/);
  });

  it("labels an analysis of saved records", () => {
    const out = renderTerminal(source(), { command: "analyze", source: "runs/a.jsonl" });
    expect(lines(out)[0]).toMatch(/^FlowPrompt analyze · /);
    expect(lines(out)[1]).toContain("records runs/a.jsonl");
  });

  it("says so when every variant is a function (no model)", () => {
    const recs = records().map(({ model: _m, ...r }) => r);
    expect(lines(renderTerminal(source(recs)))[1]).toContain("function variants (no model)");
    const failed = recs.map((r) => ({
      ...r,
      score: 0,
      error: { code: "FP_X", message: "down", stage: "variant" as const },
    }));
    expect(lines(renderTerminal(source(failed)))[1]).toContain("no call succeeded");
  });
});
