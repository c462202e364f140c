import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { UsageError } from "./usage-error.js";

/**
 * Collects variables from `--var k=v` (a string; `k=@file` reads a file), `--json-var k=<json>`
 * and `--vars file.json`. Later flags win.
 */
export function collectVars(opts: {
  var?: string[];
  jsonVar?: string[];
  vars?: string;
}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (opts.vars) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(opts.vars, "utf8"));
    } catch (e) {
      throw new UsageError(
        `--vars ${opts.vars}: ${(e as Error).message}`,
        "Give a JSON file holding an object.",
      );
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new UsageError(`--vars ${opts.vars}: expected a JSON object of variables.`);
    }
    Object.assign(out, parsed);
  }
  for (const item of opts.var ?? []) {
    const [k, v] = split(item, "--var");
    out[k] = v.startsWith("@") ? readVarFile(k, v.slice(1)) : v;
  }
  for (const item of opts.jsonVar ?? []) {
    const [k, v] = split(item, "--json-var");
    try {
      out[k] = JSON.parse(v);
    } catch (e) {
      throw new UsageError(
        `--json-var ${k}: ${(e as Error).message}`,
        `Example: --json-var ${k}='["a","b"]'`,
      );
    }
  }
  return out;
}

function split(item: string, flag: string): [string, string] {
  const eq = item.indexOf("=");
  if (eq <= 0) throw new UsageError(`${flag} "${item}" is not name=value.`, `Example: ${flag} name=Ada`);
  return [item.slice(0, eq), item.slice(eq + 1)];
}

function readVarFile(name: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`--var ${name}=@${path}: ${(e as Error).message}`);
  }
}

export function repeatable(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The options that give a prompt its variables and history, shared by `render` and `run`. */
export function withVarOptions(command: Command): Command {
  return command
    .argument("<file>", "a .prompt or .yaml prompt file")
    .option("--var <name=value>", "a variable (repeatable; name=@path reads a file)", repeatable)
    .option("--json-var <name=json>", "a variable given as JSON (repeatable)", repeatable)
    .option("--vars <file.json>", "variables from a JSON file")
    .option("--history <file.json>", "earlier turns: a JSON array of { role, content }");
}
