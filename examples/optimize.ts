/**
 * Automatic prompt optimization in one call: the weakest bundled sentiment prompt ("bare": no labels,
 * no format, default temperature) is improved by MIPRO-style joint search over proposed instructions,
 * bootstrapped demos and temperature, on the simulated model (no key, no network), then saved as a
 * reviewable prompt file.
 *
 *   npm run build && node examples/optimize.ts
 */
import { loadPrompt } from "flowprompt";
import { optimize } from "flowprompt/optimize";

const TASKS = new URL("./tasks/", import.meta.url).pathname;

export async function main(
  log: (line: string) => void = console.log,
  out = ".flowprompt/sentiment.optimized.prompt",
) {
  const base = await loadPrompt(`${TASKS}sentiment/bare.prompt`);
  const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);

  const result = await optimize(base, {
    trainset: `${TASKS}sentiment/data.jsonl`, // split into train / validation / held-out test
    metric: "exact",
    optimizer: "mipro",
    sampler: "tpe",
    trials: 20,
    temperatures: [0, 0.7, 1],
    budget: { maxCalls: 2000 },
    seed: 7,
    onProgress: (p) =>
      p.trial.number % 5 === 4 &&
      log(`  trial ${p.trial.number + 1}: best so far ${pct(p.best?.score ?? null)}`),
  });

  log(
    `validation ${pct(result.baseline.val)} → ${pct(result.score.val)}; held-out test ${pct(result.baseline.test)} → ${pct(result.score.test)}`,
  );
  log(`instruction: ${result.program.instruction ?? "(none)"}`);
  log(
    `${result.program.demos.length} demos, params ${JSON.stringify(result.program.params)}; ${result.usage.calls} calls, $${result.usage.costUsd.toFixed(4)}`,
  );
  await result.save(out);
  log(`saved ${out}`);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
