import type { DatasetRow } from "../../core/ports.js";
import { definePrompt } from "../../core/prompt.js";
import type { ModelLike } from "../../core/types.js";
import { answerText, escapeTemplate, unescapeTemplate } from "../program.js";
import type { CallOutcome } from "../run/calls.js";
import type { RowResult } from "../run/evaluator.js";
import { pick } from "../run/sample.js";
import type { OptimizerContext } from "../types.js";

/** Tips that vary the proposals (as MIPRO's "tips"): each proposal gets one, in turn. */
export const PROPOSAL_TIPS: readonly string[] = [
  "Be explicit about the output format: say exactly what the answer must look like.",
  "Name every allowed answer or label, so the model never invents one.",
  "Ask the model to reason step by step before it gives the final answer.",
  "Be precise about formats of dates, numbers and names in the answer.",
  "Keep the instruction short and direct.",
  "Describe the task as an expert in this domain would.",
  "Mention the hard cases the data shows, and how to handle them.",
  "",
];

const PROPOSER = definePrompt({
  name: "flowprompt.optimize.propose",
  system:
    "You are an expert prompt engineer. You write the instruction (the system prompt) that tells a " +
    "language model how to do a task as well as possible.",
  user: [
    "Task: {{task}}",
    "",
    "Current instruction:",
    "{{current}}",
    "",
    "Data summary:",
    "{{summary}}",
    "",
    "Examples:",
    "{{examples}}",
    "",
    "{{#if tip}}Tip: {{tip}}{{/if}}",
    "",
    "Write a new instruction for this task. Reply with the instruction only.",
  ].join("\n"),
  params: { temperature: 1 },
});

const REFLECTOR = definePrompt({
  name: "flowprompt.optimize.reflect",
  system:
    "You are an expert prompt engineer. You read how a language model did on some examples, with " +
    "feedback on each, and improve the instruction it was given.",
  user: [
    "Current instruction:",
    "{{current}}",
    "",
    "Examples where the model was given this instruction, with its output and feedback:",
    "{{examples}}",
    "",
    "Write an improved instruction that fixes these failures and keeps what works. Reply with the instruction only.",
  ].join("\n"),
  params: { temperature: 1 },
});

function inputText(input: unknown): string {
  if (typeof input === "string") return input;
  if (typeof input === "object" && input !== null) {
    const values = Object.values(input as Record<string, unknown>);
    if (values.length === 1 && typeof values[0] === "string") return values[0];
  }
  return JSON.stringify(input);
}

/** A short, computed description of the data (what DSPy asks a model for, made here for free). */
export function dataSummary(rows: readonly DatasetRow[]): string {
  const first = rows[0]?.input;
  const fields = typeof first === "object" && first !== null ? Object.keys(first).join(", ") : typeof first;
  const lengths = rows.map((r) => inputText(r.input).length).sort((a, b) => a - b);
  const lines = [
    `${rows.length} examples; input fields: ${fields}; input length ${lengths[0]}–${lengths[lengths.length - 1]} characters (median ${lengths[Math.floor(lengths.length / 2)]}).`,
  ];
  const answers = new Map<string, number>();
  for (const r of rows) {
    const a = answerText(r.expected);
    answers.set(a, (answers.get(a) ?? 0) + 1);
  }
  if (answers.size <= 12 && answers.size < rows.length) {
    const counts = [...answers].sort((a, b) => b[1] - a[1]).map(([a, n]) => `${a} (${n})`);
    lines.push(`The expected answers are one of: ${counts.join(", ")}.`);
  } else if (typeof rows[0]?.expected === "object" && rows[0]?.expected !== null) {
    lines.push(
      `The expected answers are JSON objects with the fields ${Object.keys(rows[0].expected as object).join(", ")}.`,
    );
  }
  const categories = new Set(rows.map((r) => r.category).filter((c) => c !== undefined));
  if (categories.size > 1) lines.push(`Categories of examples: ${[...categories].join(", ")}.`);
  return lines.join("\n");
}

function exampleBlock(rows: readonly DatasetRow[]): string {
  return rows.map((r) => `Input: ${inputText(r.input)}\nExpected: ${answerText(r.expected)}`).join("\n\n");
}

/** Turns a model's reply into an instruction template: unquoted, trimmed, with template syntax escaped. */
export function toInstruction(reply: unknown): string | undefined {
  const text = typeof reply === "string" ? reply : undefined;
  if (text === undefined) return undefined;
  const clean = text
    .trim()
    .replace(/^(new |improved )?instruction:\s*/i, "")
    .replace(/^["'`]+|["'`]+$/g, "")
    .trim();
  return clean === "" ? undefined : escapeTemplate(clean);
}

/** The proposer: the one asked for, else the task model (the `model` option, else the prompt's). */
function proposerModel(ctx: OptimizerContext): ModelLike | undefined {
  return ctx.settings.proposer ?? ctx.settings.model ?? ctx.base.model;
}

/** The instruction in a call's outcome; a failure is noted once per kind of error. */
function instructionOf(
  ctx: OptimizerContext,
  got: CallOutcome<string>,
  seen: Set<string>,
): string | undefined {
  if ("output" in got) return toInstruction(got.output);
  if (!seen.has(got.error.code)) {
    seen.add(got.error.code);
    ctx.note(`a proposer call failed (${got.error.code}): ${got.error.message}`);
  }
  return undefined;
}

/**
 * Asks the proposer for `count` instructions, each grounded in the task, the data summary, a few
 * labelled examples and one tip (in turn). Each proposal is memoised, so a resumed run pays nothing.
 */
export async function proposeInstructions(
  ctx: OptimizerContext,
  count: number,
  options: {
    examples?: number;
    tag?: string;
    /** The instruction to improve on (default: the base prompt's). */
    current?: string;
    /** A tip for every proposal instead of the rotating ones (refinement says how the current one scored). */
    tip?: string;
  } = {},
): Promise<string[]> {
  const summary = dataSummary(ctx.train);
  const current = unescapeTemplate(options.current ?? ctx.baseProgram.instruction ?? "(none)");
  const task = ctx.base.description ?? ctx.base.name;
  const out: string[] = [];
  const model = proposerModel(ctx);
  const seen = new Set<string>();
  for (let i = 0; i < count && !ctx.done(); i++) {
    const picked = pick(ctx.train, options.examples ?? 3, ctx.seed * 31 + i);
    const tip = options.tip ?? PROPOSAL_TIPS[i % PROPOSAL_TIPS.length]!;
    const vars = { task, current, summary, examples: exampleBlock(picked), tip };
    const got = await ctx.call<string>(`propose:${options.tag ?? ""}:${i}`, () =>
      PROPOSER.execute(vars, {
        params: { seed: ctx.seed * 1000 + i },
        ...(model !== undefined && { model }),
        ...signalOf(ctx),
      }),
    );
    const instruction = instructionOf(ctx, got, seen);
    if (instruction !== undefined && !out.includes(instruction)) out.push(instruction);
  }
  return out;
}

/** Asks the reflection model for an instruction that fixes the failures shown (GEPA's reflective mutation). */
export async function reflect(
  ctx: OptimizerContext,
  current: string | undefined,
  rows: readonly DatasetRow[],
  results: readonly RowResult[],
  key: string,
): Promise<string | undefined> {
  const examples = rows
    .map((row, i) => {
      const r = results[i]!;
      const output = r.error ? `(failed: ${r.error.message})` : answerText(r.output);
      const feedback =
        r.feedback ??
        (r.score >= 1
          ? "Correct."
          : `Wrong: the expected answer is ${answerText(row.expected)}, the output was ${output}.`);
      return `Input: ${inputText(row.input)}\nOutput: ${output}\nExpected: ${answerText(row.expected)}\nFeedback: ${feedback}`;
    })
    .join("\n\n");
  const model = ctx.settings.reflection ?? proposerModel(ctx);
  const got = await ctx.call<string>(`reflect:${key}`, () =>
    REFLECTOR.execute(
      { current: current === undefined ? "(none)" : unescapeTemplate(current), examples },
      { params: { seed: hashSeed(key) }, ...(model !== undefined && { model }), ...signalOf(ctx) },
    ),
  );
  return instructionOf(ctx, got, new Set());
}

function signalOf(ctx: OptimizerContext): { signal?: AbortSignal } {
  return ctx.signal ? { signal: ctx.signal } : {};
}

function hashSeed(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h >>> 0;
}
