import { rm } from "node:fs/promises";
import { type Command, InvalidArgumentError } from "commander";
import { scorerByName } from "../../eval/scorers/index.js";
import { loadPrompt } from "../../files/index.js";
import { OPTIMIZER_NAMES, type OptimizeOptions, type OptimizeProgress } from "../../optimize/options.js";
import type { OptimizeResult } from "../../optimize/result.js";
import { money, plural } from "../../report/format.js";
import { colors, EXIT, type Io, processIo } from "../output.js";
import { UsageError } from "../usage-error.js";
import { bounded, guard } from "./analyze.js";
import { numberOption } from "./shared.js";

const SAMPLERS = ["tpe", "random", "optuna"];

function oneOf(known: readonly string[]): (v: string) => string {
  return (v) => {
    if (known.includes(v)) return v;
    throw new InvalidArgumentError(`Expected one of ${known.join(", ")}.`);
  };
}

function numberList(v: string): number[] {
  const out = v.split(",").map((x) => Number(x.trim()));
  if (out.some((x) => !Number.isFinite(x)))
    throw new InvalidArgumentError("Expected numbers such as 0,0.5,1.");
  return out;
}

const pct = (x: number | null) => (x === null ? "–" : `${(100 * x).toFixed(1)}%`);

export function optimizeCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("optimize")
    .description("improve a prompt on a metric: demos, instructions and parameters, on a budget")
    .argument("<prompt>", "the prompt file to optimize")
    .requiredOption("--train <file>", "labelled examples (JSONL, CSV or JSON rows with input and expected)")
    .option("--val <file>", "examples trials are scored on (default: 30% split off --train)")
    .option("--test <file>", "held-out examples scored at the end (default: 20% split off --train)")
    .option(
      "--metric <name>",
      "scorer: exact, contains, numeric, similarity, structured, … (default: the prompt's metadata.metric, else exact)",
    )
    .option("--optimizer <name>", `${OPTIMIZER_NAMES.join(" | ")} (default mipro)`, oneOf(OPTIMIZER_NAMES))
    .option("--sampler <name>", "tpe (native) | random | optuna (default tpe)", oneOf(SAMPLERS))
    .option(
      "--storage <url>",
      "Optuna storage shared by workers: an SQLite file or a PostgreSQL URL (with --sampler optuna)",
    )
    .option("--study <name>", "Optuna study name (default flowprompt)")
    .option("--pruner <name>", "median | none (default none)", oneOf(["median", "none"]))
    .option("--trials <n>", "trials to run (default 30)", numberOption(true))
    .option("--budget-usd <x>", "stop before the spend would pass this many USD", bounded(0, Infinity, true))
    .option("--max-calls <n>", "stop before making more model calls than this", numberOption(true))
    .option("--max-time <s>", "stop after this many seconds", bounded(0, Infinity, true))
    .option("-m, --model <model>", "the task model (default: the prompt's)")
    .option("--proposer <model>", "the model that writes and improves instructions (default: the task model)")
    .option("--temperatures <list>", "temperatures to search too, e.g. 0,0.7,1", numberList)
    .option("--max-demos <n>", "most demos in a prompt (default 4)", bounded(0, 64))
    .option("--minibatch <n>", "rows per trial (default 25; 0 = the whole valset)", bounded(0, Infinity))
    .option(
      "--no-validate",
      "bootstrap only: no validation, for a budget of a few calls (DSPy's BootstrapFewShot)",
    )
    .option("--seed <n>", "seed of every random choice (default 0)", numberOption())
    .option("--concurrency <n>", "calls in flight at once (default 8)", numberOption(true))
    .option(
      "--history <file>",
      "keeps every paid call and trial; rerun to resume (default: <out>.history.jsonl)",
    )
    .option("--fresh", "start over: delete the history file first")
    .option("--dry-run", "print the projected calls and cost, then exit without calling anything")
    .option("--json", "print the result as JSON")
    .option("-o, --out <file>", "where to write the optimized prompt file")
    .action(async (file: string, opts, self: Command) =>
      guard(io, self, done, async () => {
        const prompt = await loadPrompt(file);
        const metric = String(opts.metric ?? prompt.metadata.metric ?? "exact");
        scorerByName(metric);
        if (!opts.dryRun && opts.out === undefined) {
          throw new UsageError(
            "Where should the optimized prompt go? Pass -o <out.prompt>.",
            "Or --dry-run to see the projected cost.",
          );
        }
        const historyFile =
          opts.history ?? (opts.out === undefined ? undefined : `${opts.out}.history.jsonl`);
        const options: OptimizeOptions = {
          trainset: opts.train,
          ...(opts.val !== undefined && { valset: opts.val }),
          ...(opts.test !== undefined && { testset: opts.test }),
          metric,
          ...(opts.optimizer !== undefined && { optimizer: opts.optimizer }),
          ...(opts.sampler !== undefined && { sampler: opts.sampler }),
          ...(opts.storage !== undefined && { storage: opts.storage }),
          ...(opts.study !== undefined && { studyName: opts.study }),
          ...(opts.pruner !== undefined && { pruner: opts.pruner }),
          ...(opts.trials !== undefined && { trials: opts.trials }),
          budget: {
            ...(opts.budgetUsd !== undefined && { maxCostUsd: opts.budgetUsd }),
            ...(opts.maxCalls !== undefined && { maxCalls: opts.maxCalls }),
            ...(opts.maxTime !== undefined && { maxTimeMs: opts.maxTime * 1000 }),
          },
          ...(opts.model !== undefined && { model: opts.model }),
          ...(opts.proposer !== undefined && { proposer: opts.proposer }),
          ...(opts.temperatures !== undefined && { temperatures: opts.temperatures }),
          ...(opts.maxDemos !== undefined && { maxDemos: opts.maxDemos }),
          ...(opts.minibatch !== undefined && { minibatch: opts.minibatch }),
          ...(opts.validate === false && { validate: false }),
          ...(opts.seed !== undefined && { seed: opts.seed }),
          ...(opts.concurrency !== undefined && { concurrency: opts.concurrency }),
          ...(historyFile !== undefined && { historyFile }),
        };
        const c = colors(io);
        // Loaded here, not at start-up: the optimizer costs every other command ~140 ms to import.
        const { estimateOptimize, optimize } = await import("../../optimize/optimize.js");
        if (opts.dryRun) {
          const e = await estimateOptimize(prompt, options);
          if (opts.json) io.write(`${JSON.stringify({ dryRun: true, ...e }, null, 2)}\n`);
          else {
            io.out(
              `Dry run: ${e.optimizer}, ${plural(e.trials, "trial")}, on ${e.data.train} train / ${e.data.val} val / ${e.data.test} test rows (${e.data.source}).`,
            );
            io.out(
              `At most ${plural(e.calls, "model call")}, about ${e.costUsd === null ? "an unknown cost (no price for the model)" : money(e.costUsd)}. Nothing was called.`,
            );
          }
          return done(EXIT.ok);
        }
        if (opts.fresh && historyFile !== undefined) await rm(historyFile, { force: true });
        const abort = new AbortController();
        const interrupt = () => abort.abort();
        if (io.err === processIo.err) process.once("SIGINT", interrupt);
        let result: OptimizeResult;
        try {
          result = await optimize(prompt, {
            ...options,
            signal: abort.signal,
            onProgress: (p) => io.err(c.dim(progressLine(p))),
            onNote: (m) => io.err(c.yellow(m)),
          });
        } catch (error) {
          if (!abort.signal.aborted) throw error;
          io.err(
            c.red(
              `✗ interrupted. Every paid call is kept in ${historyFile ?? "(no history file)"}: run the same command again to resume.`,
            ),
          );
          return done(EXIT.failed);
        } finally {
          process.off("SIGINT", interrupt);
        }
        await result.save(opts.out);
        if (opts.json) io.write(`${JSON.stringify(summary(result, opts.out), null, 2)}\n`);
        else printResult(io, result, opts.out, historyFile);
        done(EXIT.ok);
      }),
    );
}

function progressLine(p: OptimizeProgress): string {
  const t = p.trial;
  const best = p.best === undefined ? "" : `, best ${pct(p.best.score)} (baseline ${pct(p.baseline)})`;
  return `trial ${t.number + 1}/${p.trials}: ${pct(t.score)} on ${plural(t.rows, "row")}${t.pruned ? " (pruned)" : ""}${best} · ${plural(p.calls, "call")}, ${money(p.costUsd)}`;
}

function summary(r: OptimizeResult, out: string) {
  return {
    out,
    optimizer: r.optimizer,
    sampler: r.sampler,
    score: r.score,
    baseline: r.baseline,
    stopReason: r.stopReason,
    trials: r.history.length,
    usage: r.usage,
    program: {
      instruction: r.program.instruction ?? null,
      demos: r.program.demos.length,
      params: r.program.params,
      model: r.program.model ?? null,
    },
  };
}

function printResult(io: Io, r: OptimizeResult, out: string, historyFile: string | undefined): void {
  const c = colors(io);
  const [after, before] =
    r.score.test !== null && r.baseline.test !== null
      ? [r.score.test, r.baseline.test]
      : [r.score.val, r.baseline.val];
  const gain = after !== null && before !== null ? after - before : 0;
  const mark = gain > 0 ? c.green("✓") : c.yellow("–");
  io.out(
    `${mark} ${r.optimizer} (${r.sampler}): validation ${pct(r.baseline.val)} → ${pct(r.score.val)}, held-out test ${pct(r.baseline.test)} → ${pct(r.score.test)}`,
  );
  const changed = [
    r.program.instruction !== r.candidates.find((x) => x.origin === "baseline")?.program.instruction &&
      "a new instruction",
    `${plural(r.program.demos.length, "demo")}`,
    Object.keys(r.program.params).length > 0 && `params ${JSON.stringify(r.program.params)}`,
    r.program.model !== undefined && `model ${r.program.model}`,
  ].filter(Boolean);
  io.out(`  chosen: ${changed.join(", ")}`);
  io.out(
    `  ${plural(r.history.length, "trial")}, ${plural(r.usage.calls, "model call")} (${r.usage.memoHits} answered from memory${r.usage.resumed > 0 ? `, ${r.usage.resumed} resumed` : ""}), ${money(r.usage.costUsd)}, stopped: ${r.stopReason}`,
  );
  for (const n of r.notes) io.out(c.dim(`  note: ${n}`));
  io.out(`Wrote ${out}${historyFile ? c.dim(` (history: ${historyFile})`) : ""}`);
}
