import type { Command } from "commander";
import { modelIdOf } from "../../core/model-registry.js";
import type { ModelLike, SingleModel } from "../../core/types.js";
import { loadPrompts } from "../../files/index.js";
import { colors, EXIT, type Io } from "../output.js";

export function listCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command("list")
    .description("list the prompts in a folder: name, versions, variables, model, file")
    .argument("[dir]", "folder of .prompt / .yaml files", ".")
    .option("--json", "print JSON")
    .action(async (dir: string, opts) => {
      const registry = await loadPrompts(dir, { strict: false });
      const rows = registry.list().map((row) => {
        const p = registry.get(row.name);
        const model = p.model === undefined ? "" : describeModel(p.model);
        return {
          ...row,
          latest: p.version,
          hash: p.hash,
          variables: p.variables,
          optionalVariables: p.optionalVariables,
          model,
          output: p.output ? "json" : "text",
        };
      });
      if (opts.json) {
        io.out(JSON.stringify({ prompts: rows, errors: registry.errors.map((e) => e.toJSON()) }, null, 2));
      } else {
        const c = colors(io);
        if (rows.length === 0) io.out(`No prompt files in ${dir}.`);
        for (const r of rows) {
          const versions = r.versions.length > 1 ? ` (versions ${r.versions.join(", ")})` : "";
          io.out(`${c.bold(r.name)}@${r.latest}${versions}  ${c.dim(r.file)}`);
          const vars = [...r.variables, ...r.optionalVariables.map((v) => `${v}?`)];
          io.out(
            `  vars: ${vars.join(", ") || "none"} · output: ${r.output}${r.model ? ` · model: ${r.model}` : ""} · #${r.hash}`,
          );
        }
        if (registry.errors.length > 0) {
          io.err(
            c.yellow(
              `${registry.errors.length} file(s) could not be loaded; run \`flowprompt validate ${dir}\`.`,
            ),
          );
        }
      }
      done(registry.errors.length > 0 ? EXIT.failed : EXIT.ok);
    });
}

function describeModel(model: ModelLike): string {
  if (Array.isArray(model)) return (model as readonly SingleModel[]).map(describeModel).join(" → ");
  const single = model as SingleModel;
  return typeof single === "string" ? single : modelIdOf(single);
}
