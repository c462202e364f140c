/**
 * Objectives for judging samplers, shared by the TPE tests and `bench/optimize.ts` (which imports
 * this file directly: keep it free of runtime imports).
 */
import type { ParamValue, SearchSpace } from "../../../core/ports.ts";

/** A prompt-search-like space: a float, a log-scaled rate, an int on a step grid and a choice. */
export const mixedSpace: SearchSpace = {
  temperature: { type: "float", low: -5, high: 5 },
  rate: { type: "float", low: 1e-5, high: 1, log: true },
  shots: { type: "int", low: 0, high: 40, step: 4 },
  style: { type: "categorical", choices: ["plain", "terse", "socratic", "formal"] },
};

/** Regret on `mixedSpace`: 0 at temperature 1.5, rate 1e-3, 24 shots, "socratic". */
export function mixedRegret(p: Record<string, ParamValue>): number {
  const t = ((p.temperature as number) - 1.5) ** 2 / 25;
  const r = (Math.log10(p.rate as number) + 3) ** 2 / 25;
  const s = (((p.shots as number) - 24) / 40) ** 2;
  return t + r + s + (p.style === "socratic" ? 0 : 0.3);
}
