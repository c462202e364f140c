import { stat } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { isPrompt } from "../../core/prompt.js";
import { type CompareOptions, compare, estimateCompare } from "../../eval/compare.js";
import { loadDataset } from "../../eval/datasets/index.js";
import { progressReporter, readRecords, type VariantLike } from "../../eval/runner/index.js";
import { scorerByName } from "../../eval/scorers/index.js";
import { findPromptFiles, loadPrompt, PROMPT_FILE_EXTENSIONS } from "../../files/index.js";
import { money, plural } from "../../report/format.js";
import type { HtmlContext } from "../../report/index.js";
import { colors, EXIT, type Io, processIo } from "../output.js";
import { UsageError } from "../usage-error.js";
import {
  analysisOptions,
  bounded,
  checkOutputs,
  emitReport,
  gate,
  guard,
  withAnalysisOptions,
} from "./analyze.js";
import { numberOption } from "./shared.js";

const MODULE_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

export function compareCommand(program: Command, io: Io, done: (code: number) => void): void {
  const cmd = program
    .command("compare")
    .description("compare prompt variants on a dataset: scores, paired tests, a verdict")
    .argument(
      "[variants...]",
      "prompt files, a folder of them, or one .ts/.js module exporting { name: prompt | function }",
    )
    .requiredOption("-d, --data <file>", "dataset: JSONL, CSV/TSV or JSON rows with input and expected")
    .option(
      "-m, --model <model>",
      'the model every prompt variant runs on, e.g. "openai:gpt-4o-mini", "mock"',
    )
    .option(
      "--metric <name>",
      "scorer: exact, contains, regex, numeric, similarity, token-f1, structured, … (default: the prompts' metadata.metric, else exact)",
    )
    .option("--runs <n>", "repeats per variant and input (default 1)", numberOption(true))
    .option("--concurrency <n>", "calls in flight at once (default 4)", numberOption(true))
    .option("--records <file>", "JSONL file of records: written as they finish, resumed when it exists")
    .option("--budget <usd>", "stop before the estimated spend passes this many USD", bounded(0, Infinity))
    .option("--input <field>", 'input field (default "input"); "a,b" makes an object of fields a and b')
    .option("--expected <field>", 'expected-value field (default "expected")')
    .option("--category <field>", 'category field for scores by stratum (default "category")')
    .option(
      "--stop-early",
      "stop as soon as the answer is known (always-valid sequential test; inputs in seeded order)",
    )
    .option("--dry-run", "print the estimated calls, tokens and cost, then exit without calling anything");
  withAnalysisOptions(cmd).action(async (args: string[], opts, self: Command) =>
    guard(io, self, done, async () => {
      checkOutputs(opts);
      const variants = await loadVariants(args);
      const metric = String(opts.metric ?? metricOfPrompts(variants) ?? "exact");
      scorerByName(metric); // an unknown name exits 2 with the known ones
      const names = Object.keys(variants);
      if (opts.control !== undefined && !names.includes(opts.control)) {
        throw new UsageError(`--control ${opts.control}: not a variant. Variants: ${names.join(", ")}.`);
      }
      const input =
        typeof opts.input === "string" && opts.input.includes(",") ? opts.input.split(",") : opts.input;
      const options: CompareOptions = {
        ...analysisOptions(opts),
        metric,
        model: opts.model,
        runs: opts.runs,
        concurrency: opts.concurrency,
        recordsFile: opts.records,
        budgetUsd: opts.budget,
        ...(opts.stopEarly === true && { stopEarly: true }),
        input,
        expected: opts.expected,
        category: opts.category,
      };
      if (opts.dryRun) return done(await dryRun(variants, opts.data, options, opts.json === true, io));
      const saved = await savedRecords(options, names);
      if (saved > 0)
        io.err(colors(io).dim(`Resuming: ${plural(saved, "record")} already in ${opts.records}.`));
      const reporter = progressReporter(stderr(io), { label: "compare" });
      const abort = new AbortController();
      const interrupt = () => abort.abort();
      if (isProcessIo(io)) process.once("SIGINT", interrupt);
      const result = await compare(variants, opts.data, {
        ...options,
        signal: abort.signal,
        onProgress: (p) => reporter.update(p),
      }).finally(() => {
        reporter.done();
        process.off("SIGINT", interrupt);
      });
      const ctx: HtmlContext = { command: "compare", metric, budgetUsd: opts.budget };
      // The HTML report's per-input view shows each input and its expected value.
      if (opts.html !== undefined) ctx.dataset = await loadDataset(opts.data, options);
      await emitReport(result, ctx, opts, io);
      done(gate(result, opts, io));
    }),
  );
}

/** The real terminal (also after `--no-color`, which copies processIo), not a test's buffers. */
const isProcessIo = (io: Io) => io.err === processIo.err;

/** Progress on stderr: redrawn in place on a terminal, plain lines otherwise (and in tests). */
function stderr(io: Io) {
  const tty = isProcessIo(io) && process.stderr.isTTY === true;
  return {
    isTTY: tty,
    columns: process.stderr.columns ?? 80,
    write: (text: string) => (tty ? void process.stderr.write(text) : io.err(text.replace(/\n$/, ""))),
  };
}

async function loadVariants(args: readonly string[]): Promise<Record<string, VariantLike>> {
  const isModule = (a: string) => MODULE_EXTENSIONS.includes(extname(a).toLowerCase());
  let variants: Record<string, VariantLike>;
  if (args.some(isModule)) {
    if (args.length > 1)
      throw new UsageError(`Pass one module, or prompt files, not both (got ${args.join(" ")}).`);
    variants = await loadModule(args[0]!);
  } else {
    const files: string[] = [];
    for (const arg of args) {
      const info = await stat(arg).catch(() => undefined);
      if (info?.isDirectory()) files.push(...(await findPromptFiles(arg)));
      else if (info && PROMPT_FILE_EXTENSIONS.some((ext) => arg.toLowerCase().endsWith(ext))) files.push(arg);
      else if (!info) throw new UsageError(`${arg}: no such file or folder.`);
      else
        throw new UsageError(
          `${arg}: not a prompt file (.prompt, .yaml, .yml), a folder of them, or a .ts/.js module.`,
        );
    }
    const prompts = await Promise.all(files.map((f) => loadPrompt(f)));
    const byFile = files.map((f) => basename(f, extname(f)));
    const names = new Set(byFile).size === byFile.length ? byFile : prompts.map((p) => p.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) {
      throw new UsageError(
        `Two variants would both be named "${twice}".`,
        "Rename one file, or give each prompt its own name.",
      );
    }
    variants = Object.fromEntries(names.map((n, i) => [n, prompts[i]!]));
  }
  const names = Object.keys(variants);
  if (names.length < 2) {
    throw new UsageError(
      `compare needs at least two variants, got ${names.length}${names.length ? ` (${names.join(", ")})` : ""}.`,
      "Pass two or more prompt files, a folder of them, or one .ts/.js module exporting { name: prompt | function }.",
    );
  }
  return variants;
}

async function loadModule(file: string): Promise<Record<string, VariantLike>> {
  const hint =
    "Export the variants as the default export (or `export const variants`): { name: prompt | (input) => output }.";
  let mod: Record<string, unknown>;
  try {
    mod = await import(/* @vite-ignore */ pathToFileURL(resolve(file)).href);
  } catch (error) {
    throw new UsageError(`${file} could not be imported: ${(error as Error).message}`, hint);
  }
  const isRecord = (v: unknown): v is Record<string, VariantLike> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  const found = isRecord(mod.default) ? mod.default : mod.variants;
  if (!isRecord(found)) throw new UsageError(`${file} exports no variants.`, hint);
  return found;
}

/** Records of these variants already in the records file (a resumed run reuses them). */
async function savedRecords(options: CompareOptions, names: readonly string[]): Promise<number> {
  if (!options.recordsFile) return 0;
  const runs = options.runs ?? 1;
  return (await readRecords(options.recordsFile)).filter((r) => names.includes(r.variant) && r.run < runs)
    .length;
}

async function dryRun(
  variants: Record<string, VariantLike>,
  data: string,
  options: CompareOptions,
  json: boolean,
  io: Io,
): Promise<number> {
  const e = await estimateCompare(variants, data, options);
  const names = Object.keys(variants);
  const runs = options.runs ?? 1;
  const saved = await savedRecords(options, names);
  if (json) {
    io.write(`${JSON.stringify({ dryRun: true, ...e, alreadySaved: saved }, null, 2)}\n`);
    return EXIT.ok;
  }
  const c = colors(io);
  const inputs = e.calls / (names.length * runs);
  const tokens = (n: number) => `~${n.toLocaleString("en-US")}`;
  io.out(`${c.bold("Dry run")}: nothing was called.`);
  io.out(
    `${plural(e.calls, "call")} (${plural(names.length, "variant")} × ${plural(inputs, "input")} × ${plural(runs, "run")})`,
  );
  io.out(`tokens: ${tokens(e.inputTokens)} in, ${tokens(e.outputTokens)} out at most`);
  io.out(
    `cost: ${e.costUsd === null ? "unknown (a model without a known price, or function variants)" : `~${money(e.costUsd)}`}`,
  );
  for (const [name, v] of Object.entries(e.byVariant)) {
    io.out(
      c.dim(
        `  ${name}: ${plural(v.calls, "call")}, ${tokens(v.inputTokens)} in, ${tokens(v.outputTokens)} out, ${v.costUsd === null ? "cost unknown" : `~${money(v.costUsd)}`}`,
      ),
    );
  }
  if (saved > 0)
    io.out(`${saved} of these calls are already in ${options.recordsFile} and will not be repeated.`);
  return EXIT.ok;
}

/** The metric the prompt files name in `metadata.metric`, when they all name the same one. */
function metricOfPrompts(variants: Record<string, unknown>): string | undefined {
  const named = new Set<string>();
  for (const v of Object.values(variants)) {
    if (!isPrompt(v)) return undefined;
    const m = v.metadata.metric;
    if (typeof m !== "string") return undefined;
    named.add(m);
  }
  return named.size === 1 ? [...named][0] : undefined;
}
