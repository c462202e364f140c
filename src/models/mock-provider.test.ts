import { beforeAll, describe, expect, it } from "vitest";
import { resolveModel } from "../core/model-registry.js";
import { registerMockProvider, sharedMockModel } from "./mock-provider.js";

describe("registerMockProvider", () => {
  beforeAll(() => {
    registerMockProvider();
  });

  it('resolves "mock" and "mock:mock" to one shared mock model', () => {
    const a = resolveModel("mock");
    const b = resolveModel("mock:mock");
    expect(a.id).toBe("mock:mock");
    expect(b.id).toBe("mock:mock");
    expect(a.model).toBe(b.model);
    expect(a.model).toBe(sharedMockModel());
  });

  it('resolves "mock:<anything>" to a mock model with that id', async () => {
    const { model, id } = resolveModel("mock:fast-one");
    expect(id).toBe("mock:fast-one");
    expect(model.provider).toBe("mock");
    expect(model.modelId).toBe("fast-one");
    expect(model).toBe(sharedMockModel("fast-one"));
    const result = await model.doGenerate({
      prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
    });
    expect(result.content).toEqual([{ type: "text", text: "mock reply to: hi" }]);
    expect(sharedMockModel("fast-one").calls).toHaveLength(1);
  });
});
