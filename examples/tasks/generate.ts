/**
 * Writes the bundled datasets, examples/tasks/<task>/data.jsonl, from the simulated model's own
 * generators (seeded, so the output never changes). The simulator knows every row's true answer
 * and difficulty from the same code; src/models/sim/data.test.ts checks the files still match.
 *
 *   node examples/tasks/generate.ts        (Node 24: runs the TypeScript directly)
 */
import { writeFileSync } from "node:fs";
import { registerHooks } from "node:module";

// The sources import "./x.js" (compiled names); when run from the TypeScript files, use "./x.ts".
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith(".") && specifier.endsWith(".js"))
        return next(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});

const { datasetJsonl, TASK_NAMES } = await import("../../src/models/sim/tasks/index.js");
for (const task of TASK_NAMES) {
  const text = datasetJsonl(task);
  writeFileSync(new URL(`./${task}/data.jsonl`, import.meta.url), text);
  console.log(`examples/tasks/${task}/data.jsonl: ${text.trim().split("\n").length} rows`);
}
