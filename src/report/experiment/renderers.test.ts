import { describe, expect, it } from "vitest";
import type { ExperimentEvent, StoredExperiment } from "../../core/ports.js";
import { analyzeExperiment } from "../../experiments/analysis/index.js";
import {
  type ExperimentReportSource,
  renderExperimentHtml,
  renderExperimentJson,
  renderExperimentMarkdown,
  renderExperimentTerminal,
} from "./index.js";

const PIPE = "a|b <i>x</i>";

function arm(variant: string, units: number, converted: number): ExperimentEvent[] {
  return Array.from({ length: units }, (_, i): ExperimentEvent[] => {
    const base = { experimentId: "e", unitId: `${variant}-${i}`, variant, at: 0 };
    const exposure: ExperimentEvent = { ...base, id: `${variant}-x${i}`, kind: "exposure" };
    if (i >= converted) return [exposure];
    return [exposure, { ...base, id: `${variant}-o${i}`, kind: "outcome", metric: "converted", value: 1 }];
  }).flat();
}

function source(control: number, other: number): ExperimentReportSource {
  const events = [...arm("base", control, control / 10), ...arm(PIPE, other, other / 5)];
  const weights = { base: 0.5, [PIPE]: 0.5 };
  const analysis = analyzeExperiment(events, {
    control: "base",
    weights,
    metrics: [{ name: "converted", kind: "binary" }],
  });
  const experiment: StoredExperiment = {
    id: "e",
    status: "running",
    config: { description: "<b>hi</b>", variants: [] },
    createdAt: 1,
    updatedAt: 2,
  };
  const variants = [
    { name: "base", weight: 0.5, control: true, exposures: control, units: control },
    { name: PIPE, weight: 0.5, control: false, exposures: other, units: other },
  ];
  return { experiment, variants, analysis, events: events.length };
}

describe("experiment reports", () => {
  it("terminal: no colour codes unless asked, the recommendation last", () => {
    const text = renderExperimentTerminal(source(200, 200));
    expect(text).not.toContain("\u001b[");
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^Recommendation: /);
    expect(renderExperimentTerminal(source(200, 200), { color: true })).toContain("\u001b[");
  });

  it("markdown: pipes and tags in names are escaped so the tables hold", () => {
    const md = renderExperimentMarkdown(source(200, 200));
    expect(md).toContain("a\\|b &lt;i&gt;x&lt;/i&gt;");
    // Every row of a table has as many unescaped pipes as its header.
    const pipes = (line: string) => line.replace(/\\\|/g, "").split("|").length;
    const tables = md.split(/\n\n/).filter((b) => b.startsWith("| "));
    expect(tables.length).toBe(3);
    for (const block of tables) {
      const rows = block.trimEnd().split("\n");
      expect(rows.length).toBeGreaterThan(2);
      for (const row of rows) expect(pipes(row), row).toBe(pipes(rows[0]!));
    }
  });

  it("json: versioned, deterministic, with no non-finite numbers", () => {
    const s = source(3, 3);
    const text = renderExperimentJson(s);
    expect(text).toBe(renderExperimentJson(s));
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(text).version).toBe(1);
  });

  it("html: escaped description and names, a CSP, no script, an SRM banner only when flagged", () => {
    const calm = renderExperimentHtml(source(500, 500));
    expect(calm).toContain("&lt;b&gt;hi&lt;/b&gt;");
    expect(calm).not.toContain("<i>x</i>");
    expect(calm).not.toContain("<script");
    expect(calm).not.toContain('class="banner"');
    expect(renderExperimentHtml(source(5200, 4800))).toContain('class="banner" role="alert"');
  });
});
