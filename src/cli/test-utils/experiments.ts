/** Shared by the `flowprompt experiment` tests: a config on disk and events written straight to a store. */
import { join } from "node:path";
import type { ExperimentEvent } from "../../core/ports.js";
import { JsonlExperimentStore } from "../../experiments/stores/index.js";
import { tempDir } from "./cli.js";

const PROMPT = `---\nname: greet\nmodel: mock\n---\nHello {{name}}\n`;

/** A two-variant 50/50 config (control, friendly) on the binary metric "converted". */
export function experimentYaml(
  id = "greeting",
  names: readonly [string, string] = ["control", "friendly"],
): string {
  return [
    `id: ${JSON.stringify(id)}`,
    "variants:",
    `  - { name: ${JSON.stringify(names[0])}, prompt: greet.prompt, weight: 0.5, control: true }`,
    `  - { name: ${JSON.stringify(names[1])}, prompt: greet.prompt, weight: 0.5 }`,
    "primaryMetric: { name: converted, kind: binary }",
    "guardrails: [{ name: latency, kind: latency }]",
    "minSamples: 100",
    "",
  ].join("\n");
}

/** A temp folder holding greet.prompt and greeting.yaml; the store is `<dir>/store`. */
export function experimentSetup(yaml = experimentYaml()): { dir: string; store: string; file: string } {
  const dir = tempDir({ "greet.prompt": PROMPT, "greeting.yaml": yaml });
  return { dir, store: join(dir, "store"), file: join(dir, "greeting.yaml") };
}

let n = 0;
/** `units` exposed units of a variant, the first `converted` of them with a "converted" outcome of 1. */
export function arm(id: string, variant: string, units: number, converted: number): ExperimentEvent[] {
  const out: ExperimentEvent[] = [];
  for (let i = 0; i < units; i++) {
    const unitId = `${variant}-${i}`;
    out.push({ id: `x${n++}`, experimentId: id, unitId, variant, kind: "exposure", propensity: 0.5, at: 1 });
    if (i < converted) {
      out.push({
        id: `x${n++}`,
        experimentId: id,
        unitId,
        variant,
        kind: "outcome",
        metric: "converted",
        value: 1,
        at: 2,
      });
    }
  }
  return out;
}

/** An outcome from a unit that was never exposed (flagged the way `record()` flags it). */
export function unexposed(id: string, unitId: string, variant: string): ExperimentEvent {
  const attributes = { unexposed: true };
  return {
    id: `x${n++}`,
    experimentId: id,
    unitId,
    variant,
    kind: "outcome",
    metric: "converted",
    value: 1,
    at: 3,
    attributes,
  };
}

export async function appendEvents(dir: string, events: readonly ExperimentEvent[]): Promise<void> {
  const store = new JsonlExperimentStore({ dir });
  await store.append(events);
  await store.close();
}
