import { extract } from "./extract.js";
import { math } from "./math.js";
import { sentiment } from "./sentiment.js";
import { normalize, type SimTask, type TaskName, type TaskRow } from "./types.js";

export type { Answer, ExtractFields, PromptFeatures, SimTask, Slots, TaskName, TaskRow } from "./types.js";

/** The bundled tasks, by name. */
export const TASKS: Readonly<Record<TaskName, SimTask>> = { sentiment, extract, math };
export const TASK_NAMES = Object.keys(TASKS) as TaskName[];

export function isTaskName(name: string): name is TaskName {
  return Object.hasOwn(TASKS, name);
}

/** A bundled input found in a prompt. */
export interface Found {
  task: SimTask;
  row: TaskRow;
  /** Whether it is a dataset row (false: a demo-pool example). */
  inDataset: boolean;
}

const known = new Map<TaskName, { text: string; found: Found }[]>();

/** Every bundled text of a task (dataset and demo pool), normalized, longest first. */
function knownTexts(task: SimTask): { text: string; found: Found }[] {
  let list = known.get(task.name);
  if (!list) {
    list = [
      ...task.rows().map((row) => ({ text: normalize(row.text), found: { task, row, inDataset: true } })),
      ...task.demos().map((row) => ({ text: normalize(row.text), found: { task, row, inDataset: false } })),
    ].sort((a, b) => b.text.length - a.text.length);
    known.set(task.name, list);
  }
  return list;
}

/** The bundled input that occurs last in `text` (the one being asked about), if any. */
export function findLast(
  text: string,
  tasks: readonly SimTask[],
): (Found & { at: number; length: number }) | undefined {
  let best: (Found & { at: number; length: number }) | undefined;
  for (const task of tasks) {
    for (const k of knownTexts(task)) {
      const at = text.lastIndexOf(k.text);
      if (at >= 0 && (!best || at > best.at)) best = { ...k.found, at, length: k.text.length };
    }
  }
  return best;
}

/** How many distinct bundled examples of `task` occur in `text` (quoted demos). */
export function countKnown(text: string, task: SimTask): number {
  let n = 0;
  for (const k of knownTexts(task)) if (text.includes(k.text)) n++;
  return n;
}

/** The JSONL lines of a task's dataset, as committed under examples/tasks/<task>/data.jsonl. */
export function datasetJsonl(name: TaskName): string {
  const task = TASKS[name];
  return task
    .rows()
    .map((row) =>
      JSON.stringify({
        id: row.id,
        input: { [task.field]: row.text },
        expected: name === "math" ? { answer: row.expected } : row.expected,
        category: row.category,
        metadata: { difficulty: row.difficulty },
      }),
    )
    .join("\n")
    .concat("\n");
}
