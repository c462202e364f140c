import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** Why the Optuna bridge failed a request. */
export type OptunaBridgeFailure =
  /** The Python process ended (killed, crashed, exited) while requests were pending or before it started. */
  | "exit"
  /** A request got no answer within `timeoutMs` (the process is then killed and restarted on the next call). */
  | "timeout"
  /** The process crashed more often than the restart limit allows; the sampler gave up. */
  | "gave-up"
  /** Python raised an unexpected exception while handling the request. */
  | "python"
  /** The sampler was used after close(). */
  | "closed";

export interface OptunaBridgeErrorDetails {
  /** The request that failed ("ask", "tell", …), if any. */
  op?: string;
  exitCode?: number | null;
  signal?: string | null;
  /** The last lines the Python process wrote to stderr. */
  stderr?: string;
}

const HINTS: Record<OptunaBridgeFailure, string> = {
  exit: "The Optuna sampler restarts its Python process on the next call and reloads the study; retry the call. The last stderr lines above say why it ended.",
  timeout:
    "Raise the sampler's `timeoutMs` if the study is large or the storage slow; the process was killed and restarts on the next call.",
  "gave-up":
    "Python kept crashing: run the stderr lines above down, or use the native TPE sampler (`--sampler tpe`).",
  python:
    "This is likely a bug in the bridge or an Optuna version it does not support (it needs Optuna 3.x or later).",
  closed: "Make a new sampler; a closed one cannot be used again.",
};

/** The Python process behind the Optuna sampler failed: it crashed, timed out, or raised. */
export class OptunaBridgeError extends FlowPromptError {
  static readonly code = "FP_OPTUNA_BRIDGE";
  readonly failure: OptunaBridgeFailure;
  readonly op: string | undefined;
  readonly exitCode: number | null | undefined;
  readonly signal: string | null | undefined;
  readonly stderr: string | undefined;

  constructor(failure: OptunaBridgeFailure, message: string, details: OptunaBridgeErrorDetails = {}) {
    const tail = details.stderr ? `\nLast stderr lines of the Python process:\n${details.stderr}` : "";
    super(OptunaBridgeError.code, `Optuna bridge: ${message}${tail}`, { hint: HINTS[failure] });
    this.name = "OptunaBridgeError";
    this.failure = failure;
    this.op = details.op;
    this.exitCode = details.exitCode;
    this.signal = details.signal;
    this.stderr = details.stderr;
  }

  static override isInstance(error: unknown): error is OptunaBridgeError {
    return hasCode(error, OptunaBridgeError.code);
  }
}
