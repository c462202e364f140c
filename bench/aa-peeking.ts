/**
 * Peeking simulation for online experiments: a binary metric at ~10% conversion, two variants, 20
 * equally spaced looks up to 10,000 units per variant. With no true difference (A/A), a fixed-horizon
 * two-proportion z-test read at every look and stopped at the first p < 0.05 declares far more than 5%
 * false winners; the always-valid default of `analyzeExperiment` (normal-mixture mSPRT) must stay at
 * or below 5%. With a true relative lift, the table shows what that safety costs in power against a
 * fixed test read once at the end.
 *
 *   npm run build && node bench/aa-peeking.ts [--quick] [--experiments=2000]
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { numberArg, pct, wilsonUpper } from "./harness.ts";

const LOOKS = 20;
const MAX_UNITS = 10_000;
const BASE = 0.1;
const LIFTS = [0, 0.1, 0.2];
const ALPHA = 0.05;

interface CellResult {
  lift: number;
  experiments: number;
  fixedPeeking: number;
  fixedOnce: number;
  alwaysValid: number;
  /** Sum over experiments of units per variant at the always-valid stop (MAX_UNITS if never). */
  stopUnits: number;
  /** End-to-end cross-checks: analyzeExperiment's p-value equal to the direct mixture test. */
  checks: number;
  checkFailures: number;
}

async function main(): Promise<void> {
  const experiments = numberArg("experiments", 2000, 200);
  const threads = Math.max(1, Math.min(2, availableParallelism()));
  const started = performance.now();
  const parts = await Promise.all(
    Array.from(
      { length: threads },
      (_, t) =>
        new Promise<CellResult[]>((resolve, reject) => {
          const share = Math.floor(experiments / threads) + (t < experiments % threads ? 1 : 0);
          const w = new Worker(fileURLToPath(import.meta.url), {
            workerData: { experiments: share, seed: t + 1 },
          });
          w.once("message", resolve);
          w.once("error", reject);
        }),
    ),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const cells = LIFTS.map((lift, i) => {
    const rs = parts.map((p) => p[i]!);
    const sum = (k: keyof CellResult) => rs.reduce((s, r) => s + r[k], 0);
    return {
      lift,
      experiments: sum("experiments"),
      fixedPeeking: sum("fixedPeeking"),
      fixedOnce: sum("fixedOnce"),
      alwaysValid: sum("alwaysValid"),
      stopUnits: sum("stopUnits"),
      checks: sum("checks"),
      checkFailures: sum("checkFailures"),
    };
  });

  console.log("## Peeking: fixed-horizon vs always-valid (online experiments)\n");
  console.log(
    `${experiments} simulated experiments per row, binary metric at ${pct(BASE)} conversion, ${LOOKS} looks every ` +
      `${MAX_UNITS / LOOKS} units up to ${MAX_UNITS.toLocaleString("en")} units per variant, α = ${ALPHA}, ` +
      `${threads} worker threads. Fixed = two-proportion z-test; "peeking" stops at the first look with p < α, ` +
      '"once" reads only the last look. Always-valid = `analyzeExperiment` default (normal-mixture mSPRT, ' +
      "tuned at 10,000 units) stopping at the first look with p < α. Upper = 95% Wilson upper bound.\n",
  );
  console.log(
    "| true lift | fixed, peeking at 20 looks | fixed, one look at the end | always-valid, 20 looks | upper 95% | mean stop (units/variant) |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const c of cells) {
    const n = c.experiments;
    console.log(
      `| ${c.lift === 0 ? "0 (A/A)" : `+${pct(c.lift)}`} | ${pct(c.fixedPeeking / n)} | ${pct(c.fixedOnce / n)} | ` +
        `${pct(c.alwaysValid / n)} | ${pct(wilsonUpper(c.alwaysValid, n))} | ${Math.round(c.stopUnits / n).toLocaleString("en")} |`,
    );
  }
  const aa = cells[0]!;
  const p10 = cells[1]!;
  const checks = cells.reduce((s, c) => s + c.checks, 0);
  const failures = cells.reduce((s, c) => s + c.checkFailures, 0);
  console.log(
    `\n**Goal — always-valid A/A false-positive rate ≤ 5% with 20 looks: ${aa.alwaysValid / aa.experiments <= 0.05 ? "yes" : "NO"}** ` +
      `(${pct(aa.alwaysValid / aa.experiments)}, upper bound ${pct(wilsonUpper(aa.alwaysValid, aa.experiments))}; ` +
      `fixed-horizon with peeking: ${pct(aa.fixedPeeking / aa.experiments)})`,
  );
  console.log(
    `**Power cost at +10% relative lift:** always-valid ${pct(p10.alwaysValid / p10.experiments)} vs fixed one look ` +
      `${pct(p10.fixedOnce / p10.experiments)} (the always-valid test may stop early: mean stop ` +
      `${Math.round(p10.stopUnits / p10.experiments).toLocaleString("en")} units per variant)`,
  );
  console.log(
    `**Check — analyzeExperiment on raw events agrees with the simulated test: ${failures === 0 ? "yes" : "NO"}** (${checks} experiments)`,
  );
  console.log(
    `**Goal — under 60 s on 2 cores: ${elapsedS < 60 ? "yes" : "NO"}** (${elapsedS.toFixed(1)} s for ${(experiments * LIFTS.length).toLocaleString("en")} experiments)`,
  );
}

async function worker(): Promise<void> {
  const { experiments, seed } = workerData as { experiments: number; seed: number };
  const lib = (await import(
    new URL("../dist/experiments/analysis/index.js", import.meta.url).href
  )) as typeof import("../src/experiments/analysis/index.ts");
  let state = seed * 0x9e3779b9;
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const step = MAX_UNITS / LOOKS;
  const moments = (x: number, n: number) => {
    const p = x / n;
    return { n, mean: p, variance: (n * p * (1 - p)) / (n - 1) };
  };
  const out: CellResult[] = [];
  for (const lift of LIFTS) {
    const rates = [BASE, BASE * (1 + lift)];
    const r: CellResult = {
      lift,
      experiments,
      fixedPeeking: 0,
      fixedOnce: 0,
      alwaysValid: 0,
      stopUnits: 0,
      checks: 0,
      checkFailures: 0,
    };
    for (let e = 0; e < experiments; e++) {
      const x = [0, 0];
      let peeked = false;
      let stoppedAt = 0;
      let lastP = 1;
      for (let look = 1; look <= LOOKS; look++) {
        for (let g = 0; g < 2; g++) for (let i = 0; i < step; i++) if (rand() < rates[g]!) x[g]!++;
        const n = look * step;
        const a = moments(x[0]!, n);
        const b = moments(x[1]!, n);
        const z = lib.twoProportionZ(a, b, ALPHA);
        if (z.pValue < ALPHA && !peeked) peeked = true;
        if (look === LOOKS && z.pValue < ALPHA) r.fixedOnce++;
        if (stoppedAt === 0) {
          lastP = lib.mixtureTest(a, b, { alpha: ALPHA, tuneAt: MAX_UNITS }).pValue;
          if (lastP < ALPHA) stoppedAt = n;
        }
      }
      if (peeked) r.fixedPeeking++;
      if (stoppedAt > 0) r.alwaysValid++;
      r.stopUnits += stoppedAt > 0 ? stoppedAt : MAX_UNITS;
      if (e < 3) {
        // Same counts as raw events through the public API (units 0..x−1 converted): identical p-value.
        const events = [];
        for (const [g, name] of ["A", "B"].entries()) {
          for (let i = 0; i < MAX_UNITS; i++) {
            events.push({
              id: `${name}${i}`,
              experimentId: "b",
              unitId: `${name}${i}`,
              variant: name,
              kind: "exposure" as const,
              at: 0,
            });
            if (i < x[g]!) {
              events.push({
                id: `${name}${i}o`,
                experimentId: "b",
                unitId: `${name}${i}`,
                variant: name,
                kind: "outcome" as const,
                metric: "converted",
                value: 1,
                at: 0,
              });
            }
          }
        }
        const res = lib.analyzeExperiment(events, {
          control: "A",
          metrics: [{ name: "converted", kind: "binary" }],
          weights: { A: 1, B: 1 },
          maxSamples: MAX_UNITS,
        });
        const direct = lib.mixtureTest(moments(x[0]!, MAX_UNITS), moments(x[1]!, MAX_UNITS), {
          alpha: ALPHA,
          tuneAt: MAX_UNITS,
        });
        r.checks++;
        if (Math.abs(res.metrics[0]!.comparisons[0]!.pValue - direct.pValue) > 1e-12) r.checkFailures++;
      }
    }
    out.push(r);
  }
  parentPort!.postMessage(out);
}

if (isMainThread) await main();
else await worker();
