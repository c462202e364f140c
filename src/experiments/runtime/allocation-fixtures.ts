/** Test helpers of bandit allocation: a two-variant experiment on mock prompts and simulated traffic. */
import { definePrompt } from "../../core/prompt.js";
import { mockModel } from "../../models/mock-model.js";
import type { Xoshiro128 } from "../../stats/rng.js";
import type { ExperimentConfig } from "../config/index.js";
import type { Experiment } from "./index.js";

const a = definePrompt({ name: "offer-a", user: "Offer {{name}}", model: mockModel({ replies: ["A"] }) });
const b = definePrompt({ name: "offer-b", user: "Deal {{name}}", model: mockModel({ replies: ["B"] }) });

export function banditConfig(extra: Partial<ExperimentConfig> = {}): ExperimentConfig {
  return {
    id: "offer",
    variants: [
      { name: "control", prompt: a, weight: 0.5, control: true },
      { name: "better", prompt: b, weight: 0.5 },
    ],
    primaryMetric: { name: "converted", kind: "binary" },
    allocation: "thompson",
    ...extra,
  };
}

/** Simulated conversion rates: "better" converts 4 times as often. */
const RATES: Record<string, number> = { control: 0.1, better: 0.4 };

/** Runs units `from`..`to`-1 through the mock prompt and records their simulated conversions. */
export async function traffic(exp: Experiment, from: number, to: number, rng: Xoshiro128): Promise<string[]> {
  const served: string[] = [];
  for (let i = from; i < to; i++) {
    const { variant } = await exp.run(`u${i}`, { name: "Ada" });
    served.push(variant);
    await exp.record(`u${i}`, "converted", rng.nextFloat() < RATES[variant]!);
  }
  return served;
}
