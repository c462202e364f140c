import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { type Command, Option } from "commander";
import type { ExperimentStore } from "../../core/ports.js";
import {
  assertTransition,
  type ExperimentStatus,
  ExperimentStatusError,
  loadExperimentConfig,
} from "../../experiments/config/index.js";
import { createExperiment } from "../../experiments/runtime/index.js";
import {
  renderExperimentHtml,
  renderExperimentJson,
  renderExperimentMarkdown,
  renderExperimentTerminal,
} from "../../report/experiment/index.js";
import { colors, EXIT, type Io, reportError } from "../output.js";
import { UsageError } from "../usage-error.js";
import { buildReport, findExperiment, openStore, storedVariants, withStore } from "./experiment-store.js";

type Done = (code: number) => void;
type Action = (store: ExperimentStore, where: string) => Promise<void>;

/** Opens the store the flags name, runs the action, closes the store; lifecycle mistakes exit 2. */
async function withOpenStore(io: Io, self: Command, done: Done, action: Action): Promise<void> {
  const { store, where } = openStore(self.opts());
  try {
    await action(store, where);
    done(EXIT.ok);
  } catch (error) {
    if (!ExperimentStatusError.isInstance(error)) throw error;
    reportError(io, error, self.optsWithGlobals().debug === true);
    done(EXIT.usage);
  } finally {
    await store.close();
  }
}

const pctOf = (w: number) => `${Math.round(w * 1000) / 10}%`;
const when = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 16);

/** `flowprompt experiment create|start|pause|complete|status|list|report`. */
export function experimentCommand(program: Command, io: Io, done: Done): void {
  const c = colors(io);
  const exp = program
    .command("experiment")
    .description("online experiments in a store: create, start, pause, complete, status, list, report");

  withStore(exp.command("create").argument("<config>", "experiment config (.yaml, .yml or .json)"))
    .description("validate an experiment config and save it as a draft")
    .action(async (file: string, _opts, self: Command) =>
      withOpenStore(io, self, done, async (store, where) => {
        const loaded = await loadExperimentConfig(file);
        const existing = await store.getExperiment(loaded.id);
        if (existing) {
          throw new UsageError(
            `experiment ${JSON.stringify(loaded.id)} already exists in ${where} (${existing.status}).`,
            "Give the new experiment another id, or use another --store.",
          );
        }
        const { control: _control, ...config } = loaded;
        const experiment = await createExperiment(config, { store });
        const variants = experiment.config.variants
          .map((v) => `${v.name}${v.control ? " (control)" : ""} ${pctOf(v.weight)}`)
          .join(", ");
        io.out(`${c.green("created")} ${experiment.id} (draft) in ${where}: ${variants}`);
        io.out(c.dim(`Start it with: flowprompt experiment start ${experiment.id}`));
      }),
    );

  const move = (name: string, to: ExperimentStatus, what: string) =>
    withStore(exp.command(name).argument("<id>", "experiment id"))
      .description(what)
      .action(async (id: string, _opts, self: Command) =>
        withOpenStore(io, self, done, async (store, where) => {
          const e = await findExperiment(store, id, where);
          assertTransition(id, e.status, to);
          await store.saveExperiment({ ...e, status: to, updatedAt: Date.now() });
          io.out(`${id}: ${e.status} → ${c.bold(to)}`);
        }),
      );
  move("start", "running", "start (or resume) an experiment: draft or paused → running");
  move("pause", "paused", "pause a running experiment");

  withStore(exp.command("complete").argument("<id>", "experiment id"))
    .description("complete an experiment, recording the winner when there is one")
    .option("--winner <variant>", "the winning variant")
    .action(async (id: string, opts: { winner?: string }, self: Command) =>
      withOpenStore(io, self, done, async (store, where) => {
        const e = await findExperiment(store, id, where);
        const names = storedVariants(e).map((v) => v.name);
        if (opts.winner !== undefined && !names.includes(opts.winner)) {
          throw new UsageError(
            `--winner ${opts.winner}: not a variant of ${id}. Variants: ${names.join(", ")}.`,
          );
        }
        assertTransition(id, e.status, "completed");
        await store.saveExperiment({
          ...e,
          status: "completed",
          updatedAt: Date.now(),
          ...(opts.winner !== undefined ? { winner: opts.winner } : {}),
        });
        io.out(`${id}: ${e.status} → ${c.bold("completed")}${opts.winner ? ` (winner ${opts.winner})` : ""}`);
      }),
    );

  withStore(exp.command("status").argument("<id>", "experiment id"))
    .description("status, variants, exposures and the recommendation in one line")
    .action(async (id: string, _opts, self: Command) =>
      withOpenStore(io, self, done, async (store, where) => {
        const s = await buildReport(store, await findExperiment(store, id, where));
        const e = s.experiment;
        io.out(
          `${c.bold(id)}  ${e.status}${e.winner ? ` (winner ${e.winner})` : ""}  updated ${when(e.updatedAt)}`,
        );
        for (const v of s.variants) {
          io.out(
            `  ${v.name}${v.control ? " (control)" : ""}  weight ${pctOf(v.weight)}  ${v.exposures} exposures`,
          );
        }
        if (s.analysis.srm.flagged)
          io.out(c.red("  ⚠ sample ratio mismatch: see `flowprompt experiment report`"));
        io.out(`recommendation: ${s.analysis.recommendation}`);
      }),
    );

  withStore(exp.command("list"))
    .description("every experiment in the store")
    .action(async (_opts, self: Command) =>
      withOpenStore(io, self, done, async (store, where) => {
        const all = await store.listExperiments();
        if (all.length === 0) {
          io.out(`no experiments in ${where}`);
          return;
        }
        const rows = await Promise.all(
          all.map(async (e) => {
            const s = await buildReport(store, e);
            const exposures = s.variants.reduce((n, v) => n + v.exposures, 0);
            const names = s.variants.map((v) => v.name).join(", ");
            return [e.id, e.status, names, String(exposures), when(e.updatedAt)];
          }),
        );
        const header = ["id", "status", "variants", "exposures", "updated"];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const line = (r: string[]) =>
          r.map((t, i) => (i === 3 ? t.padStart(widths[i]!) : t.padEnd(widths[i]!))).join("  ");
        io.out(c.dim(line(header).trimEnd()));
        for (const r of rows) io.out(line(r).trimEnd());
      }),
    );

  withStore(exp.command("report").argument("<id>", "experiment id"))
    .description("the analysis: per metric and variant, comparisons, SRM, the recommendation")
    .option("--json", "print the JSON report on stdout")
    .option("--markdown [path]", "print the Markdown report on stdout, or write it to path")
    .option("--html <path>", "write the self-contained HTML report to path")
    .addOption(
      new Option("--method <method>", "analysis method (default sequential, always-valid)").choices([
        "sequential",
        "fixed",
        "bayesian",
      ]),
    )
    .action(async (id: string, opts: ReportFlags, self: Command) =>
      withOpenStore(io, self, done, async (store, where) => {
        if ([opts.json, opts.markdown, opts.html].filter((x) => x !== undefined).length > 1) {
          throw new UsageError("--json, --markdown and --html: pass one of them.");
        }
        const s = await buildReport(store, await findExperiment(store, id, where), opts.method);
        if (opts.json) io.write(renderExperimentJson(s));
        else if (opts.html !== undefined) await save(io, opts.html, renderExperimentHtml(s), "HTML");
        else if (typeof opts.markdown === "string")
          await save(io, opts.markdown, renderExperimentMarkdown(s), "Markdown");
        else if (opts.markdown) io.write(renderExperimentMarkdown(s));
        else io.write(renderExperimentTerminal(s, { color: io.color }));
      }),
    );
}

interface ReportFlags {
  json?: boolean;
  markdown?: boolean | string;
  html?: string;
  method?: "sequential" | "fixed" | "bayesian";
}

async function save(io: Io, path: string, text: string, what: string): Promise<void> {
  const file = resolve(path);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
  io.err(`${what} report written to ${path}`);
}
