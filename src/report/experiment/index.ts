/** Reports of an online experiment's analysis: terminal, Markdown, JSON and a self-contained HTML page. */
export type { ExperimentReportSource, ExperimentVariantInfo } from "./format.js";
export { renderExperimentHtml } from "./html.js";
export { type ExperimentJsonReport, renderExperimentJson, toExperimentJsonReport } from "./json.js";
export { renderExperimentMarkdown } from "./markdown.js";
export { renderExperimentTerminal } from "./terminal.js";
