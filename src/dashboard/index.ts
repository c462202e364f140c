/** The live experiment dashboard (`flowprompt dashboard`). Guide: docs/experiments.md#dashboard. */
export {
  type ExperimentDetail,
  type ExperimentList,
  type ExperimentListItem,
  experimentDetail,
  listExperiments,
  type SeriesPoint,
} from "./api.js";
export { type Dashboard, type DashboardOptions, startDashboard } from "./server.js";
