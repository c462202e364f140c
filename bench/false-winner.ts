/**
 * False-winner simulation: prompts with NO true difference, compared many times. Inputs of varying
 * difficulty are shared by all prompts, each prompt adds its own per-input noise, and repeats are
 * either stochastic (a new draw each run) or deterministic (the same answer every run). A sound
 * method declares a winner in at most 5% of these experiments; a naive unpaired z-test that treats
 * repeats as independent samples declares far more. Grid: inputs × variants × repeat regime.
 *
 *   npm run build && node bench/false-winner.ts [--quick] [--experiments=2000]
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { numberArg, pct, wilsonUpper } from "./harness.ts";

type Regime = "1 run" | "3 stochastic" | "3 deterministic";
interface Cell {
  inputs: number;
  variants: number;
  regime: Regime;
}
interface CellResult extends Cell {
  experiments: number;
  falseWinners: number;
  naiveFalseWinners: number;
  ms: number;
}

const INPUTS = [20, 50, 100, 200];
const VARIANTS = [2, 3, 5];
const REGIMES: Regime[] = ["1 run", "3 stochastic", "3 deterministic"];

async function main(): Promise<void> {
  const experiments = numberArg("experiments", 2000, 150);
  const cells: Cell[] = INPUTS.flatMap((inputs) =>
    VARIANTS.flatMap((variants) => REGIMES.map((regime) => ({ inputs, variants, regime }))),
  );
  const threads = Math.max(1, Math.min(2, availableParallelism()));
  const started = performance.now();
  const shards = Array.from({ length: threads }, (_, t) => cells.filter((_, i) => i % threads === t));
  const results = (
    await Promise.all(
      shards.map(
        (shard, t) =>
          new Promise<CellResult[]>((resolve, reject) => {
            const w = new Worker(fileURLToPath(import.meta.url), {
              workerData: { shard, experiments, seed: t + 1 },
            });
            w.once("message", resolve);
            w.once("error", reject);
          }),
      ),
    )
  ).flat();
  const elapsedS = (performance.now() - started) / 1000;
  results.sort(
    (a, b) =>
      a.inputs - b.inputs || a.variants - b.variants || REGIMES.indexOf(a.regime) - REGIMES.indexOf(b.regime),
  );

  console.log("## False-winner rate with no true difference\n");
  console.log(
    `${experiments} simulated comparisons per cell, ${results.length} cells, ${threads} worker threads; ` +
      "FlowPrompt = `analyzeRecords` (exact McNemar / paired permutation, Holm, control vs each challenger); " +
      "naive = an unpaired two-proportion z-test per challenger treating every repeat as a sample, no correction. " +
      "Upper = the 95% Wilson upper bound of the rate.\n",
  );
  console.log("| inputs | variants | repeats | FlowPrompt false winners | upper 95% | naive false winners |");
  console.log("| ---: | ---: | --- | ---: | ---: | ---: |");
  let worst = 0;
  let worstNaive = 0;
  for (const r of results) {
    const rate = r.falseWinners / r.experiments;
    const upper = wilsonUpper(r.falseWinners, r.experiments);
    worst = Math.max(worst, upper);
    worstNaive = Math.max(worstNaive, r.naiveFalseWinners / r.experiments);
    console.log(
      `| ${r.inputs} | ${r.variants} | ${r.regime} | ${pct(rate)} | ${pct(upper)} | ${pct(r.naiveFalseWinners / r.experiments)} |`,
    );
  }
  const total = results.reduce((s, r) => s + r.experiments, 0);
  console.log(
    `\n**Goal — false-winner rate ≤ 5% in every cell: ${results.every((r) => r.falseWinners / r.experiments <= 0.05) ? "yes" : "NO"}** ` +
      `(highest upper bound ${pct(worst)}; naive up to ${pct(worstNaive)})`,
  );
  console.log(
    `**Goal — whole grid under 60 s on 2 cores: ${elapsedS < 60 ? "yes" : "NO"}** (${elapsedS.toFixed(1)} s for ${total.toLocaleString("en")} experiments)`,
  );
}

async function worker(): Promise<void> {
  const { shard, experiments, seed } = workerData as { shard: Cell[]; experiments: number; seed: number };
  const { analyzeRecords } = (await import(
    new URL("../dist/eval/index.js", import.meta.url).href
  )) as typeof import("../src/eval/index.ts");
  const out: CellResult[] = [];
  let state = seed * 0x9e3779b9;
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  for (const cell of shard) {
    const names = Array.from({ length: cell.variants }, (_, i) => `v${i}`);
    const runs = cell.regime === "1 run" ? 1 : 3;
    let falseWinners = 0;
    let naiveFalseWinners = 0;
    const t0 = performance.now();
    for (let e = 0; e < experiments; e++) {
      const records = [];
      const passes = new Array<number>(cell.variants).fill(0);
      for (let i = 0; i < cell.inputs; i++) {
        const difficulty = normal() * 1.5;
        for (let v = 0; v < cell.variants; v++) {
          const p = 1 / (1 + Math.exp(-(0.5 - difficulty + normal() * 0.5)));
          const fixed = rand() < p ? 1 : 0;
          for (let run = 0; run < runs; run++) {
            const score = cell.regime === "3 stochastic" ? (rand() < p ? 1 : 0) : fixed;
            passes[v]! += score;
            records.push({
              variant: names[v]!,
              inputId: String(i),
              run,
              score,
              latencyMs: 0,
              costUsd: 0,
              cached: false,
              output: null,
              usage: ZERO,
              at: 0,
            });
          }
        }
      }
      const analysis = analyzeRecords(records, { variants: names, intervals: false, seed: e });
      if (analysis.winner !== null) falseWinners++;
      const n = cell.inputs * runs;
      const naiveWinner = names.slice(1).some((_, k) => naiveZ(passes[0]!, passes[k + 1]!, n) < 0.05);
      if (naiveWinner) naiveFalseWinners++;
    }
    out.push({ ...cell, experiments, falseWinners, naiveFalseWinners, ms: performance.now() - t0 });
  }
  parentPort!.postMessage(out);
}

const ZERO = {
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 0,
};

/** Two-sided p of an unpaired two-proportion z-test (what a naive report does). */
function naiveZ(x1: number, x2: number, n: number): number {
  const p = (x1 + x2) / (2 * n);
  const se = Math.sqrt(p * (1 - p) * (2 / n));
  if (se === 0) return 1;
  const z = Math.abs(x2 / n - x1 / n) / se;
  return 2 * (1 - phi(z));
}

function phi(z: number): number {
  // Abramowitz–Stegun 7.1.26 through erf; plenty for a baseline.
  const t = 1 / (1 + 0.3275911 * (z / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return 0.5 * (1 + y);
}

if (isMainThread) await main();
else await worker();
