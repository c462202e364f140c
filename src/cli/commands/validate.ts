import type { Command } from "commander";
import { loadPrompts } from "../../files/index.js";
import { colors, EXIT, type Io } from "../output.js";

interface Located {
  file?: string;
  line?: number;
  column?: number;
}

export function validateCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("validate")
    .description("check every prompt file in a folder: syntax, schemas, template variables")
    .argument("[dir]", "folder of .prompt / .yaml files", ".")
    .option("--json", "print JSON")
    .action(async (dir: string, opts) => {
      const registry = await loadPrompts(dir, { strict: false });
      const problems = registry.errors.map((e) => {
        const at = e as unknown as Located;
        const line = at.line ?? (at.file ? lineInMessage(e.message, at.file) : undefined);
        const where = at.file ? `${at.file}${line ? `:${line}${at.column ? `:${at.column}` : ""}` : ""}` : "";
        return { where, code: e.code, message: e.message, hint: e.hint };
      });
      if (opts.json) {
        io.out(JSON.stringify({ ok: problems.length === 0, prompts: registry.size, problems }, null, 2));
      } else {
        const c = colors(io);
        for (const p of problems) {
          io.err(`${c.red("✗")} ${c.dim(`[${p.code}]`)} ${p.message}`);
          if (p.hint) io.err(`  ${c.dim(`hint: ${p.hint}`)}`);
        }
        const summary = `${registry.size} prompt${registry.size === 1 ? "" : "s"} valid, ${problems.length} problem${problems.length === 1 ? "" : "s"}`;
        io.out(problems.length === 0 ? `${c.green("✓")} ${summary}` : `${c.red("✗")} ${summary}`);
      }
      done(problems.length === 0 ? EXIT.ok : EXIT.failed);
    });
}

/** Some wrapped errors carry their line only in the message ("… (file:8) …"). */
function lineInMessage(message: string, file: string): number | undefined {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${escaped}:(\\d+)`).exec(message);
  return m ? Number(m[1]) : undefined;
}
