import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/index.js";
import type { ExperimentEvent, ExperimentStore } from "../../core/ports.js";
import { definePrompt } from "../../core/prompt.js";
import { mockModel } from "../../models/mock-model.js";
import { MemoryStickyStore } from "../assignment/index.js";
import { type ExperimentConfig, ExperimentStatusError } from "../config/index.js";
import { JsonlExperimentStore, MemoryExperimentStore } from "../stores/index.js";
import { createExperiment } from "./index.js";

const root = mkdtempSync(join(tmpdir(), "fp-exp-runtime-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

const stores: [string, () => ExperimentStore][] = [
  ["memory", () => new MemoryExperimentStore()],
  ["jsonl", () => new JsonlExperimentStore({ dir: join(root, `s${dirs++}`) })],
];

const a = definePrompt({ name: "greet-a", user: "Hello {{name}}", model: mockModel({ replies: ["A"] }) });
const b = definePrompt({ name: "greet-b", user: "Hi {{name}}", model: mockModel({ replies: ["B"] }) });

function config(weights: [number, number] = [0.5, 0.5]): ExperimentConfig {
  return {
    id: "greeting",
    variants: [
      { name: "control", prompt: a, weight: weights[0], control: true },
      { name: "friendly", prompt: b, weight: weights[1] },
    ],
    primaryMetric: { name: "converted", kind: "binary" },
    guardrails: [{ name: "rating", kind: "continuous" }],
  };
}

describe.each(stores)("experiment runtime on the %s store", (_kind, makeStore) => {
  it("persists a draft and walks the lifecycle, recording the winner", async () => {
    const store = makeStore();
    const exp = await createExperiment(config(), { store });
    expect(exp.status).toBe("draft");
    expect((await store.getExperiment("greeting"))?.status).toBe("draft");
    await expect(exp.pause()).rejects.toThrow(ExperimentStatusError);
    await exp.start();
    await exp.pause();
    await exp.start();
    await expect(exp.complete({ winner: "nope" })).rejects.toThrow(/variants: control, friendly/);
    await exp.complete({ winner: "friendly" });
    await expect(exp.start()).rejects.toThrow("cannot go from completed to running");
    await exp.archive();
    const stored = await store.getExperiment("greeting");
    expect(stored).toMatchObject({ status: "archived", winner: "friendly" });
    const again = await createExperiment(config(), { store });
    expect([again.status, again.winner]).toEqual(["archived", "friendly"]);
  });

  it("serves the control and records nothing unless running", async () => {
    const store = makeStore();
    const exp = await createExperiment(config(), { store });
    expect(exp.assign("u1")).toEqual({
      variant: "control",
      inExperiment: false,
      reason: "not-running",
      bucket: 0,
      propensity: 0,
    });
    const { variant, result } = await exp.run("u1", { name: "Ann" });
    expect([variant, result.output]).toEqual(["control", "A"]);
    expect(await store.events("greeting")).toEqual([]);
  });

  it("assigns, runs, records and summarises end to end", async () => {
    const store = makeStore();
    const exp = await createExperiment(config(), { store });
    await exp.start();
    const seen = new Map<string, string>();
    let priced = 0;
    for (let i = 0; i < 40; i++) {
      const { variant, result, assignment } = await exp.run(`u${i}`, { name: "Ann" });
      if (result.costUsd !== null) priced++;
      expect(result.output).toBe(variant === "control" ? "A" : "B");
      expect(assignment.propensity).toBe(0.5);
      seen.set(`u${i}`, variant);
      if (i % 2 === 0) await exp.record(`u${i}`, "converted", variant === "friendly");
    }
    for (let i = 0; i < 40; i++)
      expect((await exp.run(`u${i}`, { name: "Ann" })).variant).toBe(seen.get(`u${i}`));
    const r = await exp.results();
    const friendly = [...seen.values()].filter((v) => v === "friendly").length;
    expect(r.exposures).toEqual({ control: 40 - friendly, friendly });
    expect(r.units).toEqual(r.exposures);
    expect(friendly).toBeGreaterThan(5);
    expect(r.outcomes.latency!.control!.count + r.outcomes.latency!.friendly!.count).toBe(80);
    // cost is recorded for runs whose model has a known price (the mock model here has none)
    expect(r.events.filter((e) => e.metric === "cost")).toHaveLength(priced);
    const conv = r.outcomes.converted!;
    expect(conv.friendly!.mean).toBe(1);
    expect(conv.control!.mean).toBe(0);
    expect(conv.control!.count + conv.friendly!.count).toBe(20);
    expect(r.unexposedOutcomes.count).toBe(0);
    expect(new Set(r.events.map((e) => e.id)).size).toBe(r.events.length);
    const exposure = r.events.find((e) => e.kind === "exposure")!;
    expect(exposure.propensity).toBe(0.5);
  });

  it("keeps, flags and reports an outcome of a unit never exposed", async () => {
    const store = makeStore();
    const reported: ExperimentEvent[] = [];
    const exp = await createExperiment(config(), { store, onUnexposedOutcome: (e) => reported.push(e) });
    await exp.start();
    const { unexposed, event } = await exp.record("ghost", "rating", 4.5);
    expect(unexposed).toBe(true);
    expect(event.attributes).toEqual({ unexposed: true });
    expect(reported).toEqual([event]);
    const stored = await store.events("greeting");
    expect(stored).toEqual([event]);
    const r = await exp.results();
    expect(r.unexposedOutcomes).toEqual({ count: 1, events: [event] });
    expect(r.outcomes.rating).toBeUndefined();
  });

  it("rejects unknown metrics, variants and bad values with clear errors", async () => {
    const exp = await createExperiment(config(), { store: makeStore() });
    await exp.start();
    await expect(exp.record("u1", "clicks", 1)).rejects.toThrow(
      'Invalid metric: "clicks" is not a metric of experiment "greeting"; known metrics: converted, rating, cost, latency',
    );
    await expect(exp.record("u1", "converted", 0.5)).rejects.toThrow(/binary: expected 0, 1, true or false/);
    await expect(exp.record("u1", "rating", Number.NaN)).rejects.toThrow(InvalidArgumentError);
    await expect(exp.record("u1", "rating", 1, { variant: "bold" })).rejects.toThrow(
      /"bold" is not a variant of "greeting"; variants: control, friendly/,
    );
    const { variant } = await exp.expose("u1");
    const other = variant === "control" ? "friendly" : "control";
    await expect(exp.record("u1", "rating", 1, { variant: other })).rejects.toThrow(/was exposed to/);
  });

  it("exposes once per unit across processes, or every time when asked", async () => {
    const store = makeStore();
    const first = await createExperiment(config(), { store });
    await first.start();
    await first.expose("u1");
    await first.expose("u1");
    const second = await createExperiment(config(), { store });
    expect(second.status).toBe("running");
    await second.expose("u1");
    expect((await second.record("u1", "rating", 3)).unexposed).toBe(false);
    expect((await store.events("greeting")).filter((e) => e.kind === "exposure")).toHaveLength(1);
    const every = await createExperiment(config(), { store, exposures: "every" });
    await every.expose("u1");
    await every.run("u1", { name: "Ann" });
    expect((await every.results()).exposures[every.assign("u1").variant]).toBe(3);
  });

  it("keeps units on their variant when weights change, with a sticky store", async () => {
    const sticky = new MemoryStickyStore();
    const exp = await createExperiment(config(), { store: makeStore(), sticky });
    await exp.start();
    const before = Array.from({ length: 50 }, (_, i) => exp.assign(`u${i}`).variant);
    const store = makeStore();
    const changed = await createExperiment(config([0.1, 0.9]), { store, sticky });
    await changed.start();
    expect(Array.from({ length: 50 }, (_, i) => changed.assign(`u${i}`).variant)).toEqual(before);
    expect(changed.assign("u0").reason).toBe("sticky");
  });
});
