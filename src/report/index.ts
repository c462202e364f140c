/** Reports of a comparison: terminal, Markdown (pull-request comments), a self-contained HTML page and JSON. */
export { type ReportContext, type ReportSource, regressions } from "./format.js";
export { type HtmlContext, renderHtml } from "./html/index.js";
export { type JsonComparison, type JsonReport, type JsonVariant, renderJson, toJsonReport } from "./json.js";
export { renderMarkdown } from "./markdown.js";
export { renderTerminal, type TerminalOptions } from "./terminal.js";
