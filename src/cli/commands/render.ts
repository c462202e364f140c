import type { Command } from "commander";
import { loadPrompt } from "../../files/index.js";
import { colors, EXIT, type Io } from "../output.js";
import { collectVars, withVarOptions } from "../vars.js";
import { formatMessages, readHistory } from "./shared.js";

export function renderCommand(program: Command, io: Io, done: (code: number) => void): void {
  withVarOptions(
    program
      .command("render")
      .description("print the chat messages a prompt file renders to (no model, no key)"),
  )
    .option("--json", "print JSON")
    .action(async (file: string, opts) => {
      const prompt = await loadPrompt(file);
      const vars = collectVars(opts);
      const history = readHistory(opts.history);
      const messages = prompt.messages(vars, { ...(history && { history }) });
      if (opts.json)
        io.out(
          JSON.stringify(
            { prompt: prompt.name, version: prompt.version, hash: prompt.hash, messages },
            null,
            2,
          ),
        );
      else io.out(formatMessages(messages, colors(io)));
      done(EXIT.ok);
    });
}
