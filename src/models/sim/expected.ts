import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { Prompt } from "../../core/prompt.js";
import { fromChatMessages, readPrompt } from "./features.js";
import { pSuccess } from "./formula.js";
import { TASKS, type TaskName, type TaskRow } from "./tasks/index.js";
import type { PromptFeatures } from "./tasks/types.js";

export interface ExpectedAccuracy {
  task: TaskName;
  /** Mean over the rows of P(the output is right), from the documented formula. */
  accuracy: number;
  /** Standard deviation of a measured accuracy around it (one run per row): sqrt(Σ p(1−p)) / n. */
  sd: number;
  n: number;
  /** The features read from the first row's prompt. */
  features: PromptFeatures;
  rows: { id: string; p: number }[];
}

export interface ExpectedOptions {
  /** The task (default: the one whose input variable the prompt uses: review, text or problem). */
  task?: TaskName;
  /** Rows to average over (default: the task's dataset). */
  rows?: readonly TaskRow[];
  /** Overrides the prompt's temperature. */
  temperature?: number;
  /** Repair attempts of `run()` (default 1). */
  repair?: number;
}

/**
 * The exact expected accuracy of a prompt on the simulated model: the prompt is rendered for every
 * row and read exactly as the model reads it, then P(right) is averaged. No model is called.
 */
export function expectedAccuracy(prompt: Prompt, options: ExpectedOptions = {}): ExpectedAccuracy {
  const name = options.task ?? Object.values(TASKS).find((t) => prompt.variables.includes(t.field))?.name;
  if (!name) {
    throw new InvalidArgumentError(
      "expectedAccuracy prompt",
      `"${prompt.name}" uses none of the bundled tasks' variables (review, text, problem); pass options.task.`,
    );
  }
  const task = TASKS[name];
  const schema = prompt.outputJsonSchema;
  const call = {
    json: schema !== undefined,
    schema,
    temperature: options.temperature ?? prompt.params.temperature,
  };
  const rows: { id: string; p: number }[] = [];
  let features: PromptFeatures | undefined;
  let variance = 0;
  for (const row of options.rows ?? task.rows()) {
    const messages = fromChatMessages(prompt.messages({ [task.field]: row.text } as never));
    const reading = readPrompt(messages, call, name);
    features ??= reading.features;
    const p = pSuccess(name, row.difficulty, reading.features, options.repair ?? 1);
    variance += p * (1 - p);
    rows.push({ id: row.id, p });
  }
  const n = rows.length;
  if (n === 0 || !features) throw new InvalidArgumentError("expectedAccuracy rows", "the list is empty.");
  return {
    task: name,
    accuracy: rows.reduce((s, r) => s + r.p, 0) / n,
    sd: Math.sqrt(variance) / n,
    n,
    features,
    rows,
  };
}
