import type { ExperimentEvent } from "../../core/ports.js";
import { ExperimentStoreCorruptLineError } from "./corrupt-line-error.js";
import { eventProblem } from "./events.js";

/**
 * Written after a newline when an append finds the file not ending in one (a crash tore the last
 * write): it marks the line just before it as torn, so readers skip that line whatever it holds.
 */
export const TORN_MARKER = '{"$flowprompt":"torn-line-above"}';

export interface ParsedLog {
  events: ExperimentEvent[];
  /** 1-based line numbers of torn lines that were skipped (an unterminated tail, or marked). */
  torn: number[];
}

/**
 * Parses an event file. Rules: empty lines are skipped; a last line without its newline is an
 * unfinished write and skipped; a line followed by TORN_MARKER is skipped; any other line that is
 * not an event of `experimentId` is an error naming the file and line.
 */
export function parseEventLog(text: string, file: string, experimentId: string): ParsedLog {
  const lines = text.split("\n");
  const torn: number[] = [];
  const tail = lines.pop() ?? "";
  if (tail !== "") torn.push(lines.length + 1);
  const events: ExperimentEvent[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "" || line === TORN_MARKER) continue;
    if (lines[i + 1] === TORN_MARKER) {
      torn.push(i + 1);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new ExperimentStoreCorruptLineError(file, i + 1, `invalid JSON: ${(error as Error).message}`);
    }
    const problem = eventProblem(value);
    if (problem) throw new ExperimentStoreCorruptLineError(file, i + 1, problem);
    const event = value as ExperimentEvent;
    if (event.experimentId !== experimentId) {
      throw new ExperimentStoreCorruptLineError(
        file,
        i + 1,
        `its experimentId "${event.experimentId}" is not the file's "${experimentId}"`,
      );
    }
    events.push(event);
  }
  return { events, torn };
}

/** A file name for an id: letters, digits, "_" and "-" kept, every other UTF-8 byte as %XX. */
export function fileNameFor(id: string): string {
  let out = "";
  for (const byte of Buffer.from(id, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `task` after every earlier task on the same file in this process (one writer per file). */
export function serialised<T>(file: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return run;
}
