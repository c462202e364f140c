/**
 * Assignment: throughput (assignments per second), uniformity (chi-square over 1,000,000 units for
 * three weighted variants; goal: not rejected at 0.001) and stickiness (share of units keeping their
 * variant when the weights change from 50/50 to 60/40, without and with a sticky store).
 *
 *   npm run build && node bench/assignment.ts [--quick] [--units=1000000]
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { numberArg, quick } from "./harness.ts";

type Api = typeof import("../src/experiments/assignment/index.ts");

async function load(): Promise<Api> {
  const dir = process.env.FLOWPROMPT_DIST;
  const base = dir ? pathToFileURL(`${resolve(dir)}/`) : new URL("../dist/", import.meta.url);
  const url = new URL("experiments/assignment/index.js", base).href;
  try {
    return (await import(url)) as Api;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`FlowPrompt is not built (${message}): run npm run build first`);
  }
}

/** Upper tail of the chi-square distribution with 2 degrees of freedom (exact). */
const chiSquare2Tail = (x: number): number => Math.exp(-x / 2);

async function main(): Promise<void> {
  const api = await load();
  const units = numberArg("units", 1_000_000, 100_000);
  const weights = [0.2, 0.3, 0.5];
  const experiment = {
    id: "prompt-test",
    variants: weights.map((weight, i) => ({ name: `v${i}`, weight })),
  };
  const assigner = api.prepareExperiment(experiment);
  const ids = Array.from({ length: units }, (_, i) => `user-${i}`);

  // Throughput: a prepared experiment (validated once), and `assign()` validating on every call.
  for (let i = 0; i < 50_000; i++) assigner.assign({ id: ids[i % units]! });
  const counts = [0, 0, 0];
  let started = performance.now();
  for (const id of ids) counts[Number(assigner.assign({ id }).variant!.slice(1))]!++;
  const preparedRate = units / ((performance.now() - started) / 1000);
  const slowN = Math.min(units, 200_000);
  started = performance.now();
  for (let i = 0; i < slowN; i++) api.assign(experiment, { id: ids[i]! });
  const oneShotRate = slowN / ((performance.now() - started) / 1000);
  const store = new api.MemoryStickyStore();
  started = performance.now();
  for (let i = 0; i < slowN; i++) assigner.assign({ id: ids[i]! }, { sticky: store });
  const stickyRate = slowN / ((performance.now() - started) / 1000);

  // Uniformity.
  const chi = weights.reduce((s, w, i) => s + (counts[i]! - units * w) ** 2 / (units * w), 0);
  const p = chiSquare2Tail(chi);

  // Stickiness: 50/50 → 60/40.
  const before = api.prepareExperiment({
    id: "sticky-test",
    variants: [
      { name: "a", weight: 0.5 },
      { name: "b", weight: 0.5 },
    ],
  });
  const after = api.prepareExperiment({
    id: "sticky-test",
    variants: [
      { name: "a", weight: 0.6 },
      { name: "b", weight: 0.4 },
    ],
  });
  const sticky = new api.MemoryStickyStore();
  let keptPlain = 0;
  let keptSticky = 0;
  for (const id of ids) {
    const first = before.assign({ id }, { sticky }).variant;
    if (after.assign({ id }).variant === first) keptPlain++;
    if (after.assign({ id }, { sticky }).variant === first) keptSticky++;
  }

  const fmtRate = (r: number): string => `${(r / 1e6).toFixed(2)} M/s`;
  const pct = (k: number): string => `${((100 * k) / units).toFixed(2)}%`;
  console.log("## Assignment\n");
  console.log(
    `${units.toLocaleString("en-US")} unit ids \`user-0\` … (GrowthBook hash v2)${quick ? ", quick run" : ""}.\n`,
  );
  console.log("| Measure | Result |");
  console.log("|---|---|");
  console.log(`| Throughput, prepared experiment | ${fmtRate(preparedRate)} |`);
  console.log(`| Throughput, \`assign()\` validating each call | ${fmtRate(oneShotRate)} |`);
  console.log(`| Throughput, prepared + memory sticky store | ${fmtRate(stickyRate)} |`);
  console.log(
    `| Uniformity, weights 0.2 / 0.3 / 0.5: counts | ${counts.map((c) => c.toLocaleString("en-US")).join(" / ")} |`,
  );
  console.log(`| Uniformity: chi-square (2 df), p-value | ${chi.toFixed(3)}, p = ${p.toFixed(4)} |`);
  console.log(
    `| Stickiness 50/50 → 60/40, no sticky store | ${pct(keptPlain)} keep their variant (ideal 90%) |`,
  );
  console.log(`| Stickiness 50/50 → 60/40, memory sticky store | ${pct(keptSticky)} keep their variant |`);
  const ok = p >= 0.001 && keptSticky === units;
  console.log(
    `\nGoal: uniformity not rejected at 0.001 and every unit kept with a sticky store: ${ok ? "met" : "NOT met"}. ` +
      "Without a store only the units in the slice moving between ranges (0.5–0.6) change variant.",
  );
}

await main();
