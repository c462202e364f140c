/** The experiment report's only stylesheet: system fonts, light and dark schemes. */
export const STYLES = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #5b6470; --line: #d9dee4; --panel: #f5f7f9;
  --good: #1a7f37; --bad: #c9252f; --ns: #8a939d; --accent: #2f6fd6;
  --warn-bg: #fde2e1; --warn-fg: #7a1115; --warn-line: #c9252f;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1216; --fg: #e4e9ee; --muted: #9aa5b1; --line: #2d343c; --panel: #171c22;
    --good: #4ac26b; --bad: #ff6b6b; --ns: #7d8590; --accent: #6ea8ff;
    --warn-bg: #3a1010; --warn-fg: #ffb3b3; --warn-line: #ff6b6b;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 1100px; padding: 28px 28px 48px;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: 1.9rem; margin: 8px 0; word-break: break-word; }
h2 { font-size: 1.2rem; margin: 28px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
.muted, .kicker, footer { color: var(--muted); }
.kicker { margin: 0; }
.banner {
  margin: 14px 0; padding: 12px 16px; border: 2px solid var(--warn-line); border-radius: 8px;
  background: var(--warn-bg); color: var(--warn-fg); font-weight: 700;
}
.rec { font-size: 1.15rem; padding: 10px 14px; border-radius: 8px; background: var(--panel); }
.rec.good strong { color: var(--good); }
.rec.bad strong { color: var(--bad); }
table { border-collapse: collapse; margin: 10px 0; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; }
th { color: var(--muted); font-weight: 600; }
.num { text-align: right; white-space: nowrap; }
.chart { max-width: 100%; height: auto; display: block; margin: 8px 0; }
.chart text { font-size: 12px; fill: var(--fg); }
.chart .axis { fill: var(--muted); }
.chart line { stroke-width: 3; stroke-linecap: round; }
.chart .zero { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 4 3; }
.chart .good { stroke: var(--good); fill: var(--good); }
.chart .bad { stroke: var(--bad); fill: var(--bad); }
.chart .ns { stroke: var(--ns); fill: var(--ns); }
footer { margin-top: 36px; font-size: 0.85rem; }
`;
