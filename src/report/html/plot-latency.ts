import type { EvalRecord } from "../../eval/runner/types.js";
import type { ReportSource } from "../format.js";
import { chart, label, linear, logScale, niceDomain, r, xAxis } from "./charts.js";
import { tag } from "./escape.js";
import { rows } from "./plot-scores.js";

/** Linear interpolation between order statistics (as the analysis computes p50 and p95). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** At most `max` values, evenly spread over the sorted list (so a strip of 100,000 calls stays light). */
function thin(sorted: readonly number[], max: number): number[] {
  if (sorted.length <= max) return [...sorted];
  return Array.from({ length: max }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (max - 1))]!);
}

/** Milliseconds with three significant digits: "0.312 ms", "45.2 ms", "1.23 s". */
export const ms = (t: number): string =>
  t === 0 ? "0" : t >= 1000 ? `${Number((t / 1000).toPrecision(3))} s` : `${Number(t.toPrecision(3))} ms`;

/** A deterministic jitter in [-1, 1] for the i-th point. */
const jitter = (i: number) => (((i * 2654435761) >>> 0) / 2 ** 32) * 2 - 1;

/**
 * Chart 4: latency per variant: every call as a faint dot, a box from p25 to p75, the median (p50)
 * as a bar and p95 as a tick. Needs the records; says so when they are not at hand.
 */
export function latencyChart(s: ReportSource): string {
  if (typeof s.records !== "object" || s.records.length === 0) {
    return `<p class="muted">The latency distributions need the records, which this report was not given.</p>`;
  }
  const records: readonly EvalRecord[] = s.records;
  const byVariant = s.variants.map((v) =>
    records
      .filter((rec) => rec.variant === v.name && Number.isFinite(rec.latencyMs))
      .map((rec) => rec.latencyMs)
      .sort((a, b) => a - b),
  );
  const all = byVariant.flat();
  const max = all.reduce((m, t) => Math.max(m, t), 0);
  const positive = all.filter((t) => t > 0);
  const minPositive = positive.reduce((m, t) => Math.min(m, t), Infinity);
  const L = rows(
    s.variants.map((v) => v.name),
    { valueWidth: 205, rowHeight: 42 },
  );
  // A long tail (a few slow calls far beyond the median) squeezes a linear axis: use a log one then.
  const median = quantile(
    [...all].sort((a, b) => a - b),
    0.5,
  );
  const skewed = positive.length > 0 && max > 8 * Math.max(median, minPositive);
  const x = skewed
    ? logScale(minPositive, max, [L.x0, L.x1])
    : linear(niceDomain(0, max || 1, 6), [L.x0, L.x1], 6);
  const bottom = L.top + L.rowHeight * s.variants.length;
  const title = `latency per call${skewed ? " (log scale)" : ""}`;
  let body = xAxis(x, { from: L.top - 6, to: bottom, format: ms, title, middle: (L.x0 + L.x1) / 2 });
  s.variants.forEach((v, i) => {
    const values = byVariant[i]!;
    const y = L.y(i);
    body += `<g class="row">`;
    body += label(
      v.name,
      { class: "row-label", x: L.labelWidth, y: y + 4, "text-anchor": "end" },
      L.labelWidth - 4,
    );
    if (values.length === 0) {
      body += tag("text", { class: "value muted", x: L.x0, y: y + 4 }, "no calls");
      body += "</g>";
      return;
    }
    const strip = thin(values, 400)
      .map((t, k) => tag("circle", { class: "strip", cx: r(x(t)), cy: r(y + jitter(k) * 9), r: 1.8 }))
      .join("");
    const [q1, q3] = [quantile(values, 0.25), quantile(values, 0.75)];
    const { p50, p95 } = v.latencyMs;
    body += `<g class="strip-dots">${strip}</g>`;
    body += tag("line", {
      class: "range",
      x1: r(x(values[0]!)),
      x2: r(x(values.at(-1)!)),
      y1: r(y),
      y2: r(y),
    });
    body += tag("rect", {
      class: "box",
      x: r(x(q1)),
      y: r(y - 8),
      width: r(Math.max(1, x(q3) - x(q1))),
      height: 16,
    });
    body += tag("line", { class: "median", x1: r(x(p50)), x2: r(x(p50)), y1: r(y - 10), y2: r(y + 10) });
    body += tag("path", { class: "p95", d: `M ${r(x(p95))} ${r(y - 13)} l -4 -6 h 8 z` });
    body += tag("line", { class: "p95", x1: r(x(p95)), x2: r(x(p95)), y1: r(y - 10), y2: r(y + 10) });
    body += tag(
      "text",
      { class: "value", x: L.x1 + 14, y: y + 4 },
      `p50 <tspan class="strong">${ms(p50)}</tspan> · p95 ${ms(p95)}`,
    );
    body += "</g>";
  });
  const desc = s.variants
    .map(
      (v, i) =>
        `${v.name}: ${byVariant[i]!.length} calls, p50 ${ms(v.latencyMs.p50)}, p95 ${ms(v.latencyMs.p95)}`,
    )
    .join("; ");
  return (
    chart(
      { id: "chart-latency", width: L.width, height: L.height, title: "Latency per call, per variant", desc },
      body,
    ) +
    `<p class="muted">Dots: every call. Box: the middle half (p25–p75); bar: the median (p50); marked tick: p95.</p>`
  );
}
