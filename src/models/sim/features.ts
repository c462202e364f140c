import type { LanguageModelV4Prompt } from "@ai-sdk/provider";
import type { ChatMessage } from "../../core/types.js";
import { hashString } from "./random.js";
import { countKnown, findLast, TASKS } from "./tasks/index.js";
import { normalize, type PromptFeatures, type SimTask, type TaskName, type TaskRow } from "./tasks/types.js";

/** A message reduced to what the simulator reads: its role and its text. */
export interface SimMessage {
  role: "system" | "user" | "assistant" | "tool";
  text: string;
}

/** What the call asks for besides the messages. */
export interface CallShape {
  /** responseFormat is JSON. */
  json: boolean;
  /** Its JSON schema, if any. */
  schema?: object | undefined;
  temperature?: number | undefined;
}

/** Everything the simulator read from one call. */
export interface Reading {
  task: SimTask | undefined;
  /** The bundled row asked about, or a heuristic row for an unknown input. */
  row: TaskRow | undefined;
  /** Whether `row` is a bundled example (with a known true answer). */
  bundled: boolean;
  features: PromptFeatures;
  /** Hash of the prompt without repair turns (whitespace-insensitive). */
  promptHash: number;
  /** Repair turns ("Your reply was not valid: …") at the end of the prompt. */
  repairs: number;
  /** The last user message's text (normalized). */
  lastUser: string;
}

const REPAIR = /^Your reply was not valid/;
/** An explicit output-format sentence ("Answer with only the label", "Reply in JSON"). */
export const FORMAT_HINT =
  /\b(answer|reply|respond|output|return)\b[^.\n]{0,40}\b(only|just|exactly|one word|single word)\b|\bJSON\b/i;
export const STEP_BY_STEP = /step[ -]by[ -]step|show your (work|reasoning|steps)/i;
/** Checked in this order when the task is not fixed and no bundled input is in the prompt. */
const INFER_ORDER: TaskName[] = ["extract", "math", "sentiment"];

export function fromModelPrompt(prompt: LanguageModelV4Prompt): SimMessage[] {
  return prompt.map((m) => {
    if (typeof m.content === "string") return { role: m.role, text: m.content } as SimMessage;
    let text = "";
    for (const part of m.content) if (part.type === "text") text += text ? `\n${part.text}` : part.text;
    return { role: m.role, text };
  });
}

export function fromChatMessages(messages: readonly ChatMessage[]): SimMessage[] {
  return messages.map((m) => {
    if (typeof m.content === "string") return { role: m.role, text: m.content };
    let text = "";
    for (const part of m.content) if (part.type === "text") text += text ? `\n${part.text}` : part.text;
    return { role: m.role, text };
  });
}

/** The messages without the repair turns ("Your reply was not valid: …") at the end, and how many there were. */
export function coreMessages(messages: readonly SimMessage[]): { core: SimMessage[]; repairs: number } {
  let end = messages.length;
  let repairs = 0;
  while (
    end >= 2 &&
    messages[end - 1]!.role === "user" &&
    REPAIR.test(messages[end - 1]!.text) &&
    messages[end - 2]!.role === "assistant"
  ) {
    end -= 2;
    repairs++;
  }
  return { core: messages.slice(0, end), repairs };
}

/** Reads task, input, features and hashes from a prompt; `fixed` is the task of a `sim:<task>` model. */
export function readPrompt(messages: readonly SimMessage[], call: CallShape, fixed?: TaskName): Reading {
  const stripped = coreMessages(messages);
  const repairs = stripped.repairs;
  const core = stripped.core.map((m) => ({ role: m.role, text: normalize(m.text) }));
  let lastIndex = -1;
  for (let i = core.length - 1; i >= 0 && lastIndex < 0; i--) if (core[i]!.role === "user") lastIndex = i;
  const lastUser = lastIndex >= 0 ? core[lastIndex]!.text : "";
  const schemaText = call.schema === undefined ? "" : JSON.stringify(call.schema);
  const candidates = fixed ? [TASKS[fixed]] : Object.values(TASKS);
  const found = findLast(lastUser, candidates);

  // The prompt without the input being asked about, so the input itself never counts as an instruction.
  const parts = core.map((m, i) =>
    i === lastIndex && found ? m.text.slice(0, found.at) + m.text.slice(found.at + found.length) : m.text,
  );
  const text = `${parts.join("\n")}\n${schemaText}`;
  let task = found?.task ?? (fixed ? TASKS[fixed] : undefined);
  task ??= INFER_ORDER.map((name) => TASKS[name]).find((t) => t.recognise(text));
  const row = found?.row ?? task?.guess(lastUser);
  let demoTurns = 0;
  for (let i = 0; i < lastIndex; i++) if (core[i]!.role === "assistant") demoTurns++;
  const features: PromptFeatures = {
    instructions: task?.instructions.every((re) => re.test(text)) ?? false,
    demos: Math.max(demoTurns, task ? countKnown(text, task) : 0),
    formatHint: call.json || FORMAT_HINT.test(text),
    stepByStep: STEP_BY_STEP.test(text),
    temperature: call.temperature ?? 1,
    json: call.json,
  };
  const promptHash = hashString(`${core.map((m) => `${m.role}:${m.text}`).join("\n")}|${call.json}`);
  return { task, row, bundled: found !== undefined, features, promptHash, repairs, lastUser };
}
