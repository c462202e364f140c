import type { OptunaBridgeError } from "../../errors/optuna-bridge-error.js";
import type { OptunaNotInstalledError } from "../../errors/optuna-not-installed-error.js";
import { BridgeProcess } from "./bridge-process.js";
import { resolvePython } from "./options.js";

export type OptunaAvailability =
  | { ok: true; version: string; python: string }
  | { ok: false; error: OptunaNotInstalledError | OptunaBridgeError };

/**
 * Whether the Optuna sampler can run: starts the bridge's Python (the `python` option,
 * FLOWPROMPT_PYTHON, /usr/bin/python3 or python3), imports optuna and stops it. Never throws, so an
 * optimizer can fall back to the native TPE sampler with a warning.
 */
export async function optunaAvailable(
  options: { python?: string; timeoutMs?: number } = {},
): Promise<OptunaAvailability> {
  const python = resolvePython(options.python);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const proc = new BridgeProcess(python, timeoutMs, timeoutMs);
  try {
    const hello = await proc.ready;
    return { ok: true, version: hello.version, python };
  } catch (error) {
    return { ok: false, error: error as OptunaNotInstalledError | OptunaBridgeError };
  } finally {
    await proc.close();
  }
}
