import type { Command } from "commander";
import { cache, FileCacheStore } from "../../cache/index.js";
import type { RunResult } from "../../core/types.js";
import { loadPrompt } from "../../files/index.js";
import { colors, EXIT, type Io } from "../output.js";
import { collectVars, repeatable } from "../vars.js";
import { formatCost, readHistory } from "./shared.js";

export function runCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("run")
    .description("run a prompt file against a model and print the output")
    .argument("<file>", "a .prompt or .yaml prompt file")
    .option("--var <name=value>", "a variable (repeatable; name=@path reads a file)", repeatable)
    .option("--json-var <name=json>", "a variable given as JSON (repeatable)", repeatable)
    .option("--vars <file.json>", "variables from a JSON file")
    .option("--history <file.json>", "earlier turns: a JSON array of { role, content }")
    .option("-m, --model <model>", 'model, e.g. "openai:gpt-4o-mini" or "mock" (default: the file\'s)')
    .option("--temperature <n>", "sampling temperature", Number)
    .option("--max-output-tokens <n>", "output token limit", Number)
    .option("--timeout <ms>", "fail after this many milliseconds", Number)
    .option("--stream", "print text as it arrives")
    .option("--no-cache", "do not read or write the cache")
    .option("--cache-dir <dir>", "cache directory", ".flowprompt/cache")
    .option("--json", "print the full result as JSON")
    .action(async (file: string, opts) => {
      const prompt = await loadPrompt(file);
      const middleware = opts.cache ? [cache({ store: new FileCacheStore({ dir: opts.cacheDir }) })] : [];
      const params = {
        ...(opts.temperature !== undefined && { temperature: opts.temperature }),
        ...(opts.maxOutputTokens !== undefined && { maxOutputTokens: opts.maxOutputTokens }),
      };
      const options = {
        ...(opts.model && { model: opts.model }),
        params,
        middleware,
        history: readHistory(opts.history),
        ...(opts.timeout !== undefined && { timeoutMs: opts.timeout }),
      };
      const vars = collectVars(opts) as never;
      let result: RunResult;
      if (opts.stream && !opts.json) {
        const stream = prompt.stream(vars, options);
        let printed = false;
        for await (const delta of stream.textStream) {
          process.stdout.write(delta);
          printed = true;
        }
        result = await stream.result;
        if (printed) io.out("");
        if (prompt.output) io.out(JSON.stringify(result.output, null, 2));
      } else {
        result = await prompt.execute(vars, options);
        if (opts.json) io.out(JSON.stringify(result, null, 2));
        else
          io.out(typeof result.output === "string" ? result.output : JSON.stringify(result.output, null, 2));
      }
      const c = colors(io);
      const u = result.usage;
      io.err(
        c.dim(
          `${result.model} · ${u.inputTokens} in / ${u.outputTokens} out tokens · ${formatCost(result.costUsd)} · ` +
            `${result.latencyMs.toFixed(0)} ms${result.cached ? " · cached" : ""}${result.attempts > 1 ? ` · ${result.attempts} attempts` : ""}`,
        ),
      );
      done(EXIT.ok);
    });
}
