import { TemplateError } from "../errors/template-error.js";
import { analyzeProgram, emptyAnalysis, type TemplateAnalysis } from "./analyze.js";
import { COMPILE_OPTIONS, hbs } from "./engine.js";
import { fastRenderer } from "./fast.js";

export interface TemplateLocation {
  prompt: string;
  file?: string | undefined;
  /** 1-based line of the file where this template starts (1 for code). */
  line?: number | undefined;
  /** Names what this template is ("system", "user", "messages.2") in messages. */
  part: string;
}

export interface CompiledTemplate {
  source: string;
  location: TemplateLocation;
  analysis: TemplateAnalysis;
  render(vars: Record<string, unknown>, partials: Record<string, HandlebarsTemplateDelegate>): string;
}

type HandlebarsTemplateDelegate = (
  context: unknown,
  options?: { partials?: Record<string, unknown> },
) => string;

/** Parses and compiles a template once; errors name the prompt, the file and the line. */
export function compileTemplate(source: string, location: TemplateLocation): CompiledTemplate {
  let program: hbs.AST.Program;
  try {
    program = hbs.parse(source);
  } catch (cause) {
    throw templateSyntaxError(cause, location);
  }
  const analysis = source.includes("{{") ? analyzeProgram(program) : emptyAnalysis();
  if (!source.includes("{{")) {
    return { source, location, analysis, render: () => source };
  }
  const fn = hbs.compile(program, COMPILE_OPTIONS) as HandlebarsTemplateDelegate;
  const fast = fastRenderer(program);
  return {
    source,
    location,
    analysis,
    render(vars, partials) {
      if (fast) {
        const out = fast(vars);
        if (out !== null) return out;
      }
      try {
        return fn(vars, { partials });
      } catch (cause) {
        throw new TemplateError(cause instanceof Error ? cause.message : String(cause), locOf(location), {
          cause,
        });
      }
    },
  };
}

function locOf(location: TemplateLocation, relLine?: number, column?: number) {
  const base = location.line ?? 1;
  return {
    prompt: location.prompt,
    file: location.file,
    line: relLine === undefined ? (location.file ? base : undefined) : base + relLine - 1,
    column,
  };
}

/** Maps a template-relative line to a file line. */
export function fileLine(location: TemplateLocation, relLine: number): number {
  return (location.line ?? 1) + relLine - 1;
}

function templateSyntaxError(cause: unknown, location: TemplateLocation): TemplateError {
  const message = cause instanceof Error ? cause.message : String(cause);
  // Handlebars: "Parse error on line 3:\n…" or "… - 3:12"
  const m = /line (\d+)/.exec(message) ?? /- (\d+):(\d+)/.exec(message);
  const rel = m ? Number(m[1]) : undefined;
  const col = m?.[2] !== undefined ? Number(m[2]) + 1 : undefined;
  const firstLine = message.split("\n").filter((l) => l.trim() !== "")[0] ?? message;
  const detail = message.includes("Expecting") ? message.split("\n").slice(-1)[0] : firstLine;
  return new TemplateError(`${location.part}: ${detail}`, locOf(location, rel, col), { cause });
}
