import type { VariantSummary } from "../../eval/analysis/types.js";
import { interval, money, pct, type ReportSource } from "../format.js";
import { chart, label, linear, niceDomain, r, textWidth, xAxis, yAxis } from "./charts.js";
import { esc, tag } from "./escape.js";

/** Variants no other beats on both cost and score: cheapest first. */
export function paretoFrontier(points: readonly { name: string; cost: number; score: number }[]): string[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.score - a.score);
  const out: string[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.score > best) {
      out.push(p.name);
      best = p.score;
    }
  }
  return out;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Places each name beside its point where it hits no other name or point (right, left, above, below, then further out). */
function placeLabels(
  pts: readonly { name: string; px: number; py: number }[],
  bounds: { x0: number; x1: number; y0: number; y1: number },
  obstacles: readonly Box[],
): { x: number; y: number; anchor: "start" | "end" | "middle" }[] {
  const taken: Box[] = [...pts.map((p) => ({ x: p.px - 7, y: p.py - 7, w: 14, h: 14 })), ...obstacles];
  return pts.map((p) => {
    const w = Math.min(textWidth(p.name), 160);
    const h = 14;
    const tries: { x: number; y: number; anchor: "start" | "end" | "middle"; box: Box }[] = [];
    for (let d = 0; d < 6; d++) {
      const dy = d * 15;
      for (const s of d === 0 ? [0] : [dy, -dy]) {
        tries.push(
          { x: p.px + 10, y: p.py + 4 + s, anchor: "start", box: { x: p.px + 10, y: p.py - 8 + s, w, h } },
          { x: p.px - 10, y: p.py + 4 + s, anchor: "end", box: { x: p.px - 10 - w, y: p.py - 8 + s, w, h } },
        );
      }
      if (d === 0) {
        tries.push(
          { x: p.px, y: p.py - 12, anchor: "middle", box: { x: p.px - w / 2, y: p.py - 24, w, h } },
          { x: p.px, y: p.py + 22, anchor: "middle", box: { x: p.px - w / 2, y: p.py + 10, w, h } },
        );
      }
    }
    const inside = (b: Box) =>
      b.x >= bounds.x0 && b.x + b.w <= bounds.x1 && b.y >= bounds.y0 && b.y + b.h <= bounds.y1;
    const pick =
      tries.find((t) => inside(t.box) && !taken.some((b) => overlaps(b, t.box))) ??
      tries.find((t) => inside(t.box)) ??
      tries[0]!;
    taken.push(pick.box);
    return { x: pick.x, y: pick.y, anchor: pick.anchor };
  });
}

/** Tick labels in dollars with as many decimals as the step needs. */
function dollars(step: number): (t: number) => string {
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step || 1))));
  return (t) => (t === 0 ? "$0" : `$${t.toFixed(decimals)}`);
}

/**
 * Chart 3: cost per 1,000 calls against score, one point per variant (with its interval), and the
 * Pareto frontier: the variants no other is both cheaper and better than.
 */
export function costChart(s: ReportSource): string {
  const priced = s.variants.filter(
    (v): v is VariantSummary & { costPerCall: number } =>
      v.costPerCall !== null && Number.isFinite(v.costPerCall),
  );
  const unknown = s.variants.filter((v) => !priced.includes(v as (typeof priced)[number])).map((v) => v.name);
  const missing = unknown.length
    ? `<p class="muted">Cost unknown (function variants, or a model without a known price): ${esc(unknown.join(", "))}.</p>`
    : "";
  if (priced.length === 0) return missing;
  const W = 900;
  const H = 400;
  const [left, right, top, bottom] = [64, W - 24, 16, H - 48];
  const costs = priced.map((v) => v.costPerCall * 1000);
  const xd = niceDomain(0, Math.max(...costs) * 1.08 || 1);
  const yd = niceDomain(
    Math.min(...priced.map((v) => v.interval[0])),
    Math.max(...priced.map((v) => v.interval[1])),
  );
  const x = linear([0, xd[1]], [left, right]);
  const y = linear([Math.max(0, yd[0]), Math.min(1, yd[1])], [bottom, top]);
  const stepX = (x.ticks[1] ?? x.ticks[0] ?? 1) - (x.ticks[0] ?? 0);
  let body = xAxis(x, {
    from: top,
    to: bottom,
    format: dollars(stepX),
    title: "cost per 1,000 calls (USD)",
    middle: (left + right) / 2,
  });
  body += yAxis(y, {
    from: left,
    to: right,
    format: (t) => `${Number((t * 100).toFixed(1))}%`,
    title: "score",
    middle: (top + bottom) / 2,
  });
  const points = priced.map((v) => ({ name: v.name, cost: v.costPerCall * 1000, score: v.score }));
  const frontier = paretoFrontier(points);
  const corners = frontier
    .map((name) => points.find((p) => p.name === name)!)
    .map((p) => [x(p.cost), y(p.score)] as const);
  // A staircase: from each (cheaper) frontier point, across at its score, then up to the next one.
  const path = corners
    .map(([cx, cy], i) => (i === 0 ? `M ${r(cx)} ${r(cy)}` : `H ${r(cx)} V ${r(cy)}`))
    .join(" ");
  if (frontier.length > 1) body += tag("path", { class: "frontier", d: path });
  // Labels keep clear of the points, the staircase and the intervals.
  const obstacles: Box[] = corners.slice(1).flatMap(([cx, cy], i) => {
    const [px, py] = corners[i]!;
    return [
      { x: px, y: py - 2, w: cx - px, h: 4 },
      { x: cx - 2, y: Math.min(py, cy), w: 4, h: Math.abs(py - cy) },
    ];
  });
  for (const v of priced) {
    const top = y(v.interval[1]);
    obstacles.push({ x: x(v.costPerCall * 1000) - 2, y: top, w: 4, h: y(v.interval[0]) - top });
  }
  const where = points.map((p) => ({ name: p.name, px: x(p.cost), py: y(p.score) }));
  const placed = placeLabels(where, { x0: left, x1: right, y0: top, y1: bottom }, obstacles);
  priced.forEach((v, i) => {
    const p = where[i]!;
    const onFrontier = frontier.includes(v.name);
    const cls = `${v.name === s.winner ? "c-winner" : v.name === s.control ? "c-control" : "c-plain"}${onFrontier ? "" : " dominated"}`;
    body += `<g class="point ${cls}">`;
    body += tag("line", {
      class: `whisker ${cls}`,
      x1: r(p.px),
      x2: r(p.px),
      y1: r(y(v.interval[0])),
      y2: r(y(v.interval[1])),
    });
    body += tag(
      "circle",
      { class: `dot ${cls}`, cx: r(p.px), cy: r(p.py), r: 6 },
      `<title>${esc(`${v.name}: ${pct(v.score)} ${interval(v.interval)}, ${money(v.costPerCall * 1000)} per 1,000 calls`)}</title>`,
    );
    const at = placed[i]!;
    body += label(v.name, { class: "point-label", x: r(at.x), y: r(at.y), "text-anchor": at.anchor }, 160);
    body += "</g>";
  });
  const desc =
    priced
      .map((v) => `${v.name}: ${pct(v.score)} at ${money(v.costPerCall * 1000)} per 1,000 calls`)
      .join("; ") +
    `. Pareto frontier (no other variant is both cheaper and better): ${frontier.join(", ")}.`;
  const svg = chart(
    { id: "chart-cost", width: W, height: H, title: "Cost against quality per variant", desc },
    body,
  );
  const beaten = priced.length > frontier.length ? "; faded points are beaten on both" : "";
  const hint = `Dashed: the Pareto frontier (${esc(frontier.join(" → "))}), the variants no other is both cheaper and better than${beaten}. Whiskers: the score's interval.`;
  return `${svg}<p class="muted">${hint}</p>${missing}`;
}
