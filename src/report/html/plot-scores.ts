import type { Comparison } from "../../eval/analysis/types.js";
import { interval, pct, pts, type ReportSource } from "../format.js";
import { chart, label, linear, niceDomain, r, textWidth, xAxis } from "./charts.js";
import { tag } from "./escape.js";

/** Layout of a chart with one row per item: names on the left, the plot, values on the right. */
export interface Rows {
  width: number;
  top: number;
  rowHeight: number;
  height: number;
  labelWidth: number;
  /** The plot's horizontal extent. */
  x0: number;
  x1: number;
  /** Middle of row i. */
  y(i: number): number;
}

export function rows(
  labels: readonly string[],
  o: { valueWidth: number; width?: number; rowHeight?: number; top?: number },
): Rows {
  const { valueWidth, width = 900, rowHeight = 32, top = 26 } = o;
  const labelWidth = Math.round(Math.min(200, Math.max(80, ...labels.map((l) => textWidth(l) + 14))));
  return {
    width,
    top,
    rowHeight,
    height: top + rowHeight * labels.length + 44,
    labelWidth,
    x0: labelWidth + 12,
    x1: width - valueWidth - 16,
    y: (i) => top + rowHeight * (i + 0.5),
  };
}

const clamp01 = ([lo, hi]: [number, number]): [number, number] => [Math.max(0, lo), Math.min(1, hi)];
const pctTick = (t: number) => `${Number((t * 100).toFixed(1))}%`;
const ptsTick = (t: number) =>
  Math.abs(t) < 1e-12 ? "0" : `${t > 0 ? "+" : "−"}${Number(Math.abs(t * 100).toFixed(1))}`;

/** A whisker from lo to hi with end caps, at height y. */
function whisker(x0: number, x1: number, y: number, cls: string): string {
  return (
    tag("line", { class: `whisker ${cls}`, x1: r(x0), x2: r(x1), y1: r(y), y2: r(y) }) +
    tag("line", { class: `whisker ${cls}`, x1: r(x0), x2: r(x0), y1: r(y - 6), y2: r(y + 6) }) +
    tag("line", { class: `whisker ${cls}`, x1: r(x1), x2: r(x1), y1: r(y - 6), y2: r(y + 6) })
  );
}

/** Chart 1: each variant's score (dot) and its interval (whisker); the control dashed across. */
export function scoresChart(s: ReportSource): string {
  const level = `${Math.round(s.confidence * 1000) / 10}%`;
  const names = s.variants.map((v) => (v.name === s.control ? `${v.name} (control)` : v.name));
  const L = rows(names, { valueWidth: 150 });
  const domain = clamp01(
    niceDomain(
      Math.min(...s.variants.map((v) => v.interval[0])),
      Math.max(...s.variants.map((v) => v.interval[1])),
    ),
  );
  const x = linear(domain, [L.x0, L.x1]);
  const bottom = L.top + L.rowHeight * names.length;
  const control = s.variants.find((v) => v.name === s.control);
  let body = xAxis(x, {
    from: L.top - 6,
    to: bottom,
    format: pctTick,
    title: "score",
    middle: (L.x0 + L.x1) / 2,
  });
  if (control) {
    const cx = r(x(control.score));
    body += tag("line", { class: "ref", x1: cx, x2: cx, y1: L.top - 10, y2: bottom });
    body += tag("text", { class: "ref-label", x: cx, y: L.top - 14, "text-anchor": "middle" }, "control");
  }
  s.variants.forEach((v, i) => {
    const y = L.y(i);
    const cls = v.name === s.winner ? "c-winner" : v.name === s.control ? "c-control" : "c-plain";
    const name = names[i]!;
    body += `<g class="row ${cls}">`;
    // The winner's name is bold, hence wider.
    const room = (L.labelWidth - 4) / (v.name === s.winner ? 1.12 : 1);
    body += label(name, { class: "row-label", x: L.labelWidth, y: y + 4, "text-anchor": "end" }, room);
    body += whisker(x(v.interval[0]), x(v.interval[1]), y, cls);
    body +=
      v.name === s.control
        ? tag("rect", {
            class: `dot hollow ${cls}`,
            x: r(x(v.score) - 5),
            y: r(y - 5),
            width: 10,
            height: 10,
          })
        : tag("circle", { class: `dot ${cls}`, cx: r(x(v.score)), cy: r(y), r: 6 });
    body += tag(
      "text",
      { class: "value", x: L.x1 + 14, y: y + 4 },
      `<tspan class="strong">${pct(v.score)}</tspan> ${interval(v.interval)}`,
    );
    body += "</g>";
  });
  const desc = s.variants
    .map(
      (v) =>
        `${v.name}${v.name === s.control ? " (control)" : ""}: ${pct(v.score)}, ${level} interval ${interval(v.interval)}`,
    )
    .join("; ");
  return chart(
    {
      id: "chart-scores",
      width: L.width,
      height: L.height,
      title: `Score per variant with its ${level} interval`,
      desc,
    },
    body,
  );
}

/** "b vs a", each name shortened alike until the pair fits `px`. */
export function pairLabel(b: string, a: string, px: number): string {
  const cut = (name: string, max: number) =>
    name.length > max
      ? `${Array.from(name)
          .slice(0, max - 1)
          .join("")}…`
      : name;
  for (let max = Math.max(b.length, a.length); max > 3; max--) {
    const text = `${cut(b, max)} vs ${cut(a, max)}`;
    if (textWidth(text) <= px) return text;
  }
  return `${cut(b, 3)} vs ${cut(a, 3)}`;
}

/** The class of a comparison: significantly up, significantly down, or not significant. */
export const diffClass = (c: Comparison): string =>
  !c.significant ? "c-ns" : c.diff >= 0 ? "c-up" : "c-down";

/** Chart 2: each comparison's difference with its interval, against a zero line (and a margin). */
export function diffsChart(s: ReportSource): string {
  const level = `${Math.round(s.confidence * 1000) / 10}%`;
  const full = s.comparisons.map((c) => `${c.b} vs ${c.a}`);
  const L = rows(full, { valueWidth: 0, width: 440 });
  const names = s.comparisons.map((c) => pairLabel(c.b, c.a, L.labelWidth - 4));
  const margins = s.comparisons.flatMap((c) => (c.nonInferior ? [-c.nonInferior.margin] : []));
  const ends = [0, ...margins, ...s.comparisons.flatMap((c) => [c.ci[0], c.ci[1], c.diff])];
  const domain = niceDomain(Math.min(...ends), Math.max(...ends), 6);
  const x = linear(domain, [L.x0, L.x1], 6);
  const bottom = L.top + L.rowHeight * names.length;
  const mid = (L.x0 + L.x1) / 2;
  let body = xAxis(x, {
    from: L.top - 6,
    to: bottom,
    format: ptsTick,
    title: "difference in points (first − second)",
    middle: mid,
  });
  const zero = r(x(0));
  body += tag("line", { class: "zero", x1: zero, x2: zero, y1: L.top - 10, y2: bottom });
  body += tag("text", { class: "ref-label", x: zero, y: L.top - 14, "text-anchor": "middle" }, "0");
  const margin = Math.max(0, ...margins.map((m) => -m));
  if (margin > 0) {
    const mx = r(x(-margin));
    body += tag("line", { class: "ref", x1: mx, x2: mx, y1: L.top - 10, y2: bottom });
    body += tag("text", { class: "ref-label", x: mx - 4, y: L.top - 14, "text-anchor": "end" }, `−margin`);
  }
  s.comparisons.forEach((c, i) => {
    const y = L.y(i);
    const cls = diffClass(c);
    body += `<g class="row ${cls}">`;
    body += label(
      names[i]!,
      { class: "row-label", x: L.labelWidth, y: y + 4, "text-anchor": "end" },
      L.labelWidth - 4,
    );
    body += whisker(x(c.ci[0]), x(c.ci[1]), y, cls);
    body += tag("circle", { class: `dot ${cls}`, cx: r(x(c.diff)), cy: r(y), r: 6 });
    body += "</g>";
  });
  const desc = s.comparisons
    .map(
      (c) =>
        `${c.b} vs ${c.a}: ${pts(c.diff)} points, ${level} interval ${interval(c.ci, true)}, ${c.significant ? "significant" : "not significant"}`,
    )
    .join("; ");
  return chart(
    {
      id: "chart-diffs",
      width: L.width,
      height: L.height,
      title: `Difference per comparison with its ${level} interval, against zero`,
      desc,
    },
    body,
  );
}
