import type { EvalRecord } from "../../eval/runner/types.js";
import { plural, type ReportSource } from "../format.js";
import { esc, oneLine, outputText, tag, truncate } from "./escape.js";

/** What one variant did on one input, over its runs. */
export interface InputCell {
  /** Mean score over the runs. */
  score: number;
  scores: number[];
  /** Distinct outputs, in run order. */
  outputs: string[];
  errors: { code: string; message: string }[];
}

export interface InputRow {
  id: string;
  category: string | undefined;
  /** Per variant, in the report's variant order (undefined: no record). */
  cells: (InputCell | undefined)[];
  /** Highest minus lowest variant score: 0 when they agree. */
  spread: number;
}

/** Rows shown at most; a bigger run lists the disagreements first, so the cut loses the least. */
export const MAX_ROWS = 2000;
/** Characters of an output shown in the table; the rest behind a toggle (up to FULL_OUTPUT). */
const SHORT = 90;
const FULL_OUTPUT = 4000;

const natural = new Intl.Collator("en", { numeric: true });

/** One row per input: the variants' scores and outputs; disagreements first (widest spread first), then by id. */
export function inputRows(s: ReportSource): InputRow[] {
  if (typeof s.records !== "object") return [];
  const names = s.variants.map((v) => v.name);
  const byInput = new Map<string, EvalRecord[]>();
  for (const rec of s.records) {
    const list = byInput.get(rec.inputId);
    if (list) list.push(rec);
    else byInput.set(rec.inputId, [rec]);
  }
  const rows: InputRow[] = [];
  for (const [id, recs] of byInput) {
    const cells = names.map((name): InputCell | undefined => {
      const mine = recs.filter((r) => r.variant === name).sort((a, b) => a.run - b.run);
      if (mine.length === 0) return undefined;
      const scores = mine.map((r) => r.score);
      return {
        score: scores.reduce((a, b) => a + b, 0) / scores.length,
        scores,
        outputs: [
          ...new Set(mine.filter((r) => !r.error || r.output != null).map((r) => outputText(r.output))),
        ],
        errors: mine.flatMap((r) => (r.error ? [{ code: r.error.code, message: r.error.message }] : [])),
      };
    });
    const known = cells.flatMap((c) => (c ? [c.score] : []));
    const spread = known.length > 1 ? Math.max(...known) - Math.min(...known) : 0;
    rows.push({ id, category: recs.find((r) => r.category !== undefined)?.category, cells, spread });
  }
  const disagree = (r: InputRow) => r.spread > 1e-9;
  return rows.sort(
    (a, b) => Number(disagree(b)) - Number(disagree(a)) || b.spread - a.spread || natural.compare(a.id, b.id),
  );
}

const scoreText = (c: InputCell): string =>
  c.scores.length === 1 && (c.score === 0 || c.score === 1)
    ? c.score === 1
      ? "✓ pass"
      : "✗ fail"
    : c.score.toFixed(2);

const scoreClass = (score: number) => (score >= 1 - 1e-9 ? "s-pass" : score <= 1e-9 ? "s-fail" : "s-mid");

/** An output: short ones inline, long ones cut with the whole text behind a <details> toggle. */
function output(text: string): string {
  if (text === "") return `<span class="muted">(no output)</span>`;
  const line = oneLine(text);
  if (line.length <= SHORT && line === text) return `<code class="out">${esc(text)}</code>`;
  const full = truncate(text, FULL_OUTPUT);
  return `<details class="out"><summary><code>${esc(truncate(line, SHORT))}</code></summary><pre>${esc(full)}</pre></details>`;
}

function cell(c: InputCell | undefined, col: number): string {
  if (!c) return tag("td", { "data-col": col, "data-sort": -1, class: "muted" }, "–");
  const runs =
    c.scores.length > 1
      ? ` <span class="muted small">runs ${c.scores.map((x) => x.toFixed(2)).join(" / ")}</span>`
      : "";
  const errors = c.errors
    .map(
      (e) =>
        `<div class="err"><strong>${esc(e.code)}</strong>: ${esc(truncate(oneLine(e.message), 300))}</div>`,
    )
    .join("");
  const outputs = c.outputs.map(output).join("");
  return tag(
    "td",
    { "data-col": col, "data-sort": c.score.toFixed(4), class: scoreClass(c.score) },
    `<div class="score">${scoreText(c)}${runs}</div>${errors}${outputs}`,
  );
}

/** What the report may know of the dataset: each input and its expected value, by id. */
export type DatasetLookup = readonly { id: string; input: unknown; expected?: unknown }[];

/** An input for reading: a lone text field as its text, anything else as JSON. */
function inputText(input: unknown): string {
  if (input !== null && typeof input === "object" && !Array.isArray(input)) {
    const values = Object.values(input);
    if (values.length === 1 && typeof values[0] === "string") return values[0];
  }
  return outputText(input);
}

function rowHeader(id: string, row: DatasetLookup[number] | undefined): string {
  const input = row ? `<div class="input">${output(inputText(row.input))}</div>` : "";
  const expected =
    row && row.expected !== undefined
      ? `<div class="expected">expected <code>${esc(truncate(oneLine(outputText(row.expected)), SHORT))}</code></div>`
      : "";
  return tag("th", { scope: "row", "data-sort": id }, `<div class="id">${esc(id)}</div>${input}${expected}`);
}

function filters(names: readonly string[], categories: readonly string[]): string {
  const category =
    categories.length > 0
      ? `<label>category <select id="category-filter"><option value="">all</option>${categories
          .map((c) => tag("option", { value: c }, esc(c)))
          .join("")}</select></label>`
      : "";
  const toggles = names
    .map(
      (n, i) =>
        `<label>${tag("input", { type: "checkbox", "data-toggle-col": i, checked: true })} ${esc(n)}</label>`,
    )
    .join("");
  return (
    `<div class="filters" data-filters hidden>` +
    `<label><input type="checkbox" id="only-disagree"> only disagreements</label>${category}` +
    `<label>search <input type="search" id="input-search" placeholder="id, input or output"></label>` +
    `<fieldset><legend>variants</legend>${toggles}</fieldset>` +
    `<output id="shown-count" aria-live="polite"></output></div>`
  );
}

/**
 * The per-input diff view: filters (with JS) and a table of every input, disagreements first; with
 * the dataset at hand, each input's text and expected value too.
 */
export function inputsSection(s: ReportSource, dataset?: DatasetLookup): string {
  const rows = inputRows(s);
  if (rows.length === 0)
    return `<p class="muted">The per-input view needs the records, which this report was not given.</p>`;
  const names = s.variants.map((v) => v.name);
  const byId = new Map((dataset ?? []).map((row) => [row.id, row]));
  const disagreeing = rows.filter((r) => r.spread > 1e-9).length;
  const categories = [...new Set(rows.flatMap((r) => (r.category === undefined ? [] : [r.category])))].sort(
    natural.compare,
  );
  const summary =
    `<p>${plural(rows.length, "input")}; the variants disagree on <strong>${disagreeing}</strong>` +
    `${disagreeing > 0 ? " (listed first, widest gap first)" : ""}.` +
    `${rows.length > MAX_ROWS ? ` Showing the first ${MAX_ROWS}.` : ""}</p>`;
  const head =
    `<th scope="col">Input</th>${categories.length > 0 ? `<th scope="col">Category</th>` : ""}` +
    names
      .map((n, i) =>
        tag(
          "th",
          { scope: "col", "data-col": i },
          `${esc(n)}${n === s.control ? ' <span class="tag">control</span>' : ""}`,
        ),
      )
      .join("");
  const body = rows
    .slice(0, MAX_ROWS)
    .map((r) =>
      tag(
        "tr",
        {
          class: r.spread > 1e-9 ? "disagree" : undefined,
          "data-disagree": r.spread > 1e-9 ? "1" : "0",
          "data-category": r.category ?? "",
        },
        rowHeader(r.id, byId.get(r.id)) +
          (categories.length > 0
            ? tag("td", { "data-sort": r.category ?? "" }, esc(r.category ?? "–"))
            : "") +
          r.cells.map((c, i) => cell(c, i)).join(""),
      ),
    )
    .join("");
  const table =
    `<div class="scroll"><table class="inputs sortable" id="inputs-table"><caption>Per input: each variant's score and output` +
    `</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
  return `${summary}${filters(names, categories)}${table}`;
}
