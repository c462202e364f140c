import { setPrice } from "../../core/cost.js";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { registerProvider } from "../../core/model-registry.js";
import { type SimModel, type SimModelOptions, simModel } from "./sim-model.js";
import { isTaskName, TASK_NAMES, type TaskName } from "./tasks/index.js";

/** A made-up price (USD per 1M tokens, gpt-4o-mini's list price) so reports can weigh cost against quality. */
export const SIM_PRICE = { input: 0.15, output: 0.6 } as const;

const shared = new Map<string, SimModel>();

/** The task of the model id after "sim:" ("sim" and "auto": recognised per prompt). Throws for others. */
export function simTask(modelId: string): TaskName | "auto" {
  if (modelId === "sim" || modelId === "auto") return "auto";
  if (isTaskName(modelId)) return modelId;
  throw new InvalidArgumentError(
    "model",
    `"sim:${modelId}" names no simulated task.`,
    `Use ${TASK_NAMES.map((t) => `sim:${t}`).join(", ")}, or "sim" (the task is recognised from the prompt).`,
  );
}

/**
 * The task of a full model id as a client sends it: "sim", "sim:<task>" or "sim-<task>" (for URLs
 * that cannot hold a colon); undefined when the id is not a simulated model.
 */
export function simTaskOfModel(model: string): TaskName | "auto" | undefined {
  const m = /^sim(?:[:-](.*))?$/.exec(model.trim());
  if (!m) return undefined;
  return simTask(m[1] ?? "sim");
}

/**
 * The simulated model that "sim:<task>" resolves to (seed 0). One instance per id, shared by every
 * prompt that names it: `reset()` it to restart the sample counters.
 */
export function sharedSimModel(modelId = "sim"): SimModel {
  let model = shared.get(modelId);
  if (!model) {
    model = simModel({ task: simTask(modelId), modelId });
    shared.set(modelId, model);
  }
  return model;
}

/** Makes `model: "sim"` and `model: "sim:<task>"` resolve to the simulated model, with a made-up price. */
export function registerSimProvider(): void {
  registerProvider("sim", sharedSimModel);
  for (const id of ["sim", "auto", ...TASK_NAMES]) setPrice(`sim:${id}`, SIM_PRICE);
}

export type { SimModel, SimModelOptions };
