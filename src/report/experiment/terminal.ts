import pc from "picocolors";
import type { MetricResult } from "../../experiments/analysis/types.js";
import {
  comparisonTable,
  describe,
  type ExperimentReportSource,
  exposureTable,
  metricTable,
  metricTitle,
  type ReportTable,
  reportNotes,
  srmBanner,
} from "./format.js";

type Colors = ReturnType<typeof pc.createColors>;

/**
 * An experiment's analysis as a terminal report: header, the SRM banner when flagged, per metric a
 * variant table and a comparison table, unexposed outcomes, warnings and the recommendation.
 */
export function renderExperimentTerminal(
  s: ExperimentReportSource,
  options: { color?: boolean } = {},
): string {
  const c = pc.createColors(options.color === true);
  const a = s.analysis;
  const lines: string[] = [];
  lines.push(`${c.bold(`Experiment ${s.experiment.id}`)} ${c.dim("·")} ${describe(s)}`);
  const description = s.experiment.config.description;
  if (typeof description === "string" && description !== "") lines.push(c.dim(description));
  const banner = srmBanner(a);
  if (banner) lines.push("", c.bold(c.red(`⚠ ${banner}`)));
  lines.push("", c.bold("Variants"));
  lines.push(...table(c, exposureTable(s)));
  for (const m of a.metrics) lines.push("", ...metricLines(c, s, m));
  const notes = reportNotes(a);
  if (notes.length > 0) lines.push("", c.bold("Notes"), ...notes.map((n) => `  ${c.yellow("•")} ${n}`));
  const tone = a.recommendation.startsWith("stop")
    ? c.green
    : a.recommendation.startsWith("investigate")
      ? c.red
      : c.cyan;
  lines.push("", `${c.bold("Recommendation:")} ${tone(a.recommendation)}`);
  return `${lines.join("\n")}\n`;
}

function metricLines(c: Colors, s: ExperimentReportSource, m: MetricResult): string[] {
  const lines = [c.bold(`Metric ${metricTitle(m)}`), ...table(c, metricTable(s.analysis, m))];
  if (m.comparisons.length > 0) lines.push("", ...table(c, comparisonTable(s.analysis, m)));
  if (m.cuped) {
    lines.push(
      c.dim(
        `  CUPED: theta ${m.cuped.theta.toFixed(3)}, variance reduced by ${(m.cuped.varianceReduction * 100).toFixed(1)}%`,
      ),
    );
  }
  return lines;
}

/** Aligned columns, two spaces apart, indented by two; `align` is one "l"/"r" per column. */
function table(c: Colors, { header, align, rows }: ReportTable): string[] {
  const width = (t: string) => [...t].length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    `  ${cells
      .map((t, i) => {
        const gap = " ".repeat(widths[i]! - width(t));
        return align[i] === "r" ? gap + t : i === cells.length - 1 ? t : t + gap;
      })
      .join("  ")}`;
  return [c.dim(line(header)), ...rows.map(line)];
}
