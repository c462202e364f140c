import type { Command } from "commander";
import { cache, FileCacheStore } from "../../cache/index.js";
import type { Middleware } from "../../core/middleware.js";
import type { Prompt } from "../../core/prompt.js";
import type { RunOptions } from "../../core/run-options.js";
import type { RunResult } from "../../core/types.js";
import { loadPrompt } from "../../files/index.js";
import { collectMedia, withMediaOptions } from "../media-flags.js";
import { colors, EXIT, type Io } from "../output.js";
import { collectVars, withVarOptions } from "../vars.js";
import { formatCost, numberOption, readHistory } from "./shared.js";

export function runCommand(program: Command, io: Io, done: (code: number) => void): void {
  withMediaOptions(
    withVarOptions(
      program.command("run").description("run a prompt file against a model and print the output"),
    ),
  )
    .option("-m, --model <model>", 'model, e.g. "openai:gpt-4o-mini" or "mock" (default: the file\'s)')
    .option("--temperature <n>", "sampling temperature", numberOption())
    .option("--max-output-tokens <n>", "output token limit", numberOption(true))
    .option("--timeout <ms>", "fail after this many milliseconds", numberOption(true))
    .option("--stream", "print text as it arrives")
    .option("--no-cache", "do not read or write the cache")
    .option("--cache-dir <dir>", "cache directory", ".flowprompt/cache")
    .option("--namespace <ns>", 'cache namespace (default "fp"); `cache clear --namespace` drops only it')
    .option("--json", "print the full result as JSON (no streaming)")
    .action(async (file: string, opts) => {
      const prompt = await loadPrompt(file);
      const store = opts.cache ? new FileCacheStore({ dir: opts.cacheDir }) : undefined;
      const middleware: Middleware[] = store
        ? [cache({ store, ...(opts.namespace !== undefined && { namespace: opts.namespace }) })]
        : [];
      const params = {
        ...(opts.temperature !== undefined && { temperature: opts.temperature }),
        ...(opts.maxOutputTokens !== undefined && { maxOutputTokens: opts.maxOutputTokens }),
      };
      const history = readHistory(opts.history);
      const options: RunOptions = {
        ...(opts.model && { model: opts.model }),
        params,
        middleware,
        ...(history && { history }),
        ...(opts.timeout !== undefined && { timeoutMs: opts.timeout }),
      };
      const media = await collectMedia(prompt, opts, collectVars(opts));
      const vars = media.vars;
      middleware.unshift(...media.middleware);
      let result: RunResult;
      if (opts.stream && !opts.json) result = await streamRun(prompt, vars, options, io);
      else {
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

/**
 * Prints text deltas as they arrive. With an output schema the streamed text is the JSON itself,
 * so the validated value is printed again only when it differs from it (after a repair, say).
 */
async function streamRun(
  prompt: Prompt,
  vars: Record<string, unknown>,
  options: RunOptions,
  io: Io,
): Promise<RunResult> {
  const c = colors(io);
  let text = "";
  const endLine = () => {
    if (text && !text.endsWith("\n")) io.write("\n");
  };
  const stream = prompt.stream(vars, options);
  try {
    for await (const event of stream) {
      if (event.type === "text-delta") {
        io.write(event.delta);
        text += event.delta;
      } else if (event.type === "repair") {
        endLine();
        text = "";
        io.err(c.yellow(`The output did not match the schema (${event.issues}); retrying.`));
      }
    }
  } finally {
    endLine();
  }
  const result = await stream.result;
  if (text.trim() !== result.text.trim()) {
    io.out(typeof result.output === "string" ? result.output : JSON.stringify(result.output, null, 2));
  }
  return result;
}
