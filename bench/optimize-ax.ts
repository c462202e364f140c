/**
 * FlowPrompt's optimizers side by side with Ax's (`@ax-llm/ax`: AxBootstrapFewShot and AxGEPA) on
 * the bundled sentiment task, both served by the simulated model through the local provider server
 * (OpenAI Chat Completions wire format). Same split, same instruction, same simulator features in the
 * fixed part of the prompt, same metric, temperature 0 on both sides (Ax's default). Every model call
 * is counted on the server; Ax runs first with its documented defaults, then FlowPrompt gets
 * `budget.maxCalls` = Ax's search calls, so the searches spend the same number of calls. Both
 * optimized programs are then scored on the held-out test rows by the bench, the same way, through
 * the same server; "exact" is the simulator's probability of a right first answer on those rows.
 *
 * Two variants: "class" is Ax's `class` output (the labels are named by the fixed part of both
 * prompts, so an instruction cannot add a simulator feature and GEPA has no true headroom), "string"
 * leaves the labels to the instruction. AxGEPA runs twice: as it is, and with a meta adapter that
 * rewrites its proposal requests into the simulator's documented format (see optimize-ax/ax-side.ts).
 *
 *   npm run build && node bench/optimize-ax.ts [--quick] [--seeds=5] [--ax-metric-calls=200]
 */

import { numberArg, pct } from "./harness.ts";
import { type AxClient, axBootstrap, axClient, axGepa, axProgram, axScore } from "./optimize-ax/ax-side.ts";
import { type Reading, readTestRequests, testInputs } from "./optimize-ax/server-log.ts";
import {
  dist,
  INSTRUCTION,
  mean,
  type Split,
  se,
  splitRows,
  VARIANTS,
  type Variant,
} from "./optimize-ax/setup.ts";

type Optimize = typeof import("../src/optimize/index.ts");
type Core = typeof import("../src/index.ts");
type Testing = typeof import("../src/testing.ts");
type Server = import("../src/server/index.ts").MockServer;
type Prompt = import("../src/core/prompt.ts").Prompt;
type Tests = ReturnType<typeof testInputs>;

const SIZES = { train: 75, val: 45, test: 30 };

interface Run {
  variant: string;
  row: string;
  seed: number;
  acc: number | null;
  calls: number | null;
  ms: number;
  reading?: Reading | undefined;
  refused?: string;
  translated?: number;
  note?: string;
  /** GEPA: the chosen instruction. */
  instruction?: string;
}

interface Env {
  server: Server;
  opt: Optimize;
  core: Core;
  sim: ReturnType<Testing["simModel"]>;
  split: Split;
  tests: Tests;
}

async function main(): Promise<void> {
  const seeds = numberArg("seeds", 5, 2);
  const axMetricCalls = numberArg("ax-metric-calls", 200, 200);
  const opt = (await import(dist("optimize/index.js"))) as Optimize;
  const core = (await import(dist("index.js"))) as Core;
  const testing = (await import(dist("testing.js"))) as Testing;
  const server = await testing.startMockServer();
  core.configureProviders({ openai: { baseURL: server.baseURLs.openai, apiKey: "test", api: "chat" } });
  const split = splitRows(SIZES);
  const env: Env = {
    server,
    opt,
    core,
    sim: testing.simModel({ task: "sentiment" }),
    split,
    tests: testInputs(split.test),
  };
  const plain = axClient(server.baseURLs.openai, false);
  const adapted = axClient(server.baseURLs.openai, true);
  const started = performance.now();
  const runs: Run[] = [];
  try {
    for (const variant of VARIANTS) {
      const base = fpBase(core, variant);
      runs.push(await axBaseline(env, variant, plain), await fpBaseline(env, variant, base));
      for (let seed = 1; seed <= seeds; seed++) {
        // Bootstrap few-shot.
        const axb = await timed(env, variant, "Ax AxBootstrapFewShot", seed, async () => {
          const r = await axBootstrap(plain, variant, split.train, seed);
          return { score: () => axScore(r.program, plain, split.test), note: `${r.demos} demos` };
        });
        runs.push(axb);
        runs.push(
          // Without validation (Ax's bootstrap validates nothing either), as many demos as Ax ended with.
          await fpRun(env, variant, base, "FlowPrompt bootstrap, calls = Ax's", seed, {
            optimizer: "bootstrap",
            maxCalls: axb.calls!,
            validate: false,
            maxDemos: Number(/^(\d+) demos/.exec(axb.note ?? "")?.[1] ?? 4),
          }),
        );
        runs.push(
          await fpRun(env, variant, base, "FlowPrompt bootstrap, trials 3 (more calls)", seed, {
            optimizer: "bootstrap",
            trials: 3,
          }),
        );
        // GEPA, Ax as it is and with the meta adapter; FlowPrompt matched to each.
        for (const [client, label] of [
          [plain, "as is"],
          [adapted, "+ meta adapter"],
        ] as const) {
          const axg = await gepaAx(env, variant, client, `Ax AxGEPA (${label})`, seed, axMetricCalls);
          runs.push(axg);
          runs.push(
            await fpRun(env, variant, base, `FlowPrompt gepa, calls = Ax GEPA ${label}`, seed, {
              optimizer: "gepa",
              maxCalls: axg.calls!,
            }),
          );
        }
      }
    }
  } finally {
    await server.close();
  }
  report(runs, seeds, axMetricCalls, (performance.now() - started) / 1000);
}

/** FlowPrompt's base prompt: the same instruction as the system message, the variant's fixed user turn, T = 0. */
function fpBase(core: Core, variant: Variant): Prompt {
  return core.definePrompt({
    name: `sentiment-${variant.id}`,
    system: INSTRUCTION,
    user: variant.fpUser,
    model: "openai:sim:sentiment",
    params: { temperature: 0 },
  }) as unknown as Prompt;
}

async function axBaseline(env: Env, variant: Variant, client: AxClient): Promise<Run> {
  env.server.reset();
  const t0 = performance.now();
  const acc = await axScore(axProgram(variant), client, env.split.test);
  return {
    variant: variant.id,
    row: "Ax, not optimized",
    seed: 0,
    acc,
    calls: 0,
    ms: performance.now() - t0,
    reading: readTestRequests(env.server, env.tests, env.sim, "first"),
  };
}

async function fpBaseline(env: Env, variant: Variant, base: Prompt): Promise<Run> {
  env.server.reset();
  const t0 = performance.now();
  const acc = await fpScore(env, base);
  return {
    variant: variant.id,
    row: "FlowPrompt, not optimized",
    seed: 0,
    acc,
    calls: 0,
    ms: performance.now() - t0,
    reading: readTestRequests(env.server, env.tests, env.sim, "first"),
  };
}

/** Held-out accuracy of a FlowPrompt prompt: each test row once, scored like the optimizer's `exact`. */
async function fpScore(env: Env, prompt: Prompt): Promise<number> {
  let right = 0;
  for (const row of env.split.test) {
    const output = await prompt.run(row.input as never);
    right += String(output).trim() === row.expected ? 1 : 0;
  }
  return right / env.split.test.length;
}

/** Waits until the server has answered every request it received (a stopped search may leave some in flight). */
async function settled(server: Server): Promise<void> {
  while (server.stats().inFlight > 0) await new Promise((r) => setTimeout(r, 5));
}

/** An Ax optimization: search calls counted on the server, then held-out scoring counted apart. */
async function timed(
  env: Env,
  variant: Variant,
  row: string,
  seed: number,
  search: () => Promise<{ score: () => Promise<number>; note?: string; instruction?: string }>,
  client?: AxClient,
): Promise<Run> {
  env.server.reset();
  const translatedBefore = client?.translated ?? 0;
  const t0 = performance.now();
  const { score, note, instruction } = await search();
  await settled(env.server);
  const calls = env.server.stats().requests;
  const translated = client ? client.translated - translatedBefore : undefined;
  env.server.reset();
  const acc = await score();
  const ms = performance.now() - t0;
  return {
    variant: variant.id,
    row,
    seed,
    acc,
    calls,
    ms,
    reading: readTestRequests(env.server, env.tests, env.sim, "first"),
    translated,
    note,
    instruction,
  };
}

function gepaAx(
  env: Env,
  variant: Variant,
  client: AxClient,
  row: string,
  seed: number,
  maxMetricCalls: number,
): Promise<Run> {
  return timed(
    env,
    variant,
    row,
    seed,
    async () => {
      const r = await axGepa(client, variant, env.split, seed, maxMetricCalls);
      return {
        score: () => axScore(r.program, client, env.split.test),
        note: r.instruction === INSTRUCTION ? "kept" : "changed",
        instruction: r.instruction,
      };
    },
    client,
  );
}

/**
 * A FlowPrompt optimization through the server, then the chosen prompt scored on the test rows by the
 * bench, as for Ax. No testset is given to optimize() (`testset: []`), so it holds no calls back for
 * its own test scoring and `budget.maxCalls` is exactly the search's allowance.
 */
async function fpRun(
  env: Env,
  variant: Variant,
  base: Prompt,
  row: string,
  seed: number,
  o: {
    optimizer: "bootstrap" | "gepa";
    maxCalls?: number;
    trials?: number;
    validate?: boolean;
    maxDemos?: number;
  },
): Promise<Run> {
  env.server.reset();
  const t0 = performance.now();
  try {
    const result = await env.opt.optimize(base, {
      trainset: env.split.train,
      valset: env.split.val,
      testset: [],
      metric: "exact",
      optimizer: o.optimizer,
      seed,
      ...(o.trials === undefined ? {} : { trials: o.trials }),
      ...(o.maxCalls === undefined ? {} : { budget: { maxCalls: o.maxCalls } }),
      ...(o.validate === undefined ? {} : { validate: o.validate }),
      ...(o.maxDemos === undefined ? {} : { maxDemos: o.maxDemos, maxBootstrapped: o.maxDemos }),
    });
    await settled(env.server);
    const searchCalls = env.server.stats().requests;
    env.server.reset();
    const acc = await fpScore(env, result.prompt as unknown as Prompt);
    const ms = performance.now() - t0;
    const instruction = result.program.instruction;
    const note =
      o.optimizer === "gepa"
        ? instruction === INSTRUCTION || instruction === undefined
          ? "kept"
          : "changed"
        : `${result.program.demos.length} demos`;
    return {
      variant: variant.id,
      row,
      seed,
      acc,
      calls: searchCalls,
      ms,
      reading: readTestRequests(env.server, env.tests, env.sim, "first"),
      note,
      ...(o.optimizer === "gepa" ? { instruction: instruction ?? "" } : {}),
    };
  } catch (error) {
    const e = error as Error;
    if (e.name !== "BudgetTooSmallError") throw error;
    return {
      variant: variant.id,
      row,
      seed,
      acc: null,
      calls: null,
      ms: performance.now() - t0,
      refused: e.message,
    };
  }
}

const ROWS = [
  "Ax, not optimized",
  "FlowPrompt, not optimized",
  "Ax AxBootstrapFewShot",
  "FlowPrompt bootstrap, calls = Ax's",
  "FlowPrompt bootstrap, trials 3 (more calls)",
  "Ax AxGEPA (as is)",
  "FlowPrompt gepa, calls = Ax GEPA as is",
  "Ax AxGEPA (+ meta adapter)",
  "FlowPrompt gepa, calls = Ax GEPA + meta adapter",
];

const clip = (s: string, n = 110) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const pm = (xs: readonly number[]) =>
  xs.length === 0 ? "–" : xs.length === 1 ? pct(xs[0]!) : `${pct(mean(xs))} ± ${pct(se(xs))}`;
const range = (xs: readonly number[]) => {
  if (xs.length === 0) return "–";
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo === hi ? String(lo) : `${Math.round(mean(xs))} (${lo}–${hi})`;
};

function readingText(rs: readonly Reading[]): string {
  if (rs.length === 0) return "–";
  const demos = mean(rs.map((r) => r.demos));
  const labels = rs.filter((r) => r.labels).length;
  const format = rs.filter((r) => r.formatHint).length;
  const n = rs.length;
  const share = (k: number) => (k === n ? "yes" : k === 0 ? "no" : `${k}/${n}`);
  return `labels ${share(labels)}, format ${share(format)}, demos ${Number.isInteger(demos) ? demos : demos.toFixed(1)}, T ${rs[0]!.temperature}`;
}

function report(runs: Run[], seeds: number, axMetricCalls: number, elapsedS: number): void {
  console.log("## Optimization: FlowPrompt vs Ax at equal model calls\n");
  console.log(
    `Sentiment task (examples/tasks/sentiment), one seeded split: ${SIZES.train} train / ${SIZES.val} validation / ` +
      `${SIZES.test} held-out test rows. Both libraries talk to the simulated model \`sim:sentiment\` through the local ` +
      "provider server (OpenAI Chat Completions; Ax streams, FlowPrompt does not); every call is counted on the server. " +
      `Both start from the instruction "${INSTRUCTION}" at temperature 0 (Ax's default; FlowPrompt's prompt sets it), ` +
      "with the same simulator features outside the instruction; the metric is exact match of the label (trimmed, " +
      "case-sensitive). Ax runs first with its documented defaults (AxBootstrapFewShot: maxRounds 3, maxDemos 4, " +
      `maxExamples 16; AxGEPA: numTrials 30, minibatch 20, maxMetricCalls ${axMetricCalls}, the validation split as its ` +
      "Pareto set), then FlowPrompt gets `budget.maxCalls` = Ax's search calls. Calls = search calls (everything but the " +
      `final held-out scoring). Seeds 1..${seeds} (Ax's bootstrap shuffles with Math.random, seeded per run here); ` +
      "mean ± standard error over seeds; time = optimization + held-out scoring. *exact* = the simulator's probability " +
      "of a right first answer, averaged over the test rows (no sampling noise; Ax's retries after an unparseable " +
      "answer can add to its measured score). The simulator writes instructions only for requests in its documented " +
      "format; Ax's GEPA asks in its own format, which it answers with a label, so AxGEPA also runs with a *meta " +
      "adapter* that rewrites just those requests (same current instruction, same minibatch rows) into that format.\n",
  );
  for (const variant of VARIANTS) {
    const vr = runs.filter((r) => r.variant === variant.id);
    console.log(`### Variant "${variant.id}": ${variant.title}\n`);
    console.log(
      `Ax: \`${variant.axSignature}\` + \`setInstruction("${INSTRUCTION}")\`. ` +
        `FlowPrompt: system "${INSTRUCTION}", user ${JSON.stringify(variant.fpUser)}.\n`,
    );
    console.log(
      "| contender | held-out accuracy | exact | search calls | time s | what the simulator reads (final program) | notes |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | --- | --- |");
    const rowsShown: string[] = [];
    for (const row of ROWS) {
      const rs = vr.filter((r) => r.row === row);
      if (rs.length === 0) continue;
      const ok = rs.filter((r) => r.acc !== null);
      if (ok.length === 0) {
        console.log(`| ${row} | refused | – | – | – | – | ${rs[0]!.refused ?? ""} |`);
        continue;
      }
      const readings = ok.flatMap((r) => (r.reading ? [r.reading] : []));
      const notes = [...new Set(ok.flatMap((r) => (r.note ? [r.note] : [])))];
      const noteText =
        notes.length === 0
          ? ""
          : row.includes("gepa") || row.includes("GEPA")
            ? `instruction ${notes.map((n) => `${n} ${ok.filter((r) => r.note === n).length}/${ok.length}`).join(", ")}`
            : notes.join(", ");
      const translated = ok
        .filter((r) => r.translated !== undefined && r.translated > 0)
        .map((r) => r.translated!);
      const extra =
        translated.length > 0 ? `; ${Math.round(mean(translated))} proposal requests rewritten per run` : "";
      rowsShown.push(row);
      console.log(
        `| ${row} | ${pm(ok.map((r) => r.acc!))} | ${readings.length ? pct(mean(readings.map((r) => r.firstTry))) : "–"} | ` +
          `${range(ok.map((r) => r.calls!))} | ${(mean(ok.map((r) => r.ms)) / 1000).toFixed(2)} | ${readingText(readings)} | ${noteText}${extra} |`,
      );
    }
    console.log("\nInstructions chosen by GEPA (seed 1, 2, …):\n");
    for (const row of rowsShown.filter((r) => r.includes("GEPA") || r.includes("gepa"))) {
      const list = vr
        .filter((r) => r.row === row && r.instruction !== undefined)
        .map((r) => JSON.stringify(clip(r.instruction!)));
      console.log(`- ${row}: ${list.join("; ")}`);
    }
    console.log("");
  }
  const paired = (fpRow: string, axRow: string, variant?: string) => {
    const d: number[] = [];
    const dx: number[] = [];
    const refused: string[] = [];
    const axCalls: number[] = [];
    for (const fp of runs.filter(
      (r) => r.row === fpRow && (variant === undefined || r.variant === variant),
    )) {
      const axr = runs.find((r) => r.row === axRow && r.variant === fp.variant && r.seed === fp.seed)!;
      axCalls.push(axr.calls!);
      if (fp.acc === null) {
        refused.push(fp.refused ?? "refused");
        continue;
      }
      d.push(fp.acc - axr.acc!);
      if (fp.reading && axr.reading) dx.push(fp.reading.firstTry - axr.reading.firstTry);
    }
    return { d, dx, refused, axCalls };
  };
  const pts = (xs: readonly number[]) =>
    xs.length === 0 ? "–" : `${signed(100 * mean(xs))} ± ${(100 * se(xs)).toFixed(1)} pts`;
  const signed = (x: number) => (Math.abs(x) < 0.05 ? "+0.0" : `${x > 0 ? "+" : ""}${x.toFixed(1)}`);
  const callRange = (xs: readonly number[]) => `${Math.min(...xs)}–${Math.max(...xs)}`;
  const b = paired("FlowPrompt bootstrap, calls = Ax's", "Ax AxBootstrapFewShot");
  if (b.d.length === 0) {
    const needs = /needs about (\d+) calls/.exec(b.refused[0] ?? "")?.[1];
    console.log(
      `**Goal — FlowPrompt bootstrap ≥ Ax bootstrap at equal calls: NO** (FlowPrompt cannot run at Ax's budget: Ax's ` +
        `bootstrap used ${callRange(b.axCalls)} calls; FlowPrompt refuses any budget below ${needs ?? "?"} calls ` +
        `(BudgetTooSmallError: it scores the baseline and every candidate on all ${SIZES.val} validation rows))`,
    );
  } else {
    // Judged on the exact held-out accuracy (the expectation of the measured one, without the noise
    // of 30 rows); the measured difference is shown beside it.
    const ok = b.dx.length > 0 && mean(b.dx) >= -1e-9 && b.refused.length === 0;
    console.log(
      `**Goal — FlowPrompt bootstrap ≥ Ax bootstrap at equal calls: ${ok ? "yes" : "NO"}** (exact held-out accuracy FlowPrompt − Ax = ${pts(b.dx)}; measured ${pts(b.d)}` +
        `${b.refused.length ? `; refused in ${b.refused.length} runs` : ""})`,
    );
  }
  const gepaRows = [
    ["FlowPrompt gepa, calls = Ax GEPA as is", "Ax AxGEPA (as is)", "Ax as is"],
    ["FlowPrompt gepa, calls = Ax GEPA + meta adapter", "Ax AxGEPA (+ meta adapter)", "Ax + meta adapter"],
  ] as const;
  const pooled = gepaRows.map(([fp, axr]) => paired(fp, axr));
  const gOk = pooled.every((p) => p.dx.length > 0 && p.refused.length === 0 && mean(p.dx) >= -1e-9);
  const parts = gepaRows.map(([fp, axr, label], i) => {
    const perVariant = VARIANTS.map((v) => {
      const p = paired(fp, axr, v.id);
      return `${v.id} exact ${pts(p.dx)} (measured ${pts(p.d)})`;
    });
    return `vs ${label}: exact ${pts(pooled[i]!.dx)}, measured ${pts(pooled[i]!.d)} [${perVariant.join(", ")}]`;
  });
  console.log(
    `**Goal — FlowPrompt GEPA ≥ Ax GEPA at equal calls: ${gOk ? "yes" : "NO"}** (exact held-out accuracy, FlowPrompt − Ax, ` +
      `paired by variant and seed; ${parts.join("; ")})`,
  );
  console.log(`\nBench time ${elapsedS.toFixed(1)} s.`);
}

await main();
