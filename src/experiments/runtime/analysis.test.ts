import { describe, expect, it } from "vitest";
import { definePrompt } from "../../core/prompt.js";
import { mockModel } from "../../models/mock-model.js";
import { MemoryExperimentStore } from "../stores/index.js";
import { createExperiment } from "./index.js";

describe("experiment.results() analysis", () => {
  it("analyses the recorded events: a real lift is found, the recommendation says so, SRM is checked", async () => {
    const prompt = definePrompt({ name: "p", user: "Hi {{name}}", model: mockModel({ replies: ["ok"] }) });
    const exp = await createExperiment(
      {
        id: "lift",
        variants: [
          { name: "control", prompt, weight: 0.5, control: true },
          { name: "better", prompt, weight: 0.5 },
        ],
        primaryMetric: { name: "converted", kind: "binary" },
        minSamples: 50,
      },
      { store: new MemoryExperimentStore(), analysis: { method: "fixed" } },
    );
    await exp.start();
    for (let i = 0; i < 2000; i++) {
      const unit = { id: `u${i}` };
      const { variant } = await exp.expose(unit);
      // 10% conversion in control, 20% in "better": deterministic by unit number.
      const converts = variant === "better" ? i % 5 === 0 : i % 10 === 0;
      await exp.record(unit, "converted", converts ? 1 : 0);
    }
    const { analysis } = await exp.results();
    expect(analysis).toBeDefined();
    expect(analysis!.srm.flagged).toBe(false);
    expect(analysis!.winner).toBe("better");
    expect(analysis!.recommendation).toMatch(/^stop: better wins/);
  });
});
