import { registerProvider } from "../core/model-registry.js";
import { type MockModel, mockModel } from "./mock-model.js";

const shared = new Map<string, MockModel>();

/**
 * The mock model that the string `"mock:<modelId>"` resolves to (`"mock"` is `"mock:mock"`).
 * One instance per id, shared by every prompt that names it: inspect its `calls`, and `reset()` it
 * between tests.
 */
export function sharedMockModel(modelId = "mock"): MockModel {
  let model = shared.get(modelId);
  if (!model) {
    model = mockModel({ modelId });
    shared.set(modelId, model);
  }
  return model;
}

/** Makes `model: "mock"` and `model: "mock:<anything>"` resolve to the shared mock models. */
export function registerMockProvider(): void {
  registerProvider("mock", sharedMockModel);
}
