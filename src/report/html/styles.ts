/** The report's only stylesheet: system fonts, light and dark colour schemes, and a print layout. */
export const STYLES = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #5b6470; --line: #d9dee4; --panel: #f5f7f9;
  --accent: #2f6fd6; --good: #1a7f37; --bad: #c9252f; --ns: #8a939d; --control: #8250df;
  --warn-bg: #fff3cd; --warn-fg: #5c4200; --warn-line: #e0b000;
  --pass-bg: rgba(26, 127, 55, 0.08); --fail-bg: rgba(201, 37, 47, 0.07);
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1216; --fg: #e4e9ee; --muted: #9aa5b1; --line: #2d343c; --panel: #171c22;
    --accent: #6ea8ff; --good: #4ac26b; --bad: #ff6b6b; --ns: #7d8590; --control: #b594ff;
    --warn-bg: #3a2d00; --warn-fg: #ffd666; --warn-line: #9e7a00;
    --pass-bg: rgba(74, 194, 107, 0.10); --fail-bg: rgba(255, 107, 107, 0.09);
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 1180px; padding: 28px 28px 48px;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1, h2, h3 { line-height: 1.25; }
h2 { font-size: 1.3rem; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
code, pre { font: 0.86em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.muted { color: var(--muted); }
.small { font-size: 0.85em; }
.kicker { margin: 0; color: var(--muted); font-size: 0.95rem; }
.banner {
  margin: 14px 0; padding: 12px 16px; border: 2px solid var(--warn-line); border-radius: 8px;
  background: var(--warn-bg); color: var(--warn-fg); font-weight: 700; font-size: 1.05rem;
}
.verdict { font-size: 2rem; margin: 14px 0 6px; }
.verdict.good { color: var(--good); }
.verdict.warn { color: var(--warn-fg); }
.winner { margin: 0 0 16px; font-size: 1.1rem; }
.facts {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 0;
}
.facts div { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.facts dt { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; }
.facts dd { margin: 2px 0 0; font-weight: 600; overflow-wrap: anywhere; }
nav { margin: 22px 0 6px; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 0.95rem; }
nav a { color: var(--accent); text-decoration: none; }
nav a:hover { text-decoration: underline; }
section { margin-top: 34px; }
.grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 24px; align-items: start; }
.grid2.cmp { grid-template-columns: minmax(0, 0.72fr) minmax(0, 1.28fr); }
.grid2 .chart { max-width: 640px; }
.sr-only {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
table.compact th, table.compact td { padding: 6px 8px; }
table.compact thead th { white-space: normal; }
table.compact tbody th { overflow-wrap: anywhere; min-width: 9em; }
@media (max-width: 980px) {
  .grid2, .grid2.cmp { grid-template-columns: minmax(0, 1fr); }
  th, td { padding: 5px 6px; }
}

.chart { display: block; width: 100%; max-width: 900px; height: auto; font-family: inherit; font-size: 14px; }
.chart text { fill: var(--fg); }
.chart .tick { fill: var(--muted); font-size: 12px; }
.chart .axis-title, .chart .ref-label { fill: var(--muted); font-size: 13px; }
.chart .value { font-size: 13px; fill: var(--muted); }
.chart .strong { fill: var(--fg); font-weight: 700; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .ref { stroke: var(--control); stroke-width: 1.5; stroke-dasharray: 5 4; }
.chart .zero { stroke: var(--fg); stroke-width: 1.5; }
.chart .whisker { stroke: currentColor; stroke-width: 2.2; }
.chart .dot { fill: currentColor; }
.chart .hollow { fill: var(--bg); stroke: currentColor; stroke-width: 2.5; }
.c-winner { color: var(--good); } .c-control { color: var(--control); } .c-plain { color: var(--accent); }
.c-up { color: var(--good); } .c-down { color: var(--bad); } .c-ns { color: var(--ns); }
.chart .c-winner .row-label, .chart .c-winner .point-label { font-weight: 700; }
.chart .dominated { opacity: 0.5; }
.chart .point-label { font-size: 14px; }
.chart .frontier { fill: none; stroke: var(--good); stroke-width: 1.6; stroke-dasharray: 6 4; }
.chart .strip { fill: var(--accent); opacity: 0.35; }
.chart .box { fill: color-mix(in srgb, var(--accent) 16%, transparent); stroke: var(--accent); stroke-width: 1.2; }
.chart .range { stroke: var(--muted); stroke-width: 1; }
.chart .median { stroke: var(--fg); stroke-width: 3; }
.chart .p95 { stroke: var(--bad); fill: var(--bad); stroke-width: 2; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; margin: 8px 0; }
caption { text-align: left; font-weight: 600; padding: 4px 0 8px; color: var(--muted); }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--line); white-space: nowrap; font-weight: 600; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bad { color: var(--bad); font-weight: 600; }
.tag {
  display: inline-block; white-space: nowrap; font-size: 0.72rem; font-weight: 600;
  padding: 0 6px; border-radius: 10px;
  border: 1px solid var(--control); color: var(--control); vertical-align: 1px;
}
.tag.win { border-color: var(--good); color: var(--good); }
th button {
  all: unset; cursor: pointer; display: inline-flex; gap: 4px; align-items: center;
}
th button::after { content: "↕"; color: var(--muted); font-size: 0.8em; }
th[aria-sort="ascending"] button::after { content: "▲"; }
th[aria-sort="descending"] button::after { content: "▼"; }
th button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.legend { font-size: 0.85rem; color: var(--muted); }
.notes li { margin: 4px 0; }
table.strata { width: auto; min-width: 60%; }
.heat {
  display: inline-block; min-width: 4.2em; padding: 0 6px; border-radius: 4px;
  background: color-mix(in srgb, var(--good) calc(var(--v) * 38%), transparent);
}
.filters {
  display: flex; flex-wrap: wrap; align-items: center; gap: 8px 18px; padding: 10px 14px; margin: 8px 0;
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px; font-size: 0.92rem;
}
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
.filters legend { float: left; margin-right: 8px; color: var(--muted); }
.filters input[type="search"] { width: 14em; }
.filters output { color: var(--muted); margin-left: auto; }
.scroll { overflow-x: auto; }
table.inputs { table-layout: auto; }
table.inputs td { min-width: 150px; max-width: 340px; }
table.inputs thead th { white-space: normal; overflow-wrap: anywhere; }
table.inputs tbody th { font-weight: 400; max-width: 360px; }
table.inputs .id { font-weight: 600; font-size: 0.85rem; overflow-wrap: anywhere; }
table.inputs .input { margin-top: 2px; min-width: 13em; }
table.inputs .input code { font-family: inherit; font-size: 0.92rem; }
table.inputs .expected { margin-top: 4px; font-size: 0.85rem; color: var(--muted); }
table.inputs tr.disagree > th { box-shadow: inset 3px 0 0 var(--warn-line); }
td.s-pass { background: var(--pass-bg); }
td.s-fail { background: var(--fail-bg); }
.score { font-weight: 600; font-size: 0.85rem; }
.s-pass .score { color: var(--good); } .s-fail .score { color: var(--bad); }
.out { display: block; margin-top: 2px; white-space: pre-wrap; overflow-wrap: anywhere; }
details.out summary { cursor: pointer; }
details.out pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0 0; padding: 6px 8px;
  background: var(--panel); border: 1px solid var(--line); border-radius: 6px; max-height: 24em; overflow: auto; }
.err { color: var(--bad); font-size: 0.85rem; overflow-wrap: anywhere; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; }
@media print {
  :root {
    color-scheme: light;
    --bg: #fff; --fg: #000; --muted: #444; --line: #bbb; --panel: #fff;
    --warn-bg: #fff; --warn-fg: #000; --pass-bg: transparent; --fail-bg: transparent;
  }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav, .filters, th button::after { display: none !important; }
  section { break-inside: avoid-page; }
  #inputs { break-inside: auto; }
  tr { break-inside: avoid; }
  .scroll { overflow: visible; }
  .grid2 { grid-template-columns: minmax(0, 1fr); }
  .banner { border: 3px solid #000; }
  details.out pre { max-height: none; }
}
`;
