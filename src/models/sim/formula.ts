import { sigmoid } from "./random.js";
import type { PromptFeatures, TaskName } from "./tasks/index.js";

/**
 * The simulated model's weights (documented in docs/simulated-model.md; change them there too).
 *
 *   logit P(correct) = base[task] − difficulty
 *                      + instructions·[instructions] + demos·(1 − 0.5^demos) + formatHint·[format hint]
 *                      + stepByStep·[step by step, math only] − temperature·T
 *   P(format error)  = (format hint ? withHint : withoutHint) · 0.5^demos
 */
export const SIM_WEIGHTS = {
  base: { sentiment: 1.6, extract: 1.5, math: 0.8 } satisfies Record<TaskName, number>,
  instructions: 1.0,
  /** Times 1 − 0.5^demos: +0.8 for one demo, +1.2 for two, +1.4 for three, … never more than 1.6. */
  demos: 1.6,
  formatHint: 0.3,
  /** Only on math. */
  stepByStep: 1.2,
  /** Per unit of temperature (unset counts as 1). */
  temperature: 1.0,
  formatError: { withHint: 0.02, withoutHint: 0.15 },
  /**
   * Share of the per-input randomness common to every prompt (the rest is specific to the prompt):
   * with this probability two prompts draw the same uniform number for an input and sample.
   */
  coupling: 0.5,
} as const;

/** The demo term's factor: 1 − 0.5^demos (0, 0.5, 0.75, 0.875, …). */
export function demoGain(demos: number): number {
  return 1 - 0.5 ** Math.max(0, demos);
}

/** The logit of answering correctly. */
export function simLogit(task: TaskName, difficulty: number, f: PromptFeatures): number {
  const w = SIM_WEIGHTS;
  return (
    w.base[task] -
    difficulty +
    (f.instructions ? w.instructions : 0) +
    w.demos * demoGain(f.demos) +
    (f.formatHint ? w.formatHint : 0) +
    (f.stepByStep && task === "math" ? w.stepByStep : 0) -
    w.temperature * f.temperature
  );
}

/** P(the answer is right), before formatting. */
export function pCorrect(task: TaskName, difficulty: number, f: PromptFeatures): number {
  return sigmoid(simLogit(task, difficulty, f));
}

/** P(the reply is not in the asked format: prose instead of the label, the number or the JSON). */
export function pFormatError(f: PromptFeatures): number {
  const e = SIM_WEIGHTS.formatError;
  return (f.formatHint ? e.withHint : e.withoutHint) * 0.5 ** Math.max(0, f.demos);
}

/**
 * P(the run's output is right): a text reply must be right and well formed; a JSON reply with a
 * format error is sent back by `run()` (repair, default once) and the simulator repairs it, so only
 * `repair: 0` loses it.
 */
export function pSuccess(task: TaskName, difficulty: number, f: PromptFeatures, repair = 1): number {
  const p = pCorrect(task, difficulty, f);
  return f.json && repair > 0 ? p : p * (1 - pFormatError(f));
}
