/**
 * `flowprompt/testing`: a mock AI SDK model for testing prompts without a network, and the
 * JSON Schema example generator it uses for structured replies.
 *
 * ```ts
 * import { mockModel } from "flowprompt/testing";
 * const model = mockModel({ replies: ['{"sentiment":"positive"}'] });
 * ```
 */
export { exampleFromJsonSchema } from "./models/json-schema-example.js";
export {
  type MockCall,
  type MockMedia,
  type MockModel,
  type MockModelOptions,
  type MockReply,
  type MockUsage,
  mockModel,
} from "./models/mock-model.js";
export { sharedMockModel } from "./models/mock-provider.js";
export {
  type ExpectedAccuracy,
  expectedAccuracy,
  type SimModel,
  type SimModelOptions,
  sharedSimModel,
  simModel,
} from "./models/sim/index.js";
export {
  type MockServer,
  type MockServerOptions,
  startMockServer,
} from "./server/index.js";
