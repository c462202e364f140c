import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import { analyzeRecords } from "../../eval/analysis/analyze.js";
import { readRecords } from "../../eval/runner/index.js";
import { pts, pValue, type ReportSource, regressions } from "../../report/format.js";
import {
  type HtmlContext,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderTerminal,
} from "../../report/index.js";
import { colors, EXIT, type Io, reportError } from "../output.js";
import { UsageError } from "../usage-error.js";
import { numberOption } from "./shared.js";

export function analyzeCommand(program: Command, io: Io, done: (code: number) => void): void {
  const cmd = program
    .command("analyze")
    .description(
      "re-analyse a saved comparison (a records file from compare --records) without calling any model",
    )
    .argument("<records>", "the JSONL records file written by `flowprompt compare --records <file>`");
  withAnalysisOptions(cmd).action(async (file: string, opts, self: Command) =>
    guard(io, self, done, async () => {
      checkOutputs(opts);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        throw new UsageError(
          `${file}: ${info ? "not a file" : "no such file"}.`,
          "Pass the JSONL file written by `flowprompt compare --records <file>`.",
        );
      }
      // A damaged line exits 2 naming file:line; a torn last line (a crash mid-write) is skipped.
      const records = await readRecords(file);
      const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l.trim() !== "").length;
      if (lines > records.length) {
        io.err(
          colors(io).yellow(
            `${file}:${lines}: the last line is incomplete (a run cut short) and was skipped.`,
          ),
        );
      }
      if (records.length === 0) throw new UsageError(`${file} holds no records.`);
      const names = [...new Set(records.map((r) => r.variant))];
      if (names.length < 2) {
        throw new UsageError(
          `${file} holds records of ${names.length} variant (${names.join(", ")}); a comparison needs two or more.`,
        );
      }
      if (opts.control !== undefined && !names.includes(opts.control)) {
        throw new UsageError(
          `--control ${opts.control}: not a variant in ${file}. Variants: ${names.join(", ")}.`,
        );
      }
      const analysis = analyzeRecords(records, { variants: names, ...analysisOptions(opts) });
      const source: ReportSource = {
        ...analysis,
        records,
        inputs: new Set(records.map((r) => r.inputId)).size,
        costUsd: records.reduce((sum, r) => sum + (r.costUsd ?? 0), 0),
        simulated: records.some((r) => r.model?.startsWith("sim:") === true),
      };
      await emitReport(source, { command: "analyze", source: file }, opts, io);
      done(gate(source, opts, io));
    }),
  );
}

/** Errors about the user's data or flags that the shared error printer does not know as input errors. */
const INPUT_CODES = new Set([
  "FP_OPTIMIZE_DATA",
  "FP_OPTIMIZE_BUDGET",
  "FP_OPTIMIZE_RESUME",
  "FP_DATASET_FILE",
  "FP_DATASET_ROW",
  "FP_DATASET_DUPLICATE_ID",
  "FP_DATASET_EMPTY",
  "FP_MISSING_EXPECTED",
  "FP_UNKNOWN_SCORER",
]);

/** The options compare and analyze share: how to analyse, how to report, when to fail. */
export function withAnalysisOptions(cmd: Command): Command {
  return cmd
    .option("--control <name>", "the baseline each challenger is tested against (default: the first)")
    .addOption(
      new Option("--comparisons <mode>", "challengers against the control, or all pairs").choices([
        "control",
        "all",
      ]),
    )
    .option("--confidence <x>", "confidence level, e.g. 0.95 (the default)", bounded(0, 1, true))
    .option(
      "--non-inferiority-margin <x>",
      "also test each challenger is not worse by more than x (e.g. 0.02)",
      bounded(0, 1),
    )
    .option("--mid-p", "mid-p McNemar test for pass/fail data (less conservative)")
    .option("--seed <n>", "seed of the bootstrap and permutation tests (default 0)", integer)
    .option("--json", "print the JSON report on stdout")
    .option("--markdown [path]", "print the Markdown report on stdout, or write it to path")
    .option("--html <path>", "also write the self-contained HTML report (charts, per-input view) to path")
    .option("--fail-on-regression", "exit 1 when a challenger is significantly worse than the control");
}

interface AnalysisFlags {
  control?: string;
  comparisons?: "control" | "all";
  confidence?: number;
  nonInferiorityMargin?: number;
  midP?: boolean;
  seed?: number;
  json?: boolean;
  markdown?: boolean | string;
  html?: string;
  failOnRegression?: boolean;
}

export function analysisOptions(opts: AnalysisFlags) {
  return {
    control: opts.control,
    comparisons: opts.comparisons,
    confidence: opts.confidence,
    nonInferiorityMargin: opts.nonInferiorityMargin,
    midP: opts.midP,
    seed: opts.seed,
  };
}

export function checkOutputs(opts: AnalysisFlags): void {
  if (opts.json && opts.markdown === true) {
    throw new UsageError(
      "--json and --markdown both print on stdout: pick one, or give --markdown a file path.",
    );
  }
}

/** Prints the report the flags ask for (terminal by default); `--markdown <path>` and `--html <path>` also write files. */
export async function emitReport(source: ReportSource, ctx: HtmlContext, opts: AnalysisFlags, io: Io) {
  if (typeof opts.markdown === "string") {
    await mkdir(dirname(resolve(opts.markdown)), { recursive: true });
    await writeFile(opts.markdown, renderMarkdown(source, ctx));
    io.err(colors(io).dim(`Markdown report written to ${opts.markdown}`));
  }
  if (opts.html !== undefined) {
    await mkdir(dirname(resolve(opts.html)), { recursive: true });
    await writeFile(opts.html, renderHtml(source, ctx));
    io.err(`HTML report: ${opts.html}`);
  }
  if (opts.json) io.write(renderJson(source, ctx));
  else if (opts.markdown === true) io.write(renderMarkdown(source, ctx));
  else io.write(renderTerminal(source, { ...ctx, color: io.color }));
}

/** Exit 1 (said on stderr) when every call failed, for a regression under `--fail-on-regression`, or an interrupted run. */
export function gate(source: ReportSource, opts: AnalysisFlags, io: Io): number {
  const c = colors(io);
  const records = typeof source.records === "object" ? source.records : [];
  const first = records[0]?.error;
  if (first && records.every((r) => r.error)) {
    io.err(c.red(`✗ every call failed; the first: ${first.code}: ${first.message}`));
    return EXIT.failed;
  }
  const worse = regressions(source);
  if (opts.failOnRegression && worse.length > 0) {
    for (const x of worse) {
      const [loser, diff] = x.a === source.control ? [x.b, x.diff] : [x.a, -x.diff];
      io.err(
        c.red(
          `✗ regression: ${loser} is significantly worse than ${source.control} (${pts(diff)} pts, p adj. ${pValue(x.pAdjusted)}).`,
        ),
      );
    }
    return EXIT.failed;
  }
  return source.stopped === "aborted" ? EXIT.failed : EXIT.ok;
}

/** Runs an action; data and flag errors the shared printer counts as failures exit 2 here. */
export async function guard(io: Io, cmd: Command, done: (code: number) => void, action: () => Promise<void>) {
  try {
    await action();
  } catch (error) {
    if (!(FlowPromptError.isInstance(error) && INPUT_CODES.has(error.code))) throw error;
    reportError(io, error, cmd.optsWithGlobals().debug === true);
    done(EXIT.usage);
  }
}

export function bounded(min: number, max: number, exclusive = false): (value: string) => number {
  return (value) => {
    const n = numberOption()(value);
    const ok = exclusive ? n > min && n < max : n >= min && n <= max;
    if (ok) return n;
    if (max === Infinity) throw new InvalidArgumentError(`Expected a number of ${min} or more.`);
    throw new InvalidArgumentError(
      exclusive
        ? `Expected a number between ${min} and ${max}, exclusive.`
        : `Expected a number from ${min} to ${max}.`,
    );
  };
}

function integer(value: string): number {
  const n = numberOption()(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError("Expected a whole number.");
  return n;
}
