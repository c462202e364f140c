import type { MetricResult } from "../../experiments/analysis/types.js";
import { esc } from "../html/escape.js";
import {
  describe,
  diff,
  type ExperimentReportSource,
  level,
  lift,
  metricTitle,
  otherWarnings,
  pLabel,
  prob,
  pValue,
  range,
  srmBanner,
  unexposedNote,
  value,
  verdictWord,
} from "./format.js";
import { STYLES } from "./styles.js";

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function table(header: readonly string[], rows: readonly string[][], numeric: string): string {
  const td = (t: string, i: number, h = "td") =>
    `<${h}${numeric[i] === "r" ? ' class="num"' : ""}>${esc(t)}</${h}>`;
  return (
    `<table><thead><tr>${header.map((h, i) => td(h, i, "th")).join("")}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((t, i) => td(t, i)).join("")}</tr>`).join("")}</tbody></table>`
  );
}

/** Each challenger's difference from control with its interval, around a zero line (inline SVG). */
function intervalChart(m: MetricResult): string {
  const cs = m.comparisons.filter(
    (c) => Number.isFinite(c.interval.lower) && Number.isFinite(c.interval.upper),
  );
  if (cs.length === 0) return "";
  const lo = Math.min(0, ...cs.map((c) => c.interval.lower));
  const hi = Math.max(0, ...cs.map((c) => c.interval.upper));
  const span = hi - lo || 1;
  const [w, left, right, rowH] = [640, 150, 20, 28];
  const x = (v: number) => left + ((v - lo) / span) * (w - left - right);
  const h = cs.length * rowH + 24;
  const rows = cs.map((c, i) => {
    const y = 16 + i * rowH;
    const tone = c.verdict === 1 ? "good" : c.verdict === -1 ? "bad" : "ns";
    return (
      `<text x="${left - 8}" y="${y + 4}" text-anchor="end">${esc(c.variant)}</text>` +
      `<line class="${tone}" x1="${x(c.interval.lower).toFixed(1)}" x2="${x(c.interval.upper).toFixed(1)}" y1="${y}" y2="${y}"/>` +
      `<circle class="${tone}" cx="${x(c.diff).toFixed(1)}" cy="${y}" r="4"/>`
    );
  });
  const zero = x(0).toFixed(1);
  return (
    `<svg class="chart" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${esc(`${m.metric}: difference from control with intervals`)}">` +
    `<line class="zero" x1="${zero}" x2="${zero}" y1="4" y2="${h - 18}"/>` +
    `<text class="axis" x="${zero}" y="${h - 4}" text-anchor="middle">0</text>` +
    `<text class="axis" x="${left}" y="${h - 4}">${esc(diff(m, lo))}</text>` +
    `<text class="axis" x="${w - right}" y="${h - 4}" text-anchor="end">${esc(diff(m, hi))}</text>` +
    `${rows.join("")}</svg>`
  );
}

function metricSection(s: ExperimentReportSource, m: MetricResult, i: number): string {
  const a = s.analysis;
  const variants = table(
    ["variant", "units", "mean", `${level(a)} interval`],
    m.variants.map((v) => [
      v.variant === a.control ? `${v.variant} (control)` : v.variant,
      String(v.units),
      value(m, v.mean),
      range(m, v.interval),
    ]),
    "lrrr",
  );
  const comparisons =
    m.comparisons.length === 0
      ? `<p class="muted">No challengers to compare.</p>`
      : intervalChart(m) +
        table(
          [
            "vs control",
            "diff",
            "lift",
            `${level(a)} interval`,
            pLabel(a),
            "p adj.",
            "P(beat ctrl)",
            "verdict",
          ],
          m.comparisons.map((x) => [
            x.variant,
            diff(m, x.diff),
            lift(x.relativeLift),
            range(m, x.interval, diff),
            pValue(x.pValue),
            pValue(x.adjustedPValue),
            prob(x.probabilityToBeatControl),
            verdictWord(x),
          ]),
          "lrrrrrrl",
        );
  return `<section id="metric-${i}"><h2>${esc(metricTitle(m))}</h2>${variants}${comparisons}</section>`;
}

/** The report as one self-contained page: inline CSS and SVG, no script, a CSP forbidding any network. */
export function renderExperimentHtml(s: ExperimentReportSource): string {
  const a = s.analysis;
  const banner = srmBanner(a);
  const rec = a.recommendation;
  const tone = rec.startsWith("stop") ? "good" : rec.startsWith("investigate") ? "bad" : "neutral";
  const notes = [unexposedNote(a), ...otherWarnings(a)].filter((n): n is string => n !== undefined);
  const description = s.experiment.config.description;
  const body = [
    `<header><p class="kicker"><strong>FlowPrompt experiment</strong> · ${esc(describe(s))}</p>`,
    `<h1>${esc(s.experiment.id)}</h1>`,
    typeof description === "string" && description ? `<p class="muted">${esc(description)}</p>` : "",
    banner ? `<div class="banner" role="alert">⚠ ${esc(banner)}</div>` : "",
    `<p class="rec ${tone}">Recommendation: <strong>${esc(rec)}</strong></p></header>`,
    `<main><section id="variants"><h2>Variants</h2>`,
    table(
      ["variant", "weight", "exposures", "units"],
      s.variants.map((v) => [
        v.control ? `${v.name} (control)` : v.name,
        `${Math.round(v.weight * 1000) / 10}%`,
        String(v.exposures),
        String(v.units),
      ]),
      "lrrr",
    ),
    `</section>`,
    ...a.metrics.map((m, i) => metricSection(s, m, i)),
    notes.length > 0
      ? `<section id="notes"><h2>Notes</h2><ul>${notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul></section>`
      : "",
    `</main><footer>${esc(`Generated by FlowPrompt from ${s.events} stored events. A single self-contained file.`)}</footer>`,
  ].join("\n");
  return [
    "<!doctype html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<meta name="color-scheme" content="light dark">`,
    `<title>${esc(`FlowPrompt experiment ${s.experiment.id}: ${rec}`)}</title>`,
    `<style>${STYLES}</style>`,
    "</head>",
    "<body>",
    body,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
