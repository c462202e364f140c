import { canonicalJson } from "../../../core/canonical.js";
import type { Prompt, RunOptions } from "../../../core/index.js";
import { TASKS, type TaskName, type TaskRow } from "../tasks/index.js";

/** Whether an output is right, as the documented metric scores it (exact; math: the answer field). */
export function isRight(task: TaskName, output: unknown, row: TaskRow): boolean {
  if (task === "math") return (output as { answer?: unknown } | null)?.answer === row.expected;
  if (task === "extract") return canonicalJson(output) === canonicalJson(row.expected);
  return typeof output === "string" && output.trim() === row.expected;
}

export interface Measured {
  accuracy: number;
  right: boolean[];
  outputs: unknown[];
  errors: number;
  calls: number;
}

/** Runs a prompt over a task's rows through the real pipeline and scores it. */
export async function measure(
  prompt: Prompt,
  task: TaskName,
  options: RunOptions = {},
  rows: readonly TaskRow[] = TASKS[task].rows(),
): Promise<Measured> {
  const field = TASKS[task].field;
  const out: Measured = { accuracy: 0, right: [], outputs: [], errors: 0, calls: 0 };
  for (const row of rows) {
    try {
      const r = await prompt.execute({ [field]: row.text } as never, options);
      out.calls += r.attempts;
      out.outputs.push(r.output);
      out.right.push(isRight(task, r.output, row));
    } catch {
      out.errors++;
      out.outputs.push(undefined);
      out.right.push(false);
    }
  }
  out.accuracy = out.right.filter(Boolean).length / rows.length;
  return out;
}
