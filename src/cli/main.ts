import { Command, CommanderError } from "commander";
import "../index.js";
import { analyzeCommand } from "./commands/analyze.js";
import { cacheCommand } from "./commands/cache.js";
import { compareCommand } from "./commands/compare.js";
import { dashboardCommand } from "./commands/dashboard.js";
import { experimentCommand } from "./commands/experiment.js";
import { listCommand } from "./commands/list.js";
import { optimizeCommand } from "./commands/optimize.js";
import { renderCommand } from "./commands/render.js";
import { runCommand } from "./commands/run.js";
import { serveMockCommand } from "./commands/serve-mock.js";
import { validateCommand } from "./commands/validate.js";
import { EXIT, type Io, processIo, reportError } from "./output.js";

const VERSION = "0.1.0";

/** Runs the CLI with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: readonly string[], stdio: Io = processIo): Promise<number> {
  const debug = argv.includes("--debug");
  const io = argv.includes("--no-color") ? { ...stdio, color: false } : stdio;
  let code: number = EXIT.ok;
  const done = (c: number) => {
    code = c;
  };
  const program = new Command("flowprompt")
    .description("Typed, testable LLM prompts: render, run, list and validate prompt files.")
    .version(VERSION)
    .option("--debug", "print stack traces")
    .option("--no-color", "no colours (also: NO_COLOR=1; colours are only used on a terminal)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError("(run with --help for usage)");
  renderCommand(program, io, done);
  runCommand(program, io, done);
  listCommand(program, io, done);
  validateCommand(program, io, done);
  cacheCommand(program, io, done);
  serveMockCommand(program, io, done);
  compareCommand(program, io, done);
  analyzeCommand(program, io, done);
  experimentCommand(program, io, done);
  dashboardCommand(program, io, done);
  optimizeCommand(program, io, done);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    for (const sub of cmd.commands) sub.exitOverride();
  }
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.ok;
      // `flowprompt help` exits 0; a missing command (`flowprompt`, `flowprompt cache`) is bad usage.
      if (error.code === "commander.help") return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return EXIT.usage;
    }
    return reportError(io, error, debug);
  }
}
