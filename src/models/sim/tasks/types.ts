/** The shapes shared by the simulated model's bundled tasks. */

export type TaskName = "sentiment" | "extract" | "math";

/** The fields of an extraction answer. */
export interface ExtractFields {
  name: string;
  /** ISO 8601, YYYY-MM-DD. */
  date: string;
  amount: number;
}

/** A task's answer: a sentiment label, extracted fields, or a number. */
export type Answer = string | number | ExtractFields;

/** One bundled example: the input text, the true answer and how hard it is. */
export interface TaskRow {
  id: string;
  /** The text the prompt carries: the value of the task's one input variable. */
  text: string;
  expected: Answer;
  category: string;
  /** Subtracted from the logit: about 0 (easy) to 3.8 (hard). */
  difficulty: number;
  /** Plausible wrong answers, the most plausible first (never empty). */
  wrong: readonly Answer[];
  /** Worked steps, given as the reasoning when the prompt asks to think step by step. */
  steps?: string;
  /** The date as the text writes it (extract), the usual mistake without a date-format instruction. */
  writtenDate?: string;
}

/** What the simulator read from a prompt. */
export interface PromptFeatures {
  /** The task's key instruction is in the prompt (sentiment: the three labels; extract: the date format; math: "final answer"). */
  instructions: boolean;
  /** Few-shot demos: model turns before the last user turn, or other bundled examples quoted in the prompt. */
  demos: number;
  /** An explicit output format: JSON mode / a JSON schema, or an "answer with only …" sentence. */
  formatHint: boolean;
  /** "step by step" (or "show your work/reasoning"). */
  stepByStep: boolean;
  /** The call's temperature; unset counts as 1 (the usual provider default). */
  temperature: number;
  /** The reply must be JSON (responseFormat json). */
  json: boolean;
}

/** Named values a reply is built from; JSON schema properties are filled from them. */
export type Slots = Record<string, string | number>;

export interface SimTask {
  name: TaskName;
  /** The input variable that holds the text ("review", "text", "problem"). */
  field: string;
  /** Dataset rows, in order (the bundled JSONL file is exactly these). */
  rows(): readonly TaskRow[];
  /** Extra examples for few-shot demos; none of them is in the dataset. */
  demos(): readonly TaskRow[];
  /** Every one must match the prompt for the `instructions` feature. */
  instructions: readonly RegExp[];
  /** Whether a prompt's text (and schema) is about this task, when no bundled input is in it. */
  recognise(text: string): boolean;
  /** A row for a text that is not bundled: a heuristic answer taken as the truth, difficulty 1.5. */
  guess(text: string): TaskRow;
  /** The wrong answer given, from a uniform draw `u` (some features force the usual mistake). */
  wrongAnswer(row: TaskRow, features: PromptFeatures, u: number): Answer;
  /** The reply's values: the answer plus extras (confidence, reasoning). */
  slots(answer: Answer, row: TaskRow, correct: boolean, features: PromptFeatures): Slots;
  /** A well-formed text reply (no JSON asked). */
  text(slots: Slots, features: PromptFeatures): string;
  /** A chatty sentence instead of the asked format (a format error). */
  prose(slots: Slots): string;
}

/** Shared helper: picks the most plausible wrong answer 70% of the time, else another one. */
export function plausible(wrong: readonly Answer[], u: number): Answer {
  if (wrong.length === 1 || u < 0.7) return wrong[0]!;
  const rest = wrong.length - 1;
  return wrong[1 + Math.min(rest - 1, Math.floor(((u - 0.7) / 0.3) * rest))]!;
}

/** Collapses whitespace, so texts compare the same whatever the template or wire did to spacing. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
