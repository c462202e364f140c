import type { Command } from "commander";
import type { Middleware } from "../core/middleware.js";
import type { Prompt } from "../core/prompt.js";
import { UsageError } from "./usage-error.js";

const KINDS = ["image", "pdf", "audio", "video"] as const;
type Kind = (typeof KINDS)[number];

const repeatable = (value: string, previous: string[] = []) => [...previous, value];

/** `--image`, `--pdf`, `--audio`, `--video` `[var=]path` (repeatable). */
export function withMediaOptions(command: Command): Command {
  return command
    .option("--image <[var=]path>", "an image for a {{media url=var}} of the prompt (repeatable)", repeatable)
    .option(
      "--pdf <[var=]path>",
      "a PDF (sent as a file, or as its text to models that cannot read PDFs)",
      repeatable,
    )
    .option("--audio <[var=]path>", "an audio file (wav, mp3, m4a, ogg, flac)", repeatable)
    .option(
      "--video <[var=]path>",
      "a video (sent as frames with timestamps to models that cannot take video)",
      repeatable,
    );
}

/**
 * Loads the media flags into variables: `var=path` names the variable; a bare path takes the next
 * media variable of the prompt not given yet. With any media, the run gets the multimodal
 * middleware (PDFs become text and videos frames for models that cannot take them).
 */
export async function collectMedia(
  prompt: Prompt,
  opts: Partial<Record<Kind, string[]>>,
  vars: Record<string, unknown>,
): Promise<{ vars: Record<string, unknown>; middleware: Middleware[] }> {
  const given = KINDS.flatMap((kind) => (opts[kind] ?? []).map((arg) => ({ kind, arg })));
  if (given.length === 0) return { vars, middleware: [] };
  const { loadMedia, multimodal } = await import("../multimodal/index.js");
  const free = prompt.mediaVariables.filter((v) => !(v in vars));
  const out = { ...vars };
  for (const { kind, arg } of given) {
    const eq = arg.indexOf("=");
    let name = eq > 0 && /^[\w.]+$/.test(arg.slice(0, eq)) ? arg.slice(0, eq) : undefined;
    const path = name === undefined ? arg : arg.slice(eq + 1);
    if (name === undefined) {
      name = free.find((v) => !(v in out));
      if (name === undefined) {
        throw new UsageError(
          `--${kind} ${arg}: the prompt has no {{media url=…}} variable left for it.`,
          `Name one: --${kind} <var>=${path}; the prompt places media with: ${prompt.mediaVariables.join(", ") || "none"}.`,
        );
      }
    }
    out[name] = await loadMedia(path, { expect: kind === "pdf" ? "pdf" : kind });
  }
  return { vars: out, middleware: [multimodal({ fallback: { pdf: "text", video: "frames" } })] };
}
