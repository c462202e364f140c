/**
 * The simulated model (`sim:`): an offline, seeded stand-in for an LLM whose accuracy on the bundled
 * example tasks follows a documented formula of the prompt's content. Guide: docs/simulated-model.md.
 */
export { type ExpectedAccuracy, type ExpectedOptions, expectedAccuracy } from "./expected.js";
export { type CallShape, fromChatMessages, fromModelPrompt, type Reading, readPrompt } from "./features.js";
export { demoGain, pCorrect, pFormatError, pSuccess, SIM_WEIGHTS, simLogit } from "./formula.js";
export {
  META_WEIGHTS,
  type MetaDecision,
  type MetaReading,
  type MetaTaskSource,
  metaProbabilities,
  readMeta,
} from "./meta.js";
export { instructionFeatures, META_FEATURES, type MetaFeature } from "./meta-features.js";
export {
  META_TRIGGER,
  type MetaExample,
  type MetaKind,
  type MetaRequest,
  metaKind,
  parseMetaRequest,
} from "./meta-request.js";
export {
  registerSimProvider,
  SIM_PRICE,
  sharedSimModel,
  simTask,
  simTaskOfModel,
} from "./provider.js";
export { type SimModel, type SimModelOptions, simModel } from "./sim-model.js";
export type { SimDecision } from "./simulate.js";
export {
  type Answer,
  datasetJsonl,
  type ExtractFields,
  type PromptFeatures,
  type SimTask,
  TASK_NAMES,
  TASKS,
  type TaskName,
  type TaskRow,
} from "./tasks/index.js";
