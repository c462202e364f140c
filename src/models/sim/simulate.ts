import { exampleFromJsonSchema } from "../json-schema-example.js";
import type { CallShape, Reading } from "./features.js";
import { fillSchema } from "./fill.js";
import { pCorrect, pFormatError, SIM_WEIGHTS } from "./formula.js";
import type { MetaDecision } from "./meta.js";
import { hashString, unit } from "./random.js";
import type { Answer, PromptFeatures, Slots, TaskName } from "./tasks/types.js";

/** How the simulator answered one call, and why. */
export interface SimDecision {
  /** The task recognised (undefined: none, a generic reply). */
  task: TaskName | undefined;
  /** The bundled row's id ("unknown" for an input that is not bundled; undefined without a task). */
  rowId: string | undefined;
  bundled: boolean;
  features: PromptFeatures;
  /** P(correct answer) and P(format error) from the documented formula. */
  p: number;
  q: number;
  correct: boolean;
  formatError: boolean;
  /** The sample index the draws used (0 at temperature 0). */
  sample: number;
  /** Repair turns answered (a repair reply is always well formed; it keeps the answer's draw). */
  repairs: number;
  answer: Answer | undefined;
  /** The reply sent. */
  text: string;
  /**
   * Set for a meta-request (write or improve an instruction): what was drawn and why. Then `task`
   * is the meta-request's task, `rowId` is undefined, and `p`, `q`, `correct` are 0 / false.
   */
  meta?: MetaDecision;
}

const SALT = { shared: 1, own: 2, mix: 3, format: 4, wrong: 5, shape: 6 } as const;
/** Keys of the JSON reply when the call asks for JSON without a schema. */
const PLAIN_KEYS: Record<TaskName, string[]> = {
  sentiment: ["label"],
  extract: ["name", "date", "amount"],
  math: ["answer"],
};

export interface DecideOptions {
  seed: number;
  /** Share of randomness common to all prompts (default SIM_WEIGHTS.coupling). */
  coupling?: number;
  sample: number;
}

/** Decides the reply to one call: right or wrong, well formed or not, and its text. */
export function decide(reading: Reading, call: CallShape, o: DecideOptions): SimDecision {
  const { task, row, features } = reading;
  if (!task || !row) {
    const text = call.json
      ? JSON.stringify(
          call.schema === undefined
            ? { text: "simulated reply" }
            : exampleFromJsonSchema(call.schema, o.seed),
        )
      : `simulated reply to: ${reading.lastUser.slice(0, 60)}`;
    return {
      task: undefined,
      rowId: undefined,
      bundled: false,
      features,
      p: 0,
      q: 0,
      correct: false,
      formatError: false,
      sample: o.sample,
      repairs: reading.repairs,
      answer: undefined,
      text,
    };
  }
  const key = hashString(reading.bundled ? row.id : row.text);
  const draw = (salt: number, own = true) =>
    own ? unit(o.seed, key, reading.promptHash, o.sample, salt) : unit(o.seed, key, o.sample, salt);
  const p = pCorrect(task.name, row.difficulty, features);
  const q = pFormatError(features);
  const u = draw(SALT.mix) < (o.coupling ?? SIM_WEIGHTS.coupling) ? draw(SALT.shared, false) : draw(SALT.own);
  const correct = u < p;
  const formatError = reading.repairs === 0 && draw(SALT.format) < q;
  const answer = correct ? row.expected : task.wrongAnswer(row, features, draw(SALT.wrong));
  const slots = task.slots(answer, row, correct, features);
  const text = render(task.name, slots, call, features, formatError, draw(SALT.shape), o.seed, (s) =>
    formatError ? task.prose(s) : task.text(s, features),
  );
  return {
    task: task.name,
    rowId: row.id,
    bundled: reading.bundled,
    features,
    p,
    q,
    correct,
    formatError,
    sample: o.sample,
    repairs: reading.repairs,
    answer,
    text,
  };
}

function render(
  task: TaskName,
  slots: Slots,
  call: CallShape,
  features: PromptFeatures,
  formatError: boolean,
  u: number,
  seed: number,
  asText: (slots: Slots) => string,
): string {
  if (!call.json) return asText(slots);
  let value: unknown;
  if (call.schema === undefined) {
    const keys = features.stepByStep ? ["reasoning", ...PLAIN_KEYS[task]] : PLAIN_KEYS[task];
    value = Object.fromEntries(keys.map((k) => [k, slots[k]]));
  } else value = fillSchema(call.schema, slots, seed);
  const json = JSON.stringify(value);
  if (!formatError) return json;
  // Half the format errors are prose, half are JSON cut off before its end.
  return u < 0.5 || !json.startsWith("{") ? asText(slots) : json.slice(0, json.length - 2);
}
