import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolvePython } from "../options.js";

/** The Python the bridge (and the tests' checks with Optuna's own tools) run. */
export const PYTHON = resolvePython();

// Finds optuna without importing it (an import costs ~1 s of CPU per process).
const probe = spawnSync(
  PYTHON,
  ["-c", "import importlib.util as u, sys; sys.exit(0 if u.find_spec('optuna') else 3)"],
  {
    timeout: 20_000,
  },
);

/**
 * Why the Optuna tests are skipped (Python or Optuna missing on this machine), or undefined when
 * they run. In CI they never skip: a missing Optuna fails the run instead.
 */
export const skipReason: string | undefined =
  probe.status === 0
    ? undefined
    : `Optuna tests skipped: ${PYTHON} ${probe.error ? `cannot run (${probe.error.message})` : "has no optuna package"} (sudo apt-get install python3-optuna)`;

if (skipReason) {
  if (process.env.CI) throw new Error(`CI must run the Optuna tests, but ${skipReason}`);
  console.warn(skipReason);
}

/** Optuna's own view of a stored study: its trials as Optuna's load_study sees them. */
export function optunaTrials(
  studyName: string,
  storage: string,
): { number: number; state: string; params: object }[] {
  const code = [
    "import json, sys, optuna",
    "optuna.logging.set_verbosity(optuna.logging.WARNING)",
    "s = optuna.load_study(study_name=sys.argv[1], storage=sys.argv[2])",
    "print(json.dumps([{'number': t.number, 'state': t.state.name, 'params': t.params} for t in s.trials]))",
  ].join("\n");
  return JSON.parse(execFileSync(PYTHON, ["-c", code, studyName, storage], { encoding: "utf8" }));
}

/** Whether the process is gone: not running and not left as a zombie (a zombie keeps its /proc entry). */
export function processGone(pid: number): boolean {
  if (existsSync("/proc/self")) return !existsSync(`/proc/${pid}`);
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
