import type { Definition } from "./definition.js";
import { InputValidationError } from "./errors/input-validation-error.js";
import { InvalidArgumentError } from "./errors/invalid-argument-error.js";
import { MissingVariableError } from "./errors/missing-variable-error.js";
import { UnknownVariableError } from "./errors/unknown-variable-error.js";
import { validate } from "./schema.js";
import { withMediaSlots } from "./template/engine.js";
import { HISTORY_SLOT, type RenderedItem, splitMessages } from "./template/messages.js";
import { closest } from "./text.js";
import type { ChatMessage } from "./types.js";

/**
 * Checks the variables against the input schema, or (without one) against the templates:
 * every variable used must be given, and every variable given must be used.
 * Answers synchronously unless the input schema is asynchronous.
 */
export function checkVars(
  def: Definition,
  vars: unknown,
): Record<string, unknown> | Promise<Record<string, unknown>> {
  if (vars !== undefined && (typeof vars !== "object" || vars === null || Array.isArray(vars))) {
    throw new InvalidArgumentError(
      `variables of prompt "${def.name}"`,
      `expected an object such as { name: "Ada" }, got ${Array.isArray(vars) ? "an array" : typeof vars}.`,
    );
  }
  const defaults = def.config.defaults;
  const given = defaults ? { ...defaults, ...(vars as object) } : (vars ?? {});
  const input = def.config.input;
  if (!input) {
    checkAgainstTemplates(def, given as Record<string, unknown>);
    return given as Record<string, unknown>;
  }
  const outcome = validate(input, given);
  const finish = (o: Awaited<typeof outcome>) => {
    if (!o.ok) {
      // A variable the templates need and the caller left out is the likelier mistake: name it and its line.
      checkRequired(def, given as Record<string, unknown>);
      throw new InputValidationError(def.name, o.issues);
    }
    const value = o.value as Record<string, unknown>;
    checkRequired(def, value);
    return value;
  };
  return outcome instanceof Promise ? outcome.then(finish) : finish(outcome);
}

function checkAgainstTemplates(def: Definition, vars: Record<string, unknown>): void {
  checkRequired(def, vars);
  for (const key in vars) {
    if (!def.required.has(key) && !def.optional.has(key)) {
      const known = [...def.required.keys(), ...def.optional];
      throw new UnknownVariableError(key, def.name, known, closest(key, known));
    }
  }
}

function checkRequired(def: Definition, vars: Record<string, unknown>): void {
  for (const [name, site] of def.required) {
    if (vars[name] === undefined && !def.schemaOptional.has(name)) {
      throw new MissingVariableError(
        name,
        { prompt: def.name, file: site.file, line: site.line },
        Object.keys(vars),
      );
    }
  }
}

/** Renders the prompt's messages for checked variables, with history in its place. */
export function renderMessages(
  def: Definition,
  vars: Record<string, unknown>,
  history: readonly ChatMessage[] | undefined,
): ChatMessage[] {
  if (history !== undefined) checkHistory(def.name, history);
  const data = printable(def, vars);
  const items: RenderedItem[] = [];
  for (const { role, template } of def.templates) {
    if (template.analysis.hasMarkers) {
      // Media values ({{media url=photo}} with a Media) travel by reference, not as data URLs.
      const { value: text, slots } = withMediaSlots(() => template.render(data, def.partials as never));
      for (const item of splitMessages(text, role, slots)) items.push(item);
      continue;
    }
    const content = template.render(data, def.partials as never).trim();
    if (content) items.push({ role, content } as ChatMessage);
  }
  return placeHistory(items, history);
}

/** Objects and arrays printed by a plain {{x}} would show as "[object Object]": print them as JSON. */
function printable(def: Definition, vars: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const name of def.printed) {
    const v = vars[name];
    if (typeof v === "object" && v !== null && !(v instanceof Date)) {
      copy ??= { ...vars };
      copy[name] = JSON.stringify(v);
    }
  }
  return copy ?? vars;
}

const HISTORY_ROLES = new Set(["system", "user", "assistant", "tool"]);

function checkHistory(prompt: string, history: readonly ChatMessage[]): void {
  if (!Array.isArray(history)) {
    throw new InvalidArgumentError(
      `history of prompt "${prompt}"`,
      "expected an array of { role, content } messages.",
    );
  }
  history.forEach((m, i) => {
    const ok =
      typeof m === "object" &&
      m !== null &&
      HISTORY_ROLES.has(m.role) &&
      (typeof m.content === "string" || Array.isArray(m.content));
    if (!ok) {
      throw new InvalidArgumentError(
        `history[${i}] of prompt "${prompt}"`,
        `expected { role: "user" | "assistant" | "system" | "tool", content: string | parts[] }, got ${JSON.stringify(m)}.`,
      );
    }
  });
}

function placeHistory(items: RenderedItem[], history: readonly ChatMessage[] | undefined): ChatMessage[] {
  const h = history ?? [];
  const slot = items.indexOf(HISTORY_SLOT);
  if (slot !== -1) {
    const out: ChatMessage[] = [];
    for (const item of items) {
      if (item === HISTORY_SLOT) out.push(...h);
      else out.push(item);
    }
    return out;
  }
  const messages = items as ChatMessage[];
  if (h.length === 0) return messages;
  const last = messages[messages.length - 1];
  if (last && last.role === "user") return [...messages.slice(0, -1), ...h, last];
  return [...messages, ...h];
}
