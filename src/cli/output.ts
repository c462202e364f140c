import pc from "picocolors";
import { FlowPromptError } from "../core/errors/flowprompt-error.js";

/** Where the CLI writes; tests swap it for buffers. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colours only on a TTY (and never with NO_COLOR). */
  color: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  color: pc.isColorSupported && process.stdout.isTTY === true,
};

export function colors(io: Io) {
  return pc.createColors(io.color);
}

/** Exit codes: 0 ok, 1 a check or a run failed, 2 bad usage or bad input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const INPUT_CODES = new Set([
  "FP_MISSING_VARIABLE",
  "FP_UNKNOWN_VARIABLE",
  "FP_INVALID_INPUT",
  "FP_TEMPLATE",
  "FP_PROMPT_FILE",
  "FP_UNKNOWN_PROVIDER",
  "FP_INVALID_ARGUMENT",
  "FP_PROMPT_NOT_FOUND",
  "FP_USAGE",
]);

/** Prints an error the way users should see it: code, message, hint; a stack only with --debug. */
export function reportError(io: Io, error: unknown, debug: boolean): number {
  const c = colors(io);
  if (FlowPromptError.isInstance(error)) {
    io.err(`${c.red(c.bold(`error[${error.code}]`))} ${error.message}`);
    if (error.hint) io.err(`${c.dim("hint:")} ${error.hint}`);
    if (debug && error.stack) io.err(c.dim(error.stack));
    return INPUT_CODES.has(error.code) ? EXIT.usage : EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`${c.red(c.bold("error"))} ${message}`);
  if (debug && error instanceof Error && error.stack) io.err(c.dim(error.stack));
  else io.err(c.dim("Run again with --debug to see the stack trace."));
  return EXIT.failed;
}
