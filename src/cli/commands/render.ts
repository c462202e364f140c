import type { Command } from "commander";
import { loadPrompt } from "../../files/index.js";
import { colors, EXIT, type Io } from "../output.js";
import { collectVars, repeatable } from "../vars.js";
import { formatMessages, readHistory } from "./shared.js";

export function renderCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("render")
    .description("print the chat messages a prompt file renders to (no model, no key)")
    .argument("<file>", "a .prompt or .yaml prompt file")
    .option("--var <name=value>", "a variable (repeatable; name=@path reads a file)", repeatable)
    .option("--json-var <name=json>", "a variable given as JSON (repeatable)", repeatable)
    .option("--vars <file.json>", "variables from a JSON file")
    .option("--history <file.json>", "earlier turns: a JSON array of { role, content }")
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
