import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../core/errors/index.js";
import { definePrompt } from "../../core/prompt.js";
import { defineExperimentConfig, type ExperimentConfig, knownMetrics, toStoredConfig } from "./index.js";

const a = definePrompt({ name: "greet-a", user: "Hello {{name}}" });
const b = definePrompt({ name: "greet-b", user: "Hi {{name}}!" });

function base(): ExperimentConfig {
  return {
    id: "greeting",
    variants: [
      { name: "control", prompt: a, weight: 0.5, control: true },
      { name: "friendly", prompt: b, weight: 0.5 },
    ],
    primaryMetric: { name: "converted", kind: "binary" },
  };
}

function errorOf(config: unknown): InvalidArgumentError {
  try {
    defineExperimentConfig(config as ExperimentConfig);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected an InvalidArgumentError");
}

describe("defineExperimentConfig", () => {
  it("accepts a valid config and fills in defaults", () => {
    const c = defineExperimentConfig({ ...base(), guardrails: [{ name: "latency", kind: "latency" }] });
    expect(c.allocation).toBe("fixed");
    expect(c.control).toBe("control");
    expect(c.primaryMetric.direction).toBe("increase");
    expect(c.guardrails[0]!.direction).toBe("decrease");
    expect(knownMetrics(c)).toEqual(["converted", "latency", "cost"]);
  });

  it("names the path and the rule of a bad weight", () => {
    const c = base();
    c.variants[1]!.weight = 1.5;
    expect(errorOf(c).message).toBe(
      'Invalid experiments["greeting"].variants[1].weight: expected a number between 0 and 1',
    );
    expect(errorOf({ ...c, variants: [c.variants[0], { ...c.variants[1], weight: "x" }] }).argument).toBe(
      'experiments["greeting"].variants[1].weight',
    );
  });

  it("rejects weights that do not sum to 1 with the assignment layer's error", () => {
    const c = base();
    c.variants[1]!.weight = 0.4;
    const e = errorOf(c);
    expect(e.argument).toBe('experiments["greeting"].variants');
    expect(e.message).toMatch(/weights must sum to 1.*control: 0.5, friendly: 0.4/);
  });

  it("requires exactly one control", () => {
    const none = base();
    none.variants[0]!.control = false;
    expect(errorOf(none).message).toMatch(/variants: exactly one variant must have control: true, found 0/);
    const two = base();
    two.variants[1]!.control = true;
    const e = errorOf(two);
    expect(e.argument).toBe('experiments["greeting"].variants[1].control');
    expect(e.message).toMatch(/found 2 \(control, friendly\)/);
  });

  it.each([
    [{ id: "" }, "experiment.id", /expected an experiment id/],
    [{ coverage: 2 }, 'experiments["greeting"].coverage', /between 0 and 1/],
    [{ allocation: "random" }, 'experiments["greeting"].allocation', /fixed, thompson, ucb1, epsilon-greedy/],
    [{ primaryMetric: { name: "x", kind: "ratio" } }, 'experiments["greeting"].primaryMetric.kind', /binary/],
    [{ primaryMetric: undefined }, 'experiments["greeting"].primaryMetric', /is required/],
    [{ minSamples: 0 }, 'experiments["greeting"].minSamples', /positive whole number/],
    [{ minSamples: 100, maxSamples: 10 }, 'experiments["greeting"].maxSamples', /at least minSamples/],
    [{ targeting: { plan: [1] } }, 'experiments["greeting"].targeting.plan', /string, number, boolean/],
    [{ holdout: { share: 0.1 } }, 'experiments["greeting"].holdout.seed', /is required/],
    [{ namespace: { id: "n", start: 0.5, end: 0.2 } }, 'experiments["greeting"].namespace[2]', /below/],
    [{ colour: "red" }, 'experiments["greeting"].colour', /unknown key "colour"/],
    [
      { guardrails: [{ name: "converted", kind: "binary" }] },
      'experiments["greeting"].guardrails[0].name',
      /duplicate/,
    ],
  ])("rejects %j at %s", (patch, path, rule) => {
    const e = errorOf({ ...base(), ...patch });
    expect(e.argument).toBe(path);
    expect(e.message).toMatch(rule);
  });

  it("checks variants: prompt, name, duplicates, count", () => {
    const c = base();
    expect(errorOf({ ...c, variants: [c.variants[0], { ...c.variants[1], prompt: 42 }] }).message).toMatch(
      /variants\[1\]\.prompt: expected a Prompt/,
    );
    expect(
      errorOf({ ...c, variants: [c.variants[0], { ...c.variants[1], name: "control" }] }).message,
    ).toMatch(/variants\[1\]\.name: duplicate variant name "control"/);
    expect(errorOf({ ...c, variants: [{ ...c.variants[0], weight: 1 }] }).message).toMatch(
      /at least 2 variants/,
    );
  });

  it("stores prompts and models as JSON references", () => {
    const stored = toStoredConfig(defineExperimentConfig({ ...base(), description: "d" }));
    const variants = stored.variants as Record<string, unknown>[];
    expect(variants[0]).toMatchObject({
      name: "control",
      control: true,
      prompt: { name: "greet-a", hash: a.hash },
    });
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
  });
});
