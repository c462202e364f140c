import { FORMAT_HINT, STEP_BY_STEP } from "./features.js";
import { TASKS } from "./tasks/index.js";
import type { TaskName } from "./tasks/types.js";

/**
 * The features an instruction written by the simulated proposer or reflection model can carry.
 * Each is read with the very regular expressions the simulator reads a task prompt with, so an
 * instruction that carries one triggers it when it becomes the system message of a task prompt.
 *
 * - `labels`: sentiment's instructions feature (the words positive, negative and neutral);
 * - `iso`: extract's instructions feature (YYYY-MM-DD or ISO 8601);
 * - `final`: math's instructions feature ("final answer");
 * - `steps`: step by step (`STEP_BY_STEP`);
 * - `format`: an output-format sentence (`FORMAT_HINT`).
 */
export type MetaFeature = "labels" | "iso" | "final" | "steps" | "format";

/** The features that matter for each task, in the order they are written; `generic`: no task recognised. */
export const META_FEATURES: Readonly<Record<TaskName | "generic", readonly MetaFeature[]>> = {
  sentiment: ["labels", "format"],
  extract: ["iso", "format"],
  math: ["steps", "final", "format"],
  generic: ["steps", "format"],
};

const READERS: Record<MetaFeature, (text: string) => boolean> = {
  labels: (text) => TASKS.sentiment.instructions.every((re) => re.test(text)),
  iso: (text) => TASKS.extract.instructions.every((re) => re.test(text)),
  final: (text) => TASKS.math.instructions.every((re) => re.test(text)),
  steps: (text) => STEP_BY_STEP.test(text),
  format: (text) => FORMAT_HINT.test(text),
};

/** The features of `task` (undefined: generic) that an instruction carries, in the task's order. */
export function instructionFeatures(task: TaskName | undefined, text: string): MetaFeature[] {
  return META_FEATURES[task ?? "generic"].filter((f) => READERS[f](text));
}

/** What the task is, worded several ways; none of these sentences carries a feature. */
const TASK_SENTENCES: Record<TaskName | "generic", readonly string[]> = {
  sentiment: [
    "Read the product review and decide what sentiment it expresses.",
    "Classify the overall sentiment of the customer review.",
    "Determine how the reviewer feels about the product.",
    "Work out the sentiment of the review, reading past filler and sarcasm.",
  ],
  extract: [
    "Extract the payer's name, the payment date and the amount from the message.",
    "Read the payment message and pull out who paid, when, and how much.",
    "Find the customer's name, the date of the payment and the amount paid.",
    "From the message, identify the person who paid, the payment date and the amount.",
  ],
  math: [
    "Solve the arithmetic word problem.",
    "Work out the result of the word problem.",
    "Read the problem carefully and compute the number it asks for.",
    "Calculate the quantity the word problem asks about.",
  ],
  generic: [
    "Complete the task described in the input.",
    "Read the input carefully and handle the request it makes.",
    "Carry out the request in the input accurately.",
  ],
};

/** One sentence per feature, worded several ways; each triggers its feature and no other. */
const FEATURE_SENTENCES: Record<MetaFeature, readonly string[]> = {
  labels: [
    "Use one of the labels positive, negative or neutral.",
    "The sentiment is positive, negative or neutral.",
    "Choose between positive, negative and neutral.",
  ],
  iso: [
    "Write the date as YYYY-MM-DD.",
    "Give the date in ISO 8601 form (YYYY-MM-DD).",
    "Convert the date to YYYY-MM-DD, whatever its written form.",
  ],
  final: [
    "Give the final answer as a number.",
    "End with the final answer.",
    "State the final answer clearly.",
  ],
  steps: ["Think step by step.", "Work through it step by step.", "Show your reasoning before answering."],
  format: [
    "Answer with only what is asked, nothing else.",
    "Reply with just the answer.",
    "Respond in exactly the requested format.",
  ],
};

/** Sentiment's format sentence is about one word. */
const SENTIMENT_FORMAT = [
  "Answer with only one word.",
  "Reply with just the label.",
  "Respond with a single word.",
] as const;

const CLOSINGS = ["", "", "Be careful with tricky cases.", "Pay attention to the details.", "Be precise."];

/**
 * Writes an instruction for `task` carrying exactly `features`; `pick(i, n)` chooses among n wordings
 * for slot i (a seeded draw), so different draws give different strings.
 */
export function writeInstruction(
  task: TaskName | undefined,
  features: readonly MetaFeature[],
  pick: (slot: number, n: number) => number,
): string {
  const name = task ?? "generic";
  const choose = (slot: number, list: readonly string[]) => list[pick(slot, list.length)]!;
  const parts = [choose(0, TASK_SENTENCES[name])];
  for (const [i, f] of META_FEATURES[name].entries()) {
    if (!features.includes(f)) continue;
    parts.push(
      choose(i + 1, f === "format" && name === "sentiment" ? SENTIMENT_FORMAT : FEATURE_SENTENCES[f]),
    );
  }
  parts.push(choose(9, CLOSINGS));
  return parts.filter(Boolean).join(" ");
}
