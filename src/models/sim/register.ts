import type { LanguageModelV4 } from "@ai-sdk/provider";
import { setPrice } from "../../core/cost.js";
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { registerProvider } from "../../core/model-registry.js";

/** The bundled tasks (kept in step with tasks/index.ts by a test), and the bare ids. */
export const SIM_MODEL_IDS = ["sim", "auto", "sentiment", "extract", "math"] as const;
const PRICE = { input: 0.15, output: 0.6 };

/**
 * Registers the `sim` provider without loading the simulator: "sim:<task>" resolves to a light
 * model that imports the simulator on its first call, so `import "flowprompt"` stays fast.
 */
export function registerSimProvider(): void {
  registerProvider("sim", lazySimModel);
  for (const id of SIM_MODEL_IDS) setPrice(`sim:${id}`, PRICE);
}

function lazySimModel(modelId: string): LanguageModelV4 {
  if (!(SIM_MODEL_IDS as readonly string[]).includes(modelId)) {
    throw new InvalidArgumentError(
      "model",
      `"sim:${modelId}" names no simulated task.`,
      `Use ${SIM_MODEL_IDS.slice(2)
        .map((t) => `sim:${t}`)
        .join(", ")}, or "sim" (the task is recognised from the prompt).`,
    );
  }
  let real: Promise<LanguageModelV4> | undefined;
  const load = () => {
    real ??= import("./provider.js").then((m) => m.sharedSimModel(modelId));
    return real;
  };
  return {
    specificationVersion: "v4",
    provider: "sim",
    modelId,
    get supportedUrls() {
      return load().then((m) => m.supportedUrls);
    },
    doGenerate: async (options) => (await load()).doGenerate(options),
    doStream: async (options) => (await load()).doStream(options),
  };
}
