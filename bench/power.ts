/**
 * Power and early stopping. Two prompts on inputs of varying difficulty shared by both (the generator
 * of false-winner.ts), with a TRUE difference of δ points between their average accuracies: the
 * challenger's logit is shifted so that its expected accuracy over the input distribution is the
 * control's + δ (the shift is found numerically once per δ). (a) Power at 100 inputs: how often
 * `analyzeRecords` declares the challenger the winner, next to the power `planPower` predicts.
 * (b) `stopEarly`: the sequential test fed one input at a time up to 1,000 inputs — inputs used,
 * winners, false winners under continuous monitoring — against the fixed horizon of `planCompare`.
 *
 *   npm run build && node bench/power.ts [--quick] [--experiments=4000] [--sequential=5000]
 */
import { once } from "node:events";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { numberArg, pct } from "./harness.ts";

type Eval = typeof import("../src/eval/index.ts");
type Stats = typeof import("../src/stats/index.ts");
interface Task {
  kind: "power" | "sequential";
  delta: number;
  shift: number;
  experiments: number;
  seed: number;
}
interface Outcome extends Task {
  challengerWins: number;
  controlWins: number;
  /** Challenger declared winner with the mid-p McNemar test (power only). */
  midPWins: number;
  /** Inputs used per experiment (sequential only). */
  used: number[];
}

const POWER_DELTAS = [0, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15];
const SEQ_DELTAS = [0, 0.05, 0.1, 0.15];
const POWER_INPUTS = 100;
const MAX_INPUTS = 1000;
const ALPHA = 0.05;
const MU = 0.5; // the control's logit offset, as in false-winner.ts
const SD_DIFFICULTY = 1.5;
const SD_NOISE = 0.5;

async function main(): Promise<void> {
  const experiments = numberArg("experiments", 4000, 300);
  const seqExperiments = numberArg("sequential", 5000, 400);
  const { planCompare, planPower } = await load<Eval>("eval");
  const { wilsonInterval } = await load<Stats>("stats");
  const started = performance.now();
  const baseline = accuracy(0);
  const shifts = new Map(POWER_DELTAS.map((d) => [d, d === 0 ? 0 : solveShift(baseline + d)]));
  const task = (kind: Task["kind"], delta: number, count: number, seed: number): Task =>
    Object.assign({ kind, delta, experiments: count, seed }, { shift: shifts.get(delta)! });
  const tasks = [
    ...SEQ_DELTAS.map((delta, i) => task("sequential", delta, seqExperiments, 100 + i)),
    ...POWER_DELTAS.map((delta, i) => task("power", delta, experiments, 1 + i)),
  ];
  const threads = Math.max(1, Math.min(2, availableParallelism()));
  const results = await runPool(tasks, threads);
  const elapsedS = (performance.now() - started) / 1000;
  const of = (kind: Task["kind"], delta: number) =>
    results.find((r) => r.kind === kind && r.delta === delta)!;
  const psi = (delta: number) => discordantShare(shifts.get(delta)!);
  const given = (pDiscordant?: number) => (pDiscordant === undefined ? {} : { pDiscordant });
  const plan = (delta: number, pDiscordant?: number, power = 0.8) =>
    planCompare({ baseline, difference: delta, power, ...given(pDiscordant) }).inputs;
  const planned = (delta: number, pDiscordant?: number) =>
    pct(planPower({ baseline, difference: delta, inputs: POWER_INPUTS, ...given(pDiscordant) }).power);

  console.log("## Power and early stopping\n");
  console.log(
    "Two prompts, inputs of varying difficulty shared by both (false-winner.ts's generator), control accuracy " +
      `${pct(baseline)}, the challenger's logit shifted so that its expected accuracy is the control's + δ; ` +
      `${threads} worker threads. Planned = \`planPower\` / \`planCompare\` (Connor 1987) with pDiscordant ` +
      "estimated under independence (the default) or the generator's true discordant share ψ (by quadrature).\n",
  );
  console.log(`### Power at ${POWER_INPUTS} inputs (1 run, ${experiments} experiments per δ)\n`);
  head(
    "δ | challenger wins | ± 95% | with mid-p | control wins | true ψ | planned, default ψ | planned, true ψ",
  );
  for (const delta of POWER_DELTAS) {
    const r = of("power", delta);
    const rate = r.challengerWins / r.experiments;
    const margin = 1.96 * Math.sqrt((rate * (1 - rate)) / r.experiments);
    const plans = delta === 0 ? ["—", "—"] : [planned(delta), planned(delta, psi(delta))];
    const shares = [rate, margin, r.midPWins / r.experiments, r.controlWins / r.experiments].map(pct);
    row(points(delta), ...shares, psi(delta).toFixed(3), ...plans);
  }
  console.log(
    `\n### \`stopEarly\`: the sequential test after every input, up to ${MAX_INPUTS} inputs (${seqExperiments} experiments per δ)\n`,
  );
  head("δ | mean inputs | median | 90th pct | right winner | wrong winner | undecided at the cap");
  const seq = SEQ_DELTAS.map((delta) => {
    const r = of("sequential", delta);
    const used = [...r.used].sort((x, y) => x - y);
    const at = (q: number) => used[Math.min(used.length - 1, Math.floor(q * used.length))]!;
    const mean = used.reduce((x, y) => x + y, 0) / used.length;
    const right = delta === 0 ? 0 : r.challengerWins / r.experiments;
    const wrong = delta === 0 ? r.challengerWins + r.controlWins : r.controlWins;
    const undecided = 1 - (r.challengerWins + r.controlWins) / r.experiments;
    const shares = [delta === 0 ? "—" : pct(right), pct(wrong / r.experiments), pct(undecided)];
    row(points(delta), mean.toFixed(0), at(0.5), at(0.9), ...shares);
    return { delta, mean, right, wrong, experiments: r.experiments };
  });
  console.log(
    "\nSample saved = 1 − mean inputs ÷ the fixed horizon `planCompare` gives (negative: the sequential run used more).\n",
  );
  head(
    "δ | fixed n, 80%, default ψ | saved | fixed n, 80%, true ψ | saved | fixed n, same power, true ψ | saved",
  );
  for (const s of seq.filter((x) => x.delta > 0)) {
    const matched = Math.min(0.99, Math.max(0.06, s.right));
    const horizons = [plan(s.delta), plan(s.delta, psi(s.delta)), plan(s.delta, psi(s.delta), matched)];
    const cells = horizons.flatMap((n) => [String(n), pct(1 - s.mean / n)]);
    cells[4] = `${cells[4]} (${pct(matched)})`;
    row(points(s.delta), ...cells);
  }
  const none = seq[0]!;
  const falseRate = none.wrong / none.experiments;
  console.log(
    `\n**Goal — false-winner rate under continuous monitoring at δ = 0 ≤ 5%: ${falseRate <= 0.05 ? "yes" : "NO"}** ` +
      `(${pct(falseRate)}, upper 95% bound ${pct(wilsonInterval(none.wrong, none.experiments, 0.95).upper)}, ` +
      `checked after every one of up to ${MAX_INPUTS} inputs)`,
  );
  const total = POWER_DELTAS.length * experiments + SEQ_DELTAS.length * seqExperiments;
  console.log(
    `**Goal — whole run under 60 s on 2 cores: ${elapsedS < 60 ? "yes" : "NO"}** ` +
      `(${elapsedS.toFixed(1)} s for ${total.toLocaleString("en")} simulated comparisons)`,
  );
}

/** Hands tasks to `threads` workers as they become free (the sequential cells at δ = 0 are the slow ones). */
async function runPool(tasks: readonly Task[], threads: number): Promise<Outcome[]> {
  const queue = [...tasks];
  const out: Outcome[] = [];
  await Promise.all(
    Array.from({ length: Math.min(threads, queue.length) }, async () => {
      const w = new Worker(fileURLToPath(import.meta.url));
      try {
        for (let task = queue.shift(); task; task = queue.shift()) {
          w.postMessage(task);
          out.push((await once(w, "message"))[0] as Outcome); // rejects on the worker's "error"
        }
      } finally {
        await w.terminate();
      }
    }),
  );
  return out;
}

async function worker(): Promise<void> {
  const { analyzeRecords } = await load<Eval>("eval");
  const { createSequentialTest, Xoshiro128 } = await load<Stats>("stats");
  parentPort!.on("message", (task: Task) => {
    const rng = new Xoshiro128(task.seed);
    const rand = () => rng.nextFloat();
    const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    /** One input: [control passed, challenger passed]. */
    const input = (): [number, number] => {
      const difficulty = normal() * SD_DIFFICULTY;
      const pA = logistic(MU - difficulty + normal() * SD_NOISE);
      const pB = logistic(MU + task.shift - difficulty + normal() * SD_NOISE);
      return [rand() < pA ? 1 : 0, rand() < pB ? 1 : 0];
    };
    const out: Outcome = { ...task, challengerWins: 0, controlWins: 0, midPWins: 0, used: [] };
    for (let e = 0; e < task.experiments; e++) {
      if (task.kind === "power") {
        const records = [];
        for (let i = 0; i < POWER_INPUTS; i++) {
          const scores = input();
          for (let v = 0; v < 2; v++) {
            const variant = v === 0 ? "control" : "challenger";
            records.push({ ...BLANK, variant, inputId: String(i), score: scores[v]! });
          }
        }
        const options = { variants: ["control", "challenger"], intervals: false, seed: e };
        const { winner } = analyzeRecords(records, options);
        if (winner === "challenger") out.challengerWins++;
        else if (winner === "control") out.controlWins++;
        if (analyzeRecords(records, { ...options, midP: true }).winner === "challenger") out.midPWins++;
      } else {
        // As compare({ stopEarly }) with 2 variants: one test, alpha / 1 challenger, checked after every input.
        const test = createSequentialTest({ alpha: ALPHA, interval: false });
        let s = test.state();
        while (!s.decided && s.n < MAX_INPUTS) {
          const [a, b] = input();
          s = test.update(b - a);
        }
        if (s.decided) s.direction === 1 ? out.challengerWins++ : out.controlWins++;
        out.used.push(s.n);
      }
    }
    parentPort!.postMessage(out);
  });
}

const BLANK = {
  run: 0,
  latencyMs: 0,
  costUsd: 0,
  cached: false,
  output: null,
  usage: {
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    totalTokens: 0,
  },
  at: 0,
};

function load<T>(entry: "eval" | "stats"): Promise<T> {
  return import(new URL(`../dist/${entry}/index.js`, import.meta.url).href) as Promise<T>;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** ∫ f(z) φ(z) dz over a standard normal z, by the trapezoid rule on [−8, 8] (error far below 1e-9). */
function expectNormal(f: (z: number) => number, steps = 800): number {
  const h = 16 / steps;
  let sum = 0;
  for (let k = 0; k <= steps; k++) {
    const z = -8 + k * h;
    sum += (k === 0 || k === steps ? 0.5 : 1) * f(z) * Math.exp(-(z * z) / 2);
  }
  return (sum * h) / Math.sqrt(2 * Math.PI);
}

/** Expected accuracy over the input distribution with the logit shifted by `shift`. */
function accuracy(shift: number): number {
  const sd = Math.hypot(SD_DIFFICULTY, SD_NOISE);
  return expectNormal((z) => logistic(MU + shift + sd * z));
}

/** The logit shift whose expected accuracy is `target` (bisection; accuracy rises with the shift). */
function solveShift(target: number): number {
  let lo = -10;
  let hi = 10;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (accuracy(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** ψ = P(exactly one passes): outcomes are independent given the input's difficulty, not across inputs. */
function discordantShare(shift: number): number {
  const pass = (s: number, difficulty: number) =>
    expectNormal((e) => logistic(MU + s - difficulty + SD_NOISE * e), 200);
  return expectNormal((z) => {
    const a = pass(0, SD_DIFFICULTY * z);
    const b = pass(shift, SD_DIFFICULTY * z);
    return a * (1 - b) + b * (1 - a);
  }, 400);
}

function head(names: string): void {
  console.log(`| ${names} |\n|${" ---: |".repeat(names.split("|").length)}`);
}

function row(...cells: (string | number)[]): void {
  console.log(`| ${cells.join(" | ")} |`);
}

function points(delta: number): string {
  return `${+(delta * 100).toFixed(1)} pts`;
}

if (isMainThread) await main();
else await worker();
