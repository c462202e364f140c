import pc from "picocolors";
import { FlowPromptError } from "../core/errors/flowprompt-error.js";

/** Where the CLI writes; tests swap it for buffers. */
export interface Io {
  /** A line on stdout (a newline is added when missing). */
  out(text: string): void;
  /** A line on stderr (a newline is added when missing). */
  err(text: string): void;
  /** Text on stdout exactly as given, no newline added (streamed deltas). */
  write(text: string): void;
  /** Colours only on a TTY (and never with NO_COLOR). */
  color: boolean;
}

/**
 * Whether to colour: never with NO_COLOR (any non-empty value), always with FORCE_COLOR (unless
 * "0" or "false"), otherwise only when stdout is a terminal that is not "dumb".
 */
export function shouldColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return isTTY && env.TERM !== "dumb";
}

const line = (t: string) => (t.endsWith("\n") ? t : `${t}\n`);

export const processIo: Io = {
  out: (t) => process.stdout.write(line(t)),
  err: (t) => process.stderr.write(line(t)),
  write: (t) => process.stdout.write(t),
  color: shouldColor(process.env, process.stdout.isTTY === true),
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
  "FP_MISSING_API_KEY",
  "FP_PROVIDER_NOT_INSTALLED",
  "FP_MEDIA_READ",
  "FP_MEDIA_UNSUPPORTED",
  "FP_MEDIA_MISMATCH",
  "FP_MEDIA_TOO_LARGE",
  "FP_MEDIA_CORRUPT",
  "FP_PDF_ENCRYPTED",
  "FP_VIDEO_NO_FRAMES",
  "FP_MODALITY_UNSUPPORTED",
]);

/** Library errors give hints in code (`prompt.run({ x })`); on the command line, say it in flags. */
function cliHint(error: FlowPromptError): string | undefined {
  const fields = error as FlowPromptError & { variable?: unknown };
  if (error.code === "FP_MISSING_VARIABLE" && typeof fields.variable === "string") {
    const v = fields.variable;
    return `Pass it: --var ${v}=<text> (or --var ${v}=@file, --json-var ${v}=<json>, --vars file.json).`;
  }
  if (error.code === "FP_UNKNOWN_PROVIDER") {
    return 'Pass --model "provider:model-id" with a known provider, e.g. --model mock for a dry run.';
  }
  return error.hint;
}

/** Prints an error the way users should see it: code, message, hint; a stack only with --debug. */
export function reportError(io: Io, error: unknown, debug: boolean): number {
  const c = colors(io);
  if (FlowPromptError.isInstance(error)) {
    io.err(`${c.red(c.bold(`error[${error.code}]`))} ${error.message}`);
    const hint = cliHint(error);
    if (hint) io.err(`${c.dim("hint:")} ${hint}`);
    if (debug && error.stack) io.err(c.dim(error.stack));
    return INPUT_CODES.has(error.code) ? EXIT.usage : EXIT.failed;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`${c.red(c.bold("error"))} ${message}`);
  if (debug && error instanceof Error && error.stack) io.err(c.dim(error.stack));
  else io.err(c.dim("Run again with --debug to see the stack trace."));
  return EXIT.failed;
}
