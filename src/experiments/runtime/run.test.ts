import { describe, expect, it } from "vitest";
import { setPrice } from "../../core/cost.js";
import type { ExperimentStore } from "../../core/ports.js";
import { definePrompt } from "../../core/prompt.js";
import { mockModel } from "../../models/mock-model.js";
import { BufferedExperimentStore, MemoryExperimentStore } from "../stores/index.js";
import { createExperiment } from "./index.js";

describe("run", () => {
  it("runs the variant's model and params, and records cost and latency outcomes", async () => {
    setPrice("mock:priced", { input: 1, output: 2 });
    const priced = mockModel({ modelId: "priced", replies: ["P"] });
    const prompt = definePrompt({
      name: "p",
      user: "Hello {{name}}",
      model: mockModel({ replies: ["plain"] }),
    });
    const store = new MemoryExperimentStore();
    const exp = await createExperiment(
      {
        id: "models",
        variants: [
          { name: "plain", prompt, weight: 0, control: true },
          { name: "priced", prompt, model: priced, params: { temperature: 0.3 }, weight: 1 },
        ],
        primaryMetric: { name: "ok", kind: "binary" },
      },
      { store, now: () => 1000 },
    );
    await exp.start();
    const { variant, result } = await exp.run({ id: "u1", attributes: { plan: "pro" } }, { name: "Ann" });
    expect([variant, result.output, result.model]).toEqual(["priced", "P", "mock:priced"]);
    expect(priced.calls[0]!.options.temperature).toBe(0.3);
    const events = await store.events("models");
    expect(events.map((e) => [e.kind, e.metric, e.variant])).toEqual([
      ["exposure", undefined, "priced"],
      ["outcome", "latency", "priced"],
      ["outcome", "cost", "priced"],
    ]);
    expect(events[0]).toMatchObject({ propensity: 1, at: 1000, attributes: { plan: "pro" } });
    expect(events[2]!.value).toBeGreaterThan(0);
    expect((await store.getExperiment("models"))?.config).toMatchObject({
      variants: [{ name: "plain" }, { name: "priced", model: "mock:priced", params: { temperature: 0.3 } }],
      allocation: "fixed",
    });
  });

  it("loads prompt file paths given in a TypeScript config", async () => {
    const prompt = definePrompt({ name: "p", user: "x", model: mockModel() });
    const config = {
      id: "files",
      variants: [
        { name: "a", prompt, weight: 0.5, control: true },
        { name: "b", prompt: "missing.prompt", weight: 0.5 },
      ],
      primaryMetric: { name: "ok", kind: "binary" as const },
    };
    await expect(
      createExperiment(config, { store: new MemoryExperimentStore(), baseDir: "/nowhere" }),
    ).rejects.toThrow(/missing\.prompt: experiments\["files"\]\.variants\[1\]\.prompt: no such file/);
  });
});

describe("an unavailable store", () => {
  it("loses nothing behind a BufferedExperimentStore: runs go on, events arrive after the outage", async () => {
    const inner = new MemoryExperimentStore();
    let down = true;
    const flaky: ExperimentStore = {
      portVersion: 1,
      kind: "flaky",
      append: (events) => (down ? Promise.reject(new Error("connection refused")) : inner.append(events)),
      events: (id, o) => inner.events(id, o),
      saveExperiment: (e) => inner.saveExperiment(e),
      getExperiment: (id) => inner.getExperiment(id),
      listExperiments: () => inner.listExperiments(),
      close: () => inner.close(),
    };
    const errors: unknown[] = [];
    const store = new BufferedExperimentStore(flaky, { retryMs: 1, onError: (e) => errors.push(e) });
    const prompt = definePrompt({ name: "p", user: "x", model: mockModel({ replies: ["ok"] }) });
    const exp = await createExperiment(
      {
        id: "outage",
        variants: [
          { name: "a", prompt, weight: 0.5, control: true },
          { name: "b", prompt, weight: 0.5 },
        ],
        primaryMetric: { name: "ok", kind: "binary" },
      },
      { store },
    );
    await exp.start();
    for (let i = 0; i < 10; i++) await exp.run(`u${i}`);
    for (let i = 0; i < 10; i++) await exp.record(`u${i}`, "ok", true);
    expect(errors.length).toBeGreaterThan(0);
    expect((await exp.results()).unexposedOutcomes.count).toBe(0);
    down = false;
    await store.flush();
    const events = await inner.events("outage");
    expect(events.filter((e) => e.kind === "exposure")).toHaveLength(10);
    expect(events.filter((e) => e.metric === "ok")).toHaveLength(10);
    await store.close();
  });
});
