import pc from "picocolors";
import {
  describeModels,
  describeRun,
  duration,
  interval,
  isSimulated,
  legend,
  METHOD_LABELS,
  money,
  notes,
  pct,
  pts,
  pValue,
  type ReportContext,
  type ReportSource,
  simulatedBanner,
  variantLabel,
} from "./format.js";

export interface TerminalOptions extends ReportContext {
  /** Colours (only on a terminal; the CLI passes its Io's flag). */
  color?: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;
type Style = (text: string) => string;
/** A table cell: its text (measured for alignment) and an optional style applied after padding. */
type Cell = string | { text: string; style?: Style };

/**
 * The comparison as a calm terminal report: header, a variant table, a comparison table, the verdict
 * and notes (not enough data, early stops, non-inferiority, strata). Colours only when asked.
 */
export function renderTerminal(source: ReportSource, options: TerminalOptions = {}): string {
  const c = pc.createColors(options.color === true);
  const lines: string[] = [];
  const title = options.command === "analyze" ? "FlowPrompt analyze" : "FlowPrompt compare";
  lines.push(`${c.bold(title)} ${c.dim("·")} ${describeRun(source, options)}`);
  const facts: string[] = [];
  if (options.source) facts.push(`records ${options.source}`);
  facts.push(describeModels(source));
  if (source.costUsd !== undefined) facts.push(`cost ${money(source.costUsd)}`);
  if (source.elapsedMs !== undefined) facts.push(`time ${duration(source.elapsedMs)}`);
  lines.push(c.dim(facts.join(" · ")));
  if (isSimulated(source)) lines.push("", c.bold(c.yellow(`⚠ ${simulatedBanner(source)}`)));

  const level = `${Math.round(source.confidence * 1000) / 10}% interval`;
  lines.push("", c.bold("Variants"));
  lines.push(
    ...table(
      c,
      ["variant", "score", level, "n", "errors", "cost", "p50 latency"],
      "lrlrrrr",
      source.variants.map((v) => [
        { text: variantLabel(v, source.control), style: v.name === source.winner ? c.green : undefined },
        { text: pct(v.score), style: c.bold },
        interval(v.interval),
        String(v.n),
        { text: String(v.errors), style: v.errors > 0 ? c.red : c.dim },
        money(v.costUsd),
        duration(v.latencyMs.p50),
      ]),
    ),
  );

  if (source.comparisons.length > 0) {
    lines.push("", c.bold("Comparisons"));
    lines.push(
      ...table(
        c,
        ["comparison", "diff (pts)", level, "p", "p adj.", "method", ""],
        "lrlrrll",
        source.comparisons.map((x) => [
          `${x.b} vs ${x.a}`,
          { text: pts(x.diff), style: c.bold },
          interval(x.ci, true),
          pValue(x.pValue),
          pValue(x.pAdjusted),
          { text: METHOD_LABELS[x.method], style: c.dim },
          x.significant
            ? { text: "✓ significant", style: x.diff >= 0 ? c.green : c.red }
            : { text: "– not significant", style: c.dim },
        ]),
      ),
    );
  }

  const verdictStyle: Style = source.winner ? c.green : c.yellow;
  lines.push("", `${c.bold("Verdict:")} ${verdictStyle(source.verdict)}`);

  const extra = notes(source, options).filter((n) => n !== source.verdict);
  if (extra.length > 0) {
    lines.push("", c.bold("Notes"));
    for (const n of extra) lines.push(`  ${c.dim("·")} ${n}`);
  }

  if (source.strata) {
    const names = source.variants.map((v) => v.name);
    lines.push(
      "",
      `${c.bold("By category")} ${c.dim("(exploratory: the comparisons tested within each category, Holm within it)")}`,
    );
    lines.push(
      ...table(
        c,
        ["category", "n", ...names, "significant within"],
        `lr${"r".repeat(names.length)}l`,
        Object.entries(source.strata).map(([category, s]) => [
          category,
          String(Math.min(...s.variants.map((v) => v.n))),
          ...names.map((name) => {
            const v = s.variants.find((x) => x.name === name);
            return v && v.n > 0 ? pct(v.score) : "–";
          }),
          (s.comparisons ?? [])
            .filter((x) => x.significant)
            .map((x) => (x.diff > 0 ? `${x.b} > ${x.a}` : `${x.a} > ${x.b}`))
            .join(", ") || "–",
        ]),
      ),
    );
  }
  if (source.comparisons.length > 0) lines.push("", c.dim(legend(source)));
  return `${lines.join("\n")}\n`;
}

/** Aligned columns, two spaces apart, indented by two; `align` is one "l"/"r" per column. */
function table(c: Colors, header: readonly string[], align: string, rows: readonly Cell[][]): string[] {
  const text = (cell: Cell) => (typeof cell === "string" ? cell : cell.text);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(text(r[i] ?? "")))));
  const pad = (s: string, i: number, last: boolean) => {
    const gap = " ".repeat(widths[i]! - width(s));
    return align[i] === "r" ? gap + s : last ? s : s + gap;
  };
  const line = (all: readonly Cell[], styleAll?: Style) => {
    const cells = [...all];
    while (cells.length > 0 && text(cells.at(-1)!) === "") cells.pop();
    return `  ${cells
      .map((cell, i) => {
        const padded = pad(text(cell), i, i === cells.length - 1);
        const style = styleAll ?? (typeof cell === "string" ? undefined : cell.style);
        return style ? style(padded) : padded;
      })
      .join("  ")}`;
  };
  return [line(header, c.dim), ...rows.map((r) => line(r))];
}

/** Display width: code points (the report uses no wide characters). */
const width = (s: string) => [...s].length;
