import type { ExperimentStore } from "../../core/ports.js";
import { MemoryExperimentStore } from "./memory-store.js";
import { runExperimentStoreSuite } from "./store.case.js";

runExperimentStoreSuite(
  "MemoryExperimentStore",
  (shareWith?: ExperimentStore) => shareWith ?? new MemoryExperimentStore(),
);
