import { createHash } from "node:crypto";
import {
  describeModels,
  describeRun,
  duration,
  isSimulated,
  legend,
  modelsOf,
  money,
  notes,
  plural,
  type ReportContext,
  type ReportSource,
  recordCount,
  runsOf,
  scoredInputs,
  simulatedBanner,
} from "../format.js";
import { esc } from "./escape.js";
import { type DatasetLookup, inputsSection } from "./inputs.js";
import { costChart } from "./plot-cost.js";
import { latencyChart } from "./plot-latency.js";
import { diffsChart, scoresChart } from "./plot-scores.js";
import { SCRIPT } from "./script.js";
import { STYLES } from "./styles.js";
import { comparisonsTable, methodNote, strataTable, variantsTable } from "./tables.js";

/** The header: the run in one line, the simulated-model banner, the verdict, the winner and the facts. */
function header(s: ReportSource, ctx: ReportContext): string {
  const title = ctx.command === "analyze" ? "FlowPrompt analyze" : "FlowPrompt compare";
  const banner = isSimulated(s) ? `<div class="banner" role="note">⚠ ${esc(simulatedBanner(s))}</div>` : "";
  const tone = s.winner ? "good" : s.notEnoughData ? "warn" : "neutral";
  const winner = s.winner
    ? `Winner: <strong>${esc(s.winner)}</strong>${s.winner === s.control ? " (the control)" : ""}`
    : "No winner: the data do not support one.";
  const scored = scoredInputs(s);
  const inputs = s.inputs ?? scored;
  const models = modelsOf(s);
  const facts: [string, string][] = [
    ["Variants", String(s.variants.length)],
    ["Inputs", inputs === scored ? String(inputs) : `${inputs} (${scored} scored)`],
    ["Runs", `${runsOf(s)} per input`],
    ...(ctx.metric ? [["Metric", ctx.metric] as [string, string]] : []),
    ["Confidence", `${Math.round(s.confidence * 1000) / 10}%`],
    [models.length > 1 ? "Models" : "Model", models.length > 0 ? models.join(", ") : describeModels(s)],
    ["Calls", String(recordCount(s))],
    ...(s.costUsd !== undefined ? [["Cost", money(s.costUsd)] as [string, string]] : []),
    ...(s.elapsedMs !== undefined ? [["Time", duration(s.elapsedMs)] as [string, string]] : []),
    ...(ctx.source ? [["Records", ctx.source] as [string, string]] : []),
  ];
  return (
    `<header><p class="kicker"><strong>${title}</strong> · ${esc(describeRun(s, ctx))}</p>${banner}` +
    `<h1 class="verdict ${tone}">${esc(s.verdict)}</h1><p class="winner">${winner}</p>` +
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join("")}</dl></header>`
  );
}

const SECTIONS: [id: string, title: string][] = [
  ["scores", "Scores"],
  ["comparisons", "Comparisons"],
  ["cost", "Cost and quality"],
  ["latency", "Latency"],
  ["notes", "Notes"],
  ["inputs", "Per input"],
];

function section(id: string, body: string, intro = ""): string {
  const title = SECTIONS.find(([key]) => key === id)?.[1] ?? id;
  return `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>${intro}${body}</section>`;
}

function notesSection(s: ReportSource, ctx: ReportContext): string {
  const list = notes(s, ctx).filter((n) => n !== s.verdict);
  const items = list.length
    ? `<ul class="notes">${list.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`
    : `<p class="muted">Nothing to note: every call succeeded and the run was complete.</p>`;
  return section("notes", items + strataTable(s));
}

/** The whole page: one file, no network (the Content-Security-Policy forbids any, and allows only this script). */
export function page(s: ReportSource, ctx: ReportContext & { dataset?: DatasetLookup }): string {
  const level = `${Math.round(s.confidence * 1000) / 10}%`;
  const hash = createHash("sha256").update(SCRIPT).digest("base64");
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'`;
  const comparisons = s.comparisons.length
    ? `<div class="grid2 cmp"><div>${diffsChart(s)}</div><div>${comparisonsTable(s)}</div></div>` +
      `<p class="legend">${esc(legend(s) + methodNote(s))}</p>`
    : `<p class="muted">No comparisons.</p>`;
  const body = [
    header(s, ctx),
    `<nav aria-label="Sections">${SECTIONS.map(([id, t]) => `<a href="#${id}">${t}</a>`).join("")}</nav>`,
    `<main>`,
    section(
      "scores",
      scoresChart(s) + variantsTable(s),
      `<p class="muted">Each variant's score (the mean over inputs) with its ${level} interval: where the true score plausibly lies given this many inputs. The control is the square on the dashed line.</p>`,
    ),
    section(
      "comparisons",
      comparisons,
      `<p class="muted">Each difference with its ${level} interval: an interval clear of the zero line points one way. Coloured: significant after correction (green better, red worse); grey: not significant.</p>`,
    ),
    section("cost", costChart(s)),
    section("latency", latencyChart(s)),
    notesSection(s, ctx),
    section(
      "inputs",
      inputsSection(s, ctx.dataset),
      `<p class="muted">Where the variants disagree is where the difference comes from. Long outputs open with a click.</p>`,
    ),
    `</main>`,
    `<footer>${esc(`Generated by FlowPrompt. A single self-contained file: ${plural(recordCount(s), "record")}, no network needed.`)}</footer>`,
  ].join("\n");
  return [
    "<!doctype html>",
    `<html lang="en">`,
    "<head>",
    `<meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    `<meta name="color-scheme" content="light dark">`,
    `<meta name="generator" content="FlowPrompt">`,
    `<title>${esc(`${ctx.command === "analyze" ? "FlowPrompt analyze" : "FlowPrompt compare"}: ${s.verdict}`)}</title>`,
    `<style>${STYLES}</style>`,
    "</head>",
    "<body>",
    body,
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
