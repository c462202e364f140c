/**
 * Reading a meta-request: a request to write an instruction for a task (proposal, as MIPRO's
 * proposer sends) or to improve one from failures (reflection, as GEPA sends). The format is in
 * docs/simulated-model.md ("Writing instructions").
 */

export type MetaKind = "proposal" | "reflection";

/** One quoted example: its input, the model's output, the expected answer and feedback (any may be missing). */
export interface MetaExample {
  input?: string;
  output?: string;
  expected?: string;
  feedback?: string;
}

/** The parts of a meta-request, by heading. */
export interface MetaRequest {
  kind: MetaKind;
  /** `Task:` / `Task description:`. */
  description?: string;
  /** `Data summary:` / `Dataset summary:`. */
  summary?: string;
  /** `Tip:`. */
  tip?: string;
  /** `Current instruction:`. */
  current?: string;
  /** `Input:` (starts an example), `Output:`, `Expected:`, `Feedback:`; `Example …:` starts one too. */
  examples: MetaExample[];
}

/** The trigger: a line that starts (after blanks or Markdown marks) with one of these phrases. */
export const META_TRIGGER = /^[\s#>*_-]*write (a new|an improved) instruction/i;

type Section = "description" | "summary" | "tip" | "current" | "example" | keyof MetaExample;

const HEADINGS: [RegExp, Section][] = [
  [/^task(?: description)?$/, "description"],
  [/^(?:data|dataset) summary$/, "summary"],
  [/^tip$/, "tip"],
  [/^current instructions?$/, "current"],
  [/^examples?(?: \d+)?$/, "example"],
  [/^input$/, "input"],
  [/^(?:model )?output$/, "output"],
  [/^expected(?: output| answer)?$/, "expected"],
  [/^feedback$/, "feedback"],
];
/** `Heading: rest`, the heading optionally in Markdown (`## Tip:`, `**Tip:**`, `- Tip:`). */
const HEADING_LINE = /^[\s#>*_-]*([a-z][a-z ]*?(?: \d+)?)[*_]*\s*:[*_]*\s?(.*)$/i;

/** The kind of meta-request a message is, from its trigger line (undefined: not a meta-request). */
export function metaKind(text: string): MetaKind | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = META_TRIGGER.exec(line);
    if (m) return m[1]!.toLowerCase() === "a new" ? "proposal" : "reflection";
  }
  return undefined;
}

/** Splits the last user message of a meta-request into its parts (text before the first heading is ignored). */
export function parseMetaRequest(text: string, kind: MetaKind): MetaRequest {
  const request: MetaRequest = { kind, examples: [] };
  let section: Section | undefined;
  let lines: string[] = [];
  let example: MetaExample | undefined;
  const flush = () => {
    const body = lines.join("\n").trim();
    lines = [];
    if (section === undefined || section === "example") return;
    if (section === "description" || section === "summary" || section === "tip" || section === "current") {
      request[section] = request[section] === undefined ? body : `${request[section]}\n${body}`;
      return;
    }
    if (!example) {
      example = {};
      request.examples.push(example);
    }
    example[section] = body;
  };
  for (const line of text.split(/\r?\n/)) {
    if (META_TRIGGER.test(line)) {
      flush();
      section = undefined;
      continue;
    }
    const m = HEADING_LINE.exec(line);
    const next = m ? HEADINGS.find(([re]) => re.test(m[1]!.trim().toLowerCase()))?.[1] : undefined;
    if (!m || next === undefined) {
      lines.push(line);
      continue;
    }
    flush();
    section = next;
    // An example heading, another section, or a part the current example already has starts a new example.
    if (
      !["input", "output", "expected", "feedback"].includes(next) ||
      example?.[next as keyof MetaExample] !== undefined
    ) {
      example = undefined;
    }
    lines.push(m[2]!);
  }
  flush();
  return request;
}

/** The text of a request's parts (not its headings or fixed wording), where task keywords are looked for. */
export function requestContent(r: MetaRequest): string {
  const examples = r.examples.flatMap((e) => [e.input, e.output, e.expected, e.feedback]);
  return [r.description, r.summary, r.tip, r.current, ...examples].filter((s) => s !== undefined).join("\n");
}
