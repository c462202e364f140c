export { ExperimentBufferFullError } from "./buffer-full-error.js";
export {
  BufferedExperimentStore,
  type BufferedExperimentStoreOptions,
  type BufferedStoreStats,
} from "./buffered-store.js";
export { ExperimentStoreCorruptLineError } from "./corrupt-line-error.js";
export { ExperimentStoreError } from "./experiment-store-error.js";
export { JsonlExperimentStore, type JsonlExperimentStoreOptions } from "./jsonl-store.js";
export { MemoryExperimentStore } from "./memory-store.js";
export { PostgresExperimentStore, type PostgresExperimentStoreOptions } from "./postgres-store.js";
