import type { MetaFeature } from "./meta-features.js";
import type { MetaExample } from "./meta-request.js";
import type { TaskName } from "./tasks/types.js";

/**
 * What a meta-request shows the writer, feature by feature: the signals the documented
 * probabilities (META_WEIGHTS) add up. Each rule is in docs/simulated-model.md.
 */

/** A tip that mentions the output's form points at the format sentence and the labels. */
export const TIP_FORMAT = /\b(formats?|formatting|outputs?|answers?|labels?)\b/i;
/** A tip about reasoning points at step by step and the final answer. */
export const TIP_REASONING = /\b(reason|reasoning|steps?|think|thinking)\b/i;
/** A tip about dates, formats or precision points at the ISO date rule. */
export const TIP_DATES = /\b(dates?|formats?|precise|precision|iso)\b/i;

const TIP_RULES: Record<MetaFeature, RegExp> = {
  labels: TIP_FORMAT,
  format: TIP_FORMAT,
  steps: TIP_REASONING,
  final: TIP_REASONING,
  iso: TIP_DATES,
};

/** Feedback wording that names the problem (besides what output and expected answer show). */
export const FEEDBACK_WORDS: Record<MetaFeature, RegExp> = {
  labels: /\blabels?\b/i,
  iso: /YYYY-MM-DD|\bISO\b|\bdate format\b/i,
  final: /\bfinal answer\b/i,
  steps: /step[ -]by[ -]step|\breasoning\b|\bsteps\b/i,
  format: /\b(format|formatted|prose|one word|single word|only the)\b/i,
};

const LABEL = /\b(positive|negative|neutral)\b/i;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
/** A date written another way: "March 5, 2024", "5 March 2024", "03/05/2024". */
const OTHER_DATE =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/i;
const NUMBER = /-?\d[\d,]*(?:\.\d+)?/g;

/** Whether the tip points at a feature. */
export function tipPoints(tip: string | undefined, feature: MetaFeature): boolean {
  return tip !== undefined && TIP_RULES[feature].test(tip);
}

/** Whether the quoted expected answers show a feature (sentiment: all three labels; extract: an ISO date; math: a number). */
export function examplesShow(
  task: TaskName | undefined,
  examples: readonly MetaExample[],
  feature: MetaFeature,
) {
  const expected = examples.map((e) => e.expected).filter((e) => e !== undefined);
  if (task === "sentiment" && feature === "labels") {
    const seen = new Set(expected.map((e) => LABEL.exec(e)?.[1]?.toLowerCase()));
    return ["positive", "negative", "neutral"].every((l) => seen.has(l));
  }
  if (task === "extract" && feature === "iso") return expected.some((e) => ISO_DATE.test(e));
  if (task === "math" && feature === "final") return expected.some((e) => /\d/.test(e));
  return false;
}

/** The number an answer gives: its JSON `answer` field, a "Final answer:" line, else its last number. */
function numberOf(text: string): number | undefined {
  const json = parseJson(text) as { answer?: unknown } | undefined;
  if (typeof json?.answer === "number") return json.answer;
  const final = /final answer\s*:?\s*(-?\d[\d,]*(?:\.\d+)?)/i.exec(text)?.[1];
  const last = final ?? text.match(NUMBER)?.at(-1);
  return last === undefined ? undefined : Number(last.replaceAll(",", ""));
}

function parseJson(text: string): unknown {
  const t = text.trim().replace(/^```(?:json)?\s*|\s*```$/g, "");
  if (!t.startsWith("{") && !t.startsWith("[")) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

/** Whether an output is prose instead of the answer in the asked form. */
function isProse(task: TaskName | undefined, output: string): boolean {
  const t = output.trim().replace(/[.!]$/, "");
  if (task === "sentiment") return !/^(positive|negative|neutral)$/i.test(t);
  if (task === "extract") return parseJson(t) === undefined;
  if (task === "math") {
    return parseJson(t) === undefined && !/^-?\d[\d,]*(\.\d+)?$/.test(t) && !/^final answer\s*:/im.test(t);
  }
  return false;
}

/**
 * The probability with which a failure's evidence adds a missing feature in a reflection, or 0 when
 * nothing points at it: `feedback` (META_WEIGHTS.feedback) or, for math's wrong number, `wrongNumber`.
 */
export function failurePoints(
  task: TaskName | undefined,
  e: MetaExample,
  feature: MetaFeature,
  w: { feedback: number; wrongNumber: number },
): number {
  if (e.feedback !== undefined && FEEDBACK_WORDS[feature].test(e.feedback)) return w.feedback;
  const { output, expected } = e;
  if (output === undefined) return 0;
  if (feature === "format") return isProse(task, output) ? w.feedback : 0;
  if (expected === undefined) return 0;
  if (task === "sentiment" && feature === "labels") {
    const want = LABEL.exec(expected)?.[1]?.toLowerCase();
    return want !== undefined && LABEL.exec(output)?.[1]?.toLowerCase() !== want ? w.feedback : 0;
  }
  if (task === "extract" && feature === "iso") {
    return ISO_DATE.test(expected) && OTHER_DATE.test(output) ? w.feedback : 0;
  }
  if (task === "math" && (feature === "steps" || feature === "final")) {
    const want = numberOf(expected);
    return want !== undefined && numberOf(output) !== want ? w.wrongNumber : 0;
  }
  return 0;
}
