import type { ReportContext, ReportSource } from "../format.js";
import type { DatasetLookup } from "./inputs.js";
import { page } from "./page.js";

/** What the HTML report knows beyond a text report's context. */
export interface HtmlContext extends ReportContext {
  /** The dataset's rows: the per-input view then shows each input and its expected value. */
  dataset?: DatasetLookup;
}

/**
 * The comparison as one self-contained HTML page to share: the verdict and the run, the scores with
 * their intervals, the differences against zero, cost against quality, latency distributions, the
 * notes and a per-input diff view (disagreements first). Inline CSS and SVG, a small optional
 * script, no external assets; every user string is escaped. Light and dark schemes, print-friendly.
 *
 * ```ts
 * await writeFile("report.html", renderHtml(await compare(variants, "data.jsonl")));
 * ```
 */
export function renderHtml(source: ReportSource, context: HtmlContext = {}): string {
  return page(source, context);
}
