import { contentHash } from "../core/canonical.js";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { DatasetRow } from "../core/ports.js";
import type { Prompt } from "../core/prompt.js";
import type { MessageTemplate } from "../core/prompt-config.js";
import type { ModelParams } from "../core/types.js";
import { type DynamicDemos, dynamicDemosMiddleware, dynamicDemosTemplate } from "./dynamic-demos.js";

/**
 * What an optimizer changes in a prompt: its instruction (the system message), its few-shot demos,
 * some model parameters and the model. Everything else (the user template with the input, schemas,
 * middleware) stays the base prompt's.
 */
export interface Program {
  /** The system message as a template; undefined keeps none. Proposed text is escaped first. */
  instruction: string | undefined;
  /** Demos as chat turns before the input (rendered text, escaped), or the base prompt's turns. */
  demos: readonly Demo[];
  /** Parameters over the base prompt's (e.g. { temperature: 0 }). */
  params: Readonly<Partial<ModelParams>>;
  /** A model string that replaces the base prompt's, or undefined to keep it. */
  model: string | undefined;
  /** Demos chosen per input by similarity (kNN / MMR), shown after the static demos. */
  dynamicDemos?: DynamicDemos;
}

/** One worked example shown to the model: the user turn and the answer turn, as literal text. */
export interface Demo {
  /** The row it came from, when it came from a dataset (for provenance). */
  rowId?: string;
  user: string;
  assistant: string;
  /** "labelled" (the row's expected answer) or "bootstrapped" (a passing trace of a teacher). */
  source?: "labelled" | "bootstrapped" | "base";
}

/** The base prompt in pieces: system template, turns before the input, and the user template. */
export interface PromptParts {
  system: string | undefined;
  turns: readonly MessageTemplate[];
  user: string;
}

const ROLE_MARK = /\{\{\s*role\s+["'](system|user|model|assistant)["']\s*\}\}/g;

/**
 * Splits a prompt into system / earlier turns / final user template. Dotprompt templates are split
 * on their `{{role "…"}}` markers (text before the first marker is a user turn).
 * @throws InvalidArgumentError when the prompt does not end with a user turn or uses {{history}}.
 */
export function promptParts(prompt: Prompt): PromptParts {
  const c = prompt.config;
  const turns: MessageTemplate[] = [];
  let system = c.system;
  for (const m of c.messages ?? []) turns.push(m);
  if (c.template !== undefined) {
    if (/\{\{\s*history\s*\}\}/.test(c.template)) {
      throw new InvalidArgumentError(
        `prompt "${prompt.name}"`,
        "its template uses {{history}}, which the optimizer cannot rearrange.",
        "Optimize a prompt whose template is system + user turns (demos are added between them).",
      );
    }
    let role: MessageTemplate["role"] = "user";
    let last = 0;
    const push = (end: number) => {
      const text = c.template!.slice(last, end).trim();
      if (text === "") return;
      if (role === "system" && turns.length === 0 && system === undefined) system = text;
      else turns.push({ role, content: text });
    };
    for (const m of c.template.matchAll(ROLE_MARK)) {
      push(m.index);
      role = m[1] === "model" ? "assistant" : (m[1] as MessageTemplate["role"]);
      last = m.index + m[0].length;
    }
    push(c.template.length);
  }
  if (c.user !== undefined) turns.push({ role: "user", content: c.user });
  const final = turns.pop();
  if (final === undefined || final.role !== "user") {
    throw new InvalidArgumentError(
      `prompt "${prompt.name}"`,
      "its last message is not a user turn, so there is no place for the input.",
      "End the prompt with the user turn that holds the input variables.",
    );
  }
  return { system, turns, user: final.content };
}

/** The program the base prompt already is (its instruction and its own demo turns). */
export function baseProgram(prompt: Prompt): Program {
  const parts = promptParts(prompt);
  const demos: Demo[] = [];
  if (turnsArePairs(parts.turns)) {
    for (let i = 0; i < parts.turns.length; i += 2) {
      demos.push({ user: parts.turns[i]!.content, assistant: parts.turns[i + 1]!.content, source: "base" });
    }
  }
  return { instruction: parts.system, demos, params: {}, model: undefined };
}

/** Whether the turns before the input are user/assistant pairs (demos), which a program may replace. */
function turnsArePairs(turns: readonly MessageTemplate[]): boolean {
  if (turns.length % 2 !== 0) return false;
  return turns.every((t, i) => t.role === (i % 2 === 0 ? "user" : "assistant"));
}

/**
 * Escapes literal text so the template engine prints it as written: `{{` becomes `\{{`. Handlebars
 * cannot print a backslash right before an escaped `{{`, so backslashes there are printed through
 * an empty comment (`\\{{!}}` prints one backslash, then `\{{`).
 */
export function escapeTemplate(text: string): string {
  return text.replace(/(\\*)\{\{/g, (_m, bs: string) => (bs === "" ? "\\{{" : `${bs}\\{{!}}\\{{`));
}

/** The literal text an escaped template stands for (the inverse of `escapeTemplate`). */
export function unescapeTemplate(template: string): string {
  // One pass, so a backslash the first form gives back is not read as an escape again.
  return template.replace(/\\\{\{!\}\}\\\{\{|\\\{\{/g, "{{");
}

/** Builds the prompt a program describes, on top of the base prompt. */
export function applyProgram(base: Prompt, program: Program): Prompt {
  const parts = promptParts(base);
  const turns = programTurns(program, parts);
  const params = { ...base.config.params, ...program.params };
  const dynamic = program.dynamicDemos;
  return base.with({
    template: undefined,
    system: program.instruction,
    messages: turns,
    user: parts.user,
    source: undefined,
    ...(Object.keys(params).length > 0 && { params }),
    ...(program.model !== undefined && { model: program.model }),
    ...(dynamic !== undefined && {
      middleware: [...(base.config.middleware ?? []), dynamicDemosMiddleware(dynamic)],
    }),
  }) as Prompt;
}

/** Turns before the input: the base's non-demo turns (kept), then the program's demos. */
export function programTurns(program: Program, parts: PromptParts): MessageTemplate[] {
  const turns: MessageTemplate[] = turnsArePairs(parts.turns) ? [] : [...parts.turns];
  for (const d of program.demos) {
    const literal = d.source !== "base";
    turns.push({ role: "user", content: literal ? escapeTemplate(d.user) : d.user });
    turns.push({ role: "assistant", content: literal ? escapeTemplate(d.assistant) : d.assistant });
  }
  if (program.dynamicDemos !== undefined)
    turns.push({ role: "user", content: dynamicDemosTemplate(program.dynamicDemos) });
  return turns;
}

/** The text of a demo's answer: strings as they are, anything else as JSON (what a JSON reply looks like). */
export function answerText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * A demo from a dataset row: the base prompt's user turn rendered for the row, and its expected
 * answer (labelled) or a teacher's passing answer (bootstrapped).
 */
export function demoFromRow(
  base: Prompt,
  row: DatasetRow,
  answer: { value: unknown; source: "bootstrapped" } | undefined = undefined,
): Demo {
  const messages = base.messages(row.input as never);
  const last = messages[messages.length - 1];
  const user =
    last === undefined
      ? ""
      : typeof last.content === "string"
        ? last.content
        : last.content.map((p) => ("text" in p ? p.text : "")).join("");
  return {
    rowId: row.id,
    user,
    assistant: answerText(answer === undefined ? row.expected : answer.value),
    source: answer === undefined ? "labelled" : "bootstrapped",
  };
}

/** Keys already computed: programs are immutable (a change makes a new object), so identity is safe. */
const keys = new WeakMap<Program, string>();

/** A stable key for a program (evaluation caches and history key on it); computed once per program. */
export function programKey(program: Program): string {
  let key = keys.get(program);
  if (key === undefined) {
    key = contentHash({
      i: program.instruction ?? null,
      d: program.demos.map((d) => [d.user, d.assistant]),
      p: program.params,
      m: program.model ?? null,
      ...(program.dynamicDemos && { x: program.dynamicDemos }),
    }).slice(0, 16);
    keys.set(program, key);
  }
  return key;
}
