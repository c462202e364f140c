export {
  type Collector,
  createCollector,
  type LatencySummary,
  percentile,
  type TraceStats,
  type TraceSummary,
} from "./collector.js";
export { exportTraces, type TraceExport, type TraceTarget } from "./export.js";
export { type TracingOptions, tracing } from "./tracing.js";
