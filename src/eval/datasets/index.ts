export type { DatasetFormat } from "./formats.js";
export { datasetFromRows, type LoadDatasetOptions, loadDataset, streamDataset } from "./load.js";
export type { DatasetMapping, RawRow } from "./mapping.js";
export { seededRandom } from "./random.js";
export { apportion, type DatasetSplits, type SplitOptions, splitDataset } from "./split.js";
