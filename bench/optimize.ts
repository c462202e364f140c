import { mixedRegret, mixedSpace } from "../src/optimize/samplers/test-utils/objectives.ts";
import { dist, numberArg, pct } from "./harness.ts";

type Optimize = typeof import("../src/optimize/index.ts");
type Files = typeof import("../src/files/index.ts");
type Testing = typeof import("../src/testing.ts");
type Program = import("../src/optimize/index.ts").Program;
type DemoSet = { label: string; demos: Program["demos"] };

const TASKS = [
  { task: "sentiment", variant: "bare", metric: "exact" },
  { task: "extract", variant: "basic", metric: "exact" },
  { task: "math", variant: "direct", metric: "structured" },
] as const;
const TEMPERATURES = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5];
const SAMPLERS = ["tpe", "random", "optuna"] as const;
const BUDGETS = [30, 60];

interface Row {
  task: string;
  sampler: string;
  trials: number;
  seed: number;
  gap: number;
  testGain: number | null;
  calls: number;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const se = (xs: readonly number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, xs.length - 1) / xs.length);
};

async function main(): Promise<void> {
  const seeds = numberArg("seeds", 10, 3);
  const candidates = numberArg("candidates", 10, 10);
  const minibatch = numberArg("minibatch", 25, 25);
  const opt = (await import(dist("optimize/index.js"))) as Optimize;
  const { loadPrompt } = (await import(dist("files/index.js"))) as Files;
  const { expectedAccuracy, sharedSimModel } = (await import(dist("testing.js"))) as Testing;
  const optuna = await opt.optunaAvailable();
  const samplers = SAMPLERS.filter((s) => s !== "optuna" || optuna.ok);
  const started = performance.now();
  const rows: Row[] = [];
  for (const t of TASKS) {
    const base = await loadPrompt(
      new URL(`../examples/tasks/${t.task}/${t.variant}.prompt`, import.meta.url).pathname,
    );
    const baseline = expectedAccuracy(base).accuracy;
    const spaceBest = new Map<number, number>();
    for (let seed = 1; seed <= seeds; seed++) {
      for (const sampler of samplers) {
        for (const trials of BUDGETS) {
          sharedSimModel(t.task).reset();
          const r = await opt.optimize(base, {
            trainset: new URL(`../examples/tasks/${t.task}/data.jsonl`, import.meta.url).pathname,
            metric: t.metric,
            optimizer: "mipro",
            sampler,
            trials,
            temperatures: TEMPERATURES,
            candidates,
            minibatch,
            maxDemos: 6,
            seed,
          });
          if (!spaceBest.has(seed))
            spaceBest.set(seed, bestOfSpace(opt, base, r.artifacts, expectedAccuracy));
          const best = spaceBest.get(seed)!;
          const chosen = expectedAccuracy(r.prompt).accuracy;
          rows.push({
            task: t.task,
            sampler,
            trials,
            seed,
            gap: best > baseline ? (chosen - baseline) / (best - baseline) : 1,
            testGain:
              r.score.test === null || r.baseline.test === null ? null : r.score.test - r.baseline.test,
            calls: r.usage.calls,
          });
        }
      }
    }
  }
  report(
    rows,
    samplers,
    seeds,
    optuna.ok ? `Optuna ${optuna.version}` : "Optuna not installed",
    (performance.now() - started) / 1000,
  );
  await synthetic(opt, optuna.ok, Math.max(seeds, 10));
}

/** The samplers alone on a synthetic objective: mean best regret after 30 and 60 trials. */
async function synthetic(opt: Optimize, withOptuna: boolean, seeds: number): Promise<void> {
  const makers: Record<string, (seed: number) => Promise<import("../src/core/ports.ts").Sampler>> = {
    tpe: async (seed) => opt.tpeSampler({ seed }),
    random: async (seed) => opt.randomSampler({ seed }),
    ...(withOptuna && {
      "optuna:tpe": (seed: number) => opt.optunaSampler({ seed, sampler: "tpe", pruner: "none" }),
    }),
  };
  const best: Record<string, { 30: number[]; 60: number[] }> = {};
  for (const [name, make] of Object.entries(makers)) {
    const b = { 30: [] as number[], 60: [] as number[] };
    best[name] = b;
    for (let seed = 1; seed <= seeds; seed++) {
      const sampler = await make(seed);
      let low = Number.POSITIVE_INFINITY;
      for (let i = 1; i <= 60; i++) {
        const t = await sampler.ask(mixedSpace);
        const r = mixedRegret(t.params);
        low = Math.min(low, r);
        await sampler.tell(t.number, { state: "complete", values: [-r] });
        if (i === 30) b[30].push(low);
        if (i === 60) b[60].push(low);
      }
      await sampler.close();
    }
  }
  console.log("\n### The samplers alone on a synthetic objective\n");
  console.log(
    "A 4-dimensional space like a prompt search's (a float, a log-scaled rate, an int on a step grid, a " +
      `4-way choice), regret 0 at the optimum; mean best regret over ${seeds} seeds (lower is better).\n`,
  );
  console.log("| sampler | 30 trials | 60 trials | ÷ random (60) |");
  console.log("| --- | ---: | ---: | ---: |");
  const r60 = mean(best.random![60]);
  for (const [name, b] of Object.entries(best)) {
    console.log(
      `| ${name} | ${mean(b[30]).toFixed(3)} ± ${se(b[30]).toFixed(3)} | ${mean(b[60]).toFixed(3)} ± ${se(b[60]).toFixed(3)} | ${(mean(b[60]) / r60).toFixed(2)} |`,
    );
  }
  const tpe = best.tpe!;
  console.log(
    `\n**Goal — native TPE clearly above random search (synthetic, 60 trials): ${mean(tpe[60]) < 0.5 * r60 ? "yes" : "NO"}** (regret ${(mean(tpe[60]) / r60).toFixed(2)}× random's)`,
  );
  const o = best["optuna:tpe"];
  if (o) {
    const d = tpe[60].map((x, i) => x - o[60][i]!);
    console.log(
      `**Goal — native TPE within noise of Optuna's TPE (synthetic, 60 trials): ${mean(d) < 2 * se(d) ? "yes" : "NO"}** (native − Optuna = ${mean(d).toFixed(3)} ± ${se(d).toFixed(3)})`,
    );
  }
}

/** The best expected accuracy over every program the run's search space holds. */
function bestOfSpace(
  opt: Optimize,
  base: import("../src/core/prompt.ts").Prompt,
  artifacts: Readonly<Record<string, unknown>>,
  expectedAccuracy: Testing["expectedAccuracy"],
): number {
  const instructions = artifacts.instructions as string[];
  const sets = artifacts.demoSets as DemoSet[];
  let best = 0;
  for (const instruction of instructions) {
    for (const set of sets) {
      for (const temperature of TEMPERATURES) {
        const program: Program = {
          instruction: instruction === "" ? undefined : instruction,
          demos: set.demos,
          params: { temperature },
          model: undefined,
        };
        best = Math.max(best, expectedAccuracy(opt.applyProgram(base, program)).accuracy);
      }
    }
  }
  return best;
}

function report(
  rows: Row[],
  samplers: readonly string[],
  seeds: number,
  optuna: string,
  elapsedS: number,
): void {
  console.log("## Optimization: samplers on the bundled tasks\n");
  console.log(
    `MIPRO on the simulated model (${optuna}); per task and seed the same proposals and demo sets, so ` +
      `the samplers search one space: instruction × demo set × temperature (${TEMPERATURES.join(", ")}). ` +
      `Gap closed = (expected accuracy of the chosen program − baseline) ÷ (best program in the space − ` +
      `baseline), all exact from the simulator's formula; test gain = measured held-out score − baseline's. ` +
      `${seeds} seeds, mean ± standard error.\n`,
  );
  console.log(
    "| task | sampler | gap closed, 30 trials | gap closed, 60 trials | test gain (60) | calls (60) |",
  );
  console.log("| --- | --- | ---: | ---: | ---: | ---: |");
  const pick = (task: string | undefined, sampler: string, trials: number) =>
    rows.filter(
      (r) => (task === undefined || r.task === task) && r.sampler === sampler && r.trials === trials,
    );
  for (const task of [...TASKS.map((t) => t.task), undefined]) {
    for (const sampler of samplers) {
      const a = pick(task, sampler, 30).map((r) => r.gap);
      const b60 = pick(task, sampler, 60);
      const b = b60.map((r) => r.gap);
      const gains = b60.flatMap((r) => (r.testGain === null ? [] : [r.testGain]));
      console.log(
        `| ${task ?? "**all**"} | ${sampler} | ${pct(mean(a))} ± ${pct(se(a))} | ${pct(mean(b))} ± ${pct(se(b))} | ` +
          `${gains.length ? `+${(100 * mean(gains)).toFixed(1)} pts` : "–"} | ${Math.round(mean(b60.map((r) => r.calls)))} |`,
      );
    }
  }
  // Paired over (task, seed): TPE minus random, and TPE minus Optuna.
  const paired = (other: string, trials: number) => {
    const d = pick(undefined, "tpe", trials).map(
      (r) => r.gap - pick(r.task, other, trials).find((o) => o.seed === r.seed)!.gap,
    );
    return { m: mean(d), s: se(d) };
  };
  for (const trials of BUDGETS) {
    const vr = paired("random", trials);
    console.log(
      `\n**Goal — native TPE clearly above random search (${trials} trials): ${vr.m > 2 * vr.s && vr.m > 0 ? "yes" : "NO"}** ` +
        `(TPE − random = ${(100 * vr.m).toFixed(1)} ± ${(100 * vr.s).toFixed(1)} pts of the gap)`,
    );
    if (samplers.includes("optuna")) {
      const vo = paired("optuna", trials);
      console.log(
        `**Goal — native TPE within noise of Optuna's TPE (${trials} trials): ${vo.m > -2 * vo.s ? "yes" : "NO"}** ` +
          `(TPE − Optuna = ${(100 * vo.m).toFixed(1)} ± ${(100 * vo.s).toFixed(1)} pts)`,
      );
    }
  }
  const gains = rows
    .filter((r) => r.sampler === "tpe" && r.trials === 60 && r.testGain !== null)
    .map((r) => r.testGain!);
  console.log(
    `**Goal — a held-out test improvement: ${mean(gains) > 0 ? "yes" : "NO"}** (+${(100 * mean(gains)).toFixed(1)} pts, native TPE, 60 trials)`,
  );
  console.log(`\nBench time ${elapsedS.toFixed(1)} s.`);
}

await main();
