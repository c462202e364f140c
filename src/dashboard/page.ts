/** The dashboard page: one self-contained HTML document (inline CSS and script, a strict CSP). */
import { createHash } from "node:crypto";
import { STYLES } from "../report/experiment/styles.js";
import { esc } from "../report/html/escape.js";
import { CLIENT_SCRIPT } from "./client.js";

const SCRIPT_HASH = createHash("sha256").update(CLIENT_SCRIPT).digest("base64");

/** Nothing loads from elsewhere; the only script is the inline one (by hash); fetches go to this server. */
export const PAGE_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${SCRIPT_HASH}'`,
  "style-src 'unsafe-inline'",
  "img-src data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** The HTTP header adds what a `<meta>` policy cannot carry. */
export const PAGE_CSP_HEADER = `${PAGE_CSP}; frame-ancestors 'none'`;

const EXTRA_STYLES = `
h3 { font-size: 1.05rem; margin: 22px 0 6px; }
h4 { font-size: 0.95rem; margin: 14px 0 4px; color: var(--muted); }
.empty { font-size: 1.15rem; padding: 18px; border: 1px dashed var(--line); border-radius: 8px; }
.error { color: var(--bad); }
td.sel a { font-weight: 700; }
td.srm { color: var(--bad); font-weight: 700; }
a { color: var(--accent); }
figure { margin: 0; }
figcaption { font-size: 0.85rem; color: var(--muted); }
.chart .frame { stroke: var(--line); stroke-width: 1; }
.chart .band { opacity: 0.18; stroke: none; }
.chart .diff { fill: none; stroke-width: 2; }
.chart .area { opacity: 0.8; stroke: none; }
`;

/** `<` inside the JSON data block is escaped so no string can close the element. */
const jsonBlock = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export function renderDashboardPage(options: { store: string; refreshSeconds: number }): string {
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(PAGE_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>FlowPrompt experiments · ${esc(options.store)}</title>`,
    `<style>${STYLES}${EXTRA_STYLES}</style>`,
    "</head><body>",
    '<p class="kicker">FlowPrompt · live experiment dashboard</p>',
    "<h1>Experiments</h1>",
    `<p class="muted">Store: ${esc(options.store)} · <span id="status">Loading…</span></p>`,
    '<section id="list"></section>',
    '<section id="detail"></section>',
    `<script type="application/json" id="cfg">${jsonBlock(options)}</script>`,
    `<script>${CLIENT_SCRIPT}</script>`,
    "</body></html>",
  ].join("\n");
}
