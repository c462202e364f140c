/** Reports of a comparison: terminal, Markdown (pull-request comments) and JSON. */
export { type ReportContext, type ReportSource, regressions } from "./format.js";
export { type JsonComparison, type JsonReport, type JsonVariant, renderJson, toJsonReport } from "./json.js";
export { renderMarkdown } from "./markdown.js";
export { renderTerminal, type TerminalOptions } from "./terminal.js";
