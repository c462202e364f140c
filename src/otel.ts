/**
 * `flowprompt/otel`: OpenTelemetry tracing of runs with the GenAI semantic conventions, an
 * in-memory collector with a summary, and a one-line exporter set-up.
 *
 * ```ts
 * import { createCollector, exportTraces, tracing } from "flowprompt/otel";
 * const collector = createCollector();
 * const traces = await exportTraces([{ collector }, { otlp: "http://127.0.0.1:4318/v1/traces" }]);
 * configure({ middleware: [tracing()] });
 * ```
 * Only `@opentelemetry/api` is loaded with this entry point; the SDK and exporters load inside
 * `exportTraces()`.
 */
export * from "./integrations/otel/index.js";
