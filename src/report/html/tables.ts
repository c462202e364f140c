import { duration, interval, METHOD_LABELS, money, pct, pts, pValue, type ReportSource } from "../format.js";
import { esc, tag } from "./escape.js";
import { diffClass } from "./plot-scores.js";

/** A cell: its HTML (already escaped) and, for sorting, a number or text. */
export interface Cell {
  html: string;
  sort?: number | string;
  class?: string;
}

/** An accessible table: a caption, column headers with scope, and sortable columns (with JS). */
export function table(
  o: {
    caption: string;
    /** The caption for screen readers only (a heading already says it). */
    quietCaption?: boolean;
    headers: readonly string[];
    numeric?: readonly boolean[];
    sortable?: boolean;
    class?: string;
  },
  body: readonly (readonly Cell[])[],
): string {
  const head = o.headers
    .map((h, i) => tag("th", { scope: "col", class: o.numeric?.[i] ? "num" : undefined }, esc(h)))
    .join("");
  const rows = body.map(
    (row) =>
      `<tr>${row
        .map((c, i) => {
          const cls = [o.numeric?.[i] ? "num" : "", c.class ?? ""].filter(Boolean).join(" ") || undefined;
          return i === 0
            ? tag("th", { scope: "row", class: cls, "data-sort": c.sort }, c.html)
            : tag("td", { class: cls, "data-sort": c.sort }, c.html);
        })
        .join("")}</tr>`,
  );
  const cls = [o.class, o.sortable ? "sortable" : ""].filter(Boolean).join(" ") || undefined;
  const caption = tag("caption", { class: o.quietCaption ? "sr-only" : undefined }, esc(o.caption));
  const html = tag(
    "table",
    { class: cls },
    `${caption}<thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody>`,
  );
  return `<div class="scroll">${html}</div>`;
}

const levelOf = (s: ReportSource) => `${Math.round(s.confidence * 1000) / 10}% interval`;

export function variantsTable(s: ReportSource): string {
  return table(
    {
      caption: "Variants",
      headers: [
        "Variant",
        "Score",
        levelOf(s),
        "n",
        "Errors",
        "Cost",
        "Per 1,000 calls",
        "p50 latency",
        "p95 latency",
      ],
      numeric: [false, true, true, true, true, true, true, true, true],
      sortable: true,
    },
    s.variants.map((v) => [
      {
        html: `${esc(v.name)}${v.name === s.control ? ' <span class="tag">control</span>' : ""}${
          v.name === s.winner ? ' <span class="tag win">winner</span>' : ""
        }`,
        sort: v.name,
      },
      { html: `<strong>${pct(v.score)}</strong>`, sort: v.score },
      { html: interval(v.interval), sort: v.interval[0] },
      { html: String(v.n), sort: v.n },
      { html: String(v.errors), sort: v.errors, class: v.errors > 0 ? "bad" : "muted" },
      { html: money(v.costUsd), sort: v.costUsd ?? -1 },
      { html: v.costPerCall === null ? "–" : money(v.costPerCall * 1000), sort: v.costPerCall ?? -1 },
      { html: duration(v.latencyMs.p50), sort: v.latencyMs.p50 },
      { html: duration(v.latencyMs.p95), sort: v.latencyMs.p95 },
    ]),
  );
}

/** The comparisons beside their chart: diff, interval, p, p adj. (and the method when it varies). */
export function comparisonsTable(s: ReportSource): string {
  const ni = s.comparisons.some((c) => c.nonInferior);
  const methods = new Set(s.comparisons.map((c) => c.method)).size > 1;
  return table(
    {
      caption: "Comparisons",
      quietCaption: true,
      headers: [
        "Comparison",
        "Diff",
        `${Math.round(s.confidence * 1000) / 10}% CI`,
        "p",
        "p adj.",
        "Significant",
        ...(methods ? ["Method"] : []),
        ...(ni ? ["Non-inferior"] : []),
      ],
      numeric: [false, true, true, true, true, false, false, false],
      sortable: true,
      class: "compact",
    },
    s.comparisons.map((c) => [
      { html: `${esc(c.b)} <span class="muted">vs</span> ${esc(c.a)}`, sort: `${c.b} vs ${c.a}` },
      { html: `<strong>${pts(c.diff)}</strong>`, sort: c.diff },
      { html: interval(c.ci, true), sort: c.ci[0] },
      { html: pValue(c.pValue), sort: c.pValue },
      { html: pValue(c.pAdjusted), sort: c.pAdjusted },
      {
        html: c.significant ? (c.diff >= 0 ? "✓ better" : "▼ worse") : "no",
        sort: c.significant ? 1 : 0,
        class: diffClass(c),
      },
      ...(methods ? [{ html: esc(METHOD_LABELS[c.method]), class: "small" }] : []),
      ...(ni
        ? [
            {
              html: c.nonInferior ? (c.nonInferior.nonInferior ? "✓ yes" : "no") : "–",
              sort: c.nonInferior?.nonInferior ? 1 : 0,
            },
          ]
        : []),
    ]),
  );
}

/** The test behind the comparisons, when they all used the same one. */
export function methodNote(s: ReportSource): string {
  const methods = [...new Set(s.comparisons.map((c) => c.method))];
  return methods.length === 1 ? ` Test: ${METHOD_LABELS[methods[0]!]}.` : "";
}

/** Scores per category, shaded by score, with the comparisons significant within each (exploratory). */
export function strataTable(s: ReportSource): string {
  if (!s.strata) return "";
  const names = s.variants.map((v) => v.name);
  return table(
    {
      caption: "Scores by category (exploratory: comparisons tested within each category, Holm within it)",
      headers: ["Category", "n", ...names, "Significant within"],
      numeric: [false, true, ...names.map(() => true), false],
      sortable: true,
      class: "strata",
    },
    Object.entries(s.strata).map(([category, st]) => [
      { html: esc(category), sort: category },
      {
        html: String(Math.min(...st.variants.map((v) => v.n))),
        sort: Math.min(...st.variants.map((v) => v.n)),
      },
      ...names.map((name) => {
        const v = st.variants.find((x) => x.name === name);
        return v && v.n > 0
          ? {
              html: `<span class="heat" style="--v:${v.score.toFixed(3)}">${pct(v.score)}</span>`,
              sort: v.score,
            }
          : { html: "–", sort: -1 };
      }),
      (() => {
        const within = (st.comparisons ?? [])
          .filter((x) => x.significant)
          .map((x) => (x.diff > 0 ? `${x.b} > ${x.a}` : `${x.a} > ${x.b}`))
          .join(", ");
        return { html: within ? esc(within) : "–", sort: within };
      })(),
    ]),
  );
}
