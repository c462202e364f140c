import { type CallShape, coreMessages, type SimMessage } from "./features.js";
import { fillSchema } from "./fill.js";
import { instructionFeatures, META_FEATURES, type MetaFeature, writeInstruction } from "./meta-features.js";
import {
  type MetaKind,
  type MetaRequest,
  metaKind,
  parseMetaRequest,
  requestContent,
} from "./meta-request.js";
import { examplesShow, failurePoints, tipPoints } from "./meta-signals.js";
import { hashString, unit } from "./random.js";
import type { SimDecision } from "./simulate.js";
import { countKnown, TASKS } from "./tasks/index.js";
import { normalize, type TaskName } from "./tasks/types.js";

/**
 * The probabilities of the simulated proposer and reflection model (docs/simulated-model.md,
 * "Writing instructions"; change them there too).
 *
 * Proposal: each feature of the task independently, P = min(cap, base + tip·[the tip points at it]
 *   + examples·[quoted expected answers show it] + summary·[a data summary is given]).
 * Reflection: a feature of the current instruction is kept with P = keep; a missing one is added with
 *   P = feedback when a failure points at it (math's wrong number: wrongNumber), else base.
 */
export const META_WEIGHTS = {
  base: 0.25,
  tip: 0.3,
  examples: 0.25,
  summary: 0.15,
  cap: 0.95,
  keep: 0.97,
  feedback: 0.8,
  /** A wrong number in a math failure adds step by step and the final answer, each with this P. */
  wrongNumber: 0.6,
} as const;

/** How the task of a meta-request was recognised. */
export type MetaTaskSource = "inputs" | "model" | "keywords" | "none";

/** What the simulator read from a meta-request. */
export interface MetaReading {
  request: MetaRequest;
  task: TaskName | undefined;
  taskFrom: MetaTaskSource;
  /** Hash of the request without repair turns (the same as a task prompt's). */
  promptHash: number;
  repairs: number;
}

/** How the simulator answered a meta-request, and why. */
export interface MetaDecision {
  kind: MetaKind;
  task: TaskName | undefined;
  taskFrom: MetaTaskSource;
  /** The features of the current instruction (reflection; empty for a proposal). */
  current: MetaFeature[];
  /** P(the written instruction carries each feature of the task). */
  probabilities: Partial<Record<MetaFeature, number>>;
  /** Why each probability is what it is ("base", "tip", "examples", "summary", "kept", "feedback"). */
  reasons: Partial<Record<MetaFeature, string[]>>;
  /** The features drawn: the instruction carries exactly these. */
  features: MetaFeature[];
  instruction: string;
}

const SALT = { feature: 101, wording: 102 } as const;
const INFER_ORDER: TaskName[] = ["extract", "math", "sentiment"];

/** Reads a meta-request (undefined: the call is not one); `fixed` is the task of a `sim:<task>` model. */
export function readMeta(
  messages: readonly SimMessage[],
  call: CallShape,
  fixed?: TaskName,
): MetaReading | undefined {
  const { core, repairs } = coreMessages(messages);
  let last = "";
  for (const m of core) if (m.role === "user") last = m.text;
  const kind = metaKind(last);
  if (!kind) return undefined;
  const request = parseMetaRequest(last, kind);
  const all = normalize(core.map((m) => m.text).join("\n"));
  const counts = INFER_ORDER.map((name) => [name, countKnown(all, TASKS[name])] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  let task: TaskName | undefined;
  let taskFrom: MetaTaskSource = "none";
  if (best[1] > 0) [task, taskFrom] = [best[0], "inputs"];
  else if (fixed) [task, taskFrom] = [fixed, "model"];
  else {
    const content = requestContent(request);
    task = INFER_ORDER.find((name) => TASKS[name].recognise(content));
    if (task) taskFrom = "keywords";
  }
  const promptHash = hashString(
    `${core.map((m) => `${m.role}:${normalize(m.text)}`).join("\n")}|${call.json}`,
  );
  return { request, task, taskFrom, promptHash, repairs };
}

/** The probability of each feature of the written instruction, with the reasons. */
export function metaProbabilities(
  request: MetaRequest,
  task: TaskName | undefined,
): Pick<MetaDecision, "probabilities" | "reasons" | "current"> {
  const w = META_WEIGHTS;
  const probabilities: Partial<Record<MetaFeature, number>> = {};
  const reasons: Partial<Record<MetaFeature, string[]>> = {};
  const current = request.kind === "reflection" ? instructionFeatures(task, request.current ?? "") : [];
  for (const f of META_FEATURES[task ?? "generic"]) {
    let p: number;
    let why: string[];
    if (request.kind === "proposal") {
      why = ["base"];
      if (tipPoints(request.tip, f)) why.push("tip");
      if (examplesShow(task, request.examples, f)) why.push("examples");
      if (request.summary) why.push("summary");
      p = Math.min(
        w.cap,
        why.reduce((s, r) => s + w[r as "base" | "tip" | "examples" | "summary"], 0),
      );
    } else if (current.includes(f)) {
      [p, why] = [w.keep, ["kept"]];
    } else {
      const pointed = Math.max(0, ...request.examples.map((e) => failurePoints(task, e, f, w)));
      [p, why] = pointed > 0 ? [pointed, ["feedback"]] : [w.base, ["base"]];
    }
    probabilities[f] = Math.round(p * 1e6) / 1e6;
    reasons[f] = why;
  }
  return { probabilities, reasons, current };
}

export interface MetaDrawOptions {
  seed: number;
  sample: number;
}

/** Draws the instruction's features and wording, and renders the reply (plain text, or JSON). */
export function decideMeta(reading: MetaReading, call: CallShape, o: MetaDrawOptions) {
  const { request, task, taskFrom } = reading;
  const { probabilities, reasons, current } = metaProbabilities(request, task);
  const draw = (...parts: number[]) => unit(o.seed, reading.promptHash, o.sample, ...parts);
  const features = META_FEATURES[task ?? "generic"].filter(
    (f) => draw(SALT.feature, hashString(f)) < (probabilities[f] ?? 0),
  );
  const instruction = writeInstruction(task, features, (slot, n) => Math.floor(draw(SALT.wording, slot) * n));
  const decision: MetaDecision = {
    kind: request.kind,
    task,
    taskFrom,
    current,
    probabilities,
    reasons,
    features,
    instruction,
  };
  return { decision, text: metaReply(instruction, call, o.seed) };
}

/** The reply: the instruction only; in JSON mode `{"instruction": …}` (or the schema filled from it). */
export function metaReply(instruction: string, call: CallShape, seed: number): string {
  if (!call.json) return instruction;
  if (call.schema === undefined) return JSON.stringify({ instruction });
  return JSON.stringify(fillSchema(call.schema, { instruction }, seed));
}

/** The simulator's decision for a meta-request (its `meta` holds the details). */
export function metaSimDecision(reading: MetaReading, call: CallShape, o: MetaDrawOptions): SimDecision {
  const { decision, text } = decideMeta(reading, call, o);
  return {
    task: reading.task,
    rowId: undefined,
    bundled: false,
    features: {
      instructions: false,
      demos: 0,
      formatHint: call.json,
      stepByStep: false,
      temperature: call.temperature ?? 1,
      json: call.json,
    },
    p: 0,
    q: 0,
    correct: false,
    formatError: false,
    sample: o.sample,
    repairs: reading.repairs,
    answer: undefined,
    text,
    meta: decision,
  };
}
