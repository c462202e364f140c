import { describe, expect, it } from "vitest";
import { SIM_MODEL_IDS } from "./register.js";
import { TASK_NAMES } from "./tasks/index.js";
import "../../index.js";
import { priceOf } from "../../core/cost.js";
import { resolveModel } from "../../core/model-registry.js";

describe("sim provider registration", () => {
  it("knows every bundled task", () => {
    expect([...SIM_MODEL_IDS.slice(2)].sort()).toEqual([...TASK_NAMES].sort());
  });

  it("resolves without loading the simulator, prices the ids and refuses unknown tasks", async () => {
    const { model, id } = resolveModel("sim:sentiment");
    expect(id).toBe("sim:sentiment");
    expect(model.provider).toBe("sim");
    expect(await model.supportedUrls).toBeDefined();
    expect(priceOf("sim:math")).toEqual({ input: 0.15, output: 0.6 });
    expect(() => resolveModel("sim:poetry")).toThrow(/"sim:poetry" names no simulated task/);
  });
});
