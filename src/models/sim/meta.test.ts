import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePrompt } from "../../index.js";
import { fromModelPrompt, readPrompt } from "./features.js";
import { sharedSimModel, simModel } from "./index.js";
import { instructionFeatures, type MetaFeature } from "./meta-features.js";
import { parseMetaRequest } from "./meta-request.js";
import { TASKS, type TaskName } from "./tasks/index.js";
import { metaCall, proposalText, reflectionText } from "./test-utils/meta-requests.js";

const TASK_LIST: TaskName[] = ["sentiment", "extract", "math"];
const IDS = ["sim", "auto", "sentiment", "extract", "math"] as const;
const show = (task: TaskName, answer: unknown) =>
  task === "math" ? JSON.stringify({ answer }) : typeof answer === "string" ? answer : JSON.stringify(answer);
/** Bundled dataset rows quoted as examples with their expected answers. */
const examples = (task: TaskName, n = 6) =>
  TASKS[task]
    .rows()
    .slice(0, n)
    .map((r) => ({ input: r.text, expected: show(task, r.expected) }));
const textOf = (g: { content: readonly { type: string; text?: string }[] }) =>
  g.content[0]?.type === "text" ? (g.content[0].text ?? "") : "";

describe("recognising meta-requests", () => {
  it.each(TASK_LIST)(
    "answers %s proposals and reflections for every sim id, never as a task",
    async (task) => {
      const quoted = examples(task);
      const failure = { ...quoted[0]!, output: "I am not sure.", feedback: "Wrong." };
      for (const id of IDS) {
        const m = simModel({ task: id === "sim" ? "auto" : id, modelId: id });
        for (const [kind, text] of [
          ["proposal", proposalText({ examples: quoted })],
          ["reflection", reflectionText("Do the task.", [failure])],
        ] as const) {
          const g = await m.doGenerate(metaCall(text, { temperature: 0 }));
          const d = m.lastDecision!;
          expect(d.meta).toMatchObject({ kind, task, taskFrom: "inputs" });
          expect(d.rowId).toBeUndefined();
          expect(textOf(g)).toBe(d.meta!.instruction);
          expect(textOf(g)).toMatch(/^[A-Z][^{}]+\.$/);
          expect(g.usage.inputTokens.total).toBeGreaterThan(text.length / 5);
          expect(g.usage.outputTokens.total).toBeGreaterThan(5);
        }
      }
    },
  );

  it("reads the trigger only at the start of a line of the last user message", async () => {
    const m = simModel({ task: "sentiment" });
    const row = TASKS.sentiment.rows()[4]!;
    const task = `Instruction: classify it (do not write a new instruction).\nWrite an instruction-free answer.\n${row.text}`;
    await m.doGenerate(
      metaCall(task, { temperature: 0 }, "Follow the instruction. Answer with only one word."),
    );
    expect(m.lastDecision).toMatchObject({ rowId: row.id, bundled: true });
    expect(m.lastDecision!.meta).toBeUndefined();
    await m.doGenerate(metaCall(`${row.text}\n## Write an improved instruction:`, { temperature: 0 }));
    expect(m.lastDecision!.meta?.kind).toBe("reflection");
  });

  it("takes the task from the quoted inputs, else the model's task, else keywords, else none", () => {
    const ask = (id: TaskName | "auto", text: string) =>
      simModel({ task: id }).explain(metaCall(text, { temperature: 0 })).meta!;
    expect(ask("sentiment", proposalText({ examples: examples("math", 3) }))).toMatchObject({
      task: "math",
      taskFrom: "inputs",
    });
    expect(ask("extract", proposalText())).toMatchObject({ task: "extract", taskFrom: "model" });
    expect(ask("auto", proposalText({ description: "Solve short word problems." }))).toMatchObject({
      task: "math",
      taskFrom: "keywords",
    });
    const generic = ask("auto", proposalText({ description: "Translate French poems." }));
    expect(generic).toMatchObject({ task: undefined, taskFrom: "none" });
    expect(Object.keys(generic.probabilities)).toEqual(["steps", "format"]);
  });

  it("splits a request into its parts by headings", () => {
    const text = [
      "Preamble: ignored",
      "## Task description: Label reviews.",
      "**Data summary:**",
      "Short texts.",
      "Current instruction:",
      "Say it.",
      "Example 1:",
      "Input: a",
      "Output: b",
      "Expected: c",
      "Feedback: d",
      "line two",
      "Input: e",
      "Tip: be brief",
      "Write an improved instruction.",
      "after",
    ].join("\n");
    expect(parseMetaRequest(text.replaceAll("\n", "\r\n"), "reflection")).toEqual(
      parseMetaRequest(text, "reflection"),
    );
    expect(parseMetaRequest(text, "reflection")).toEqual({
      kind: "reflection",
      description: "Label reviews.",
      summary: "Short texts.",
      current: "Say it.",
      tip: "be brief",
      examples: [{ input: "a", output: "b", expected: "c", feedback: "d\nline two" }, { input: "e" }],
    });
    const first = "Write a new instruction for the task below.\nTask: Solve word problems.\nExpected: 4";
    expect(parseMetaRequest(first, "proposal")).toEqual({
      kind: "proposal",
      description: "Solve word problems.",
      examples: [{ expected: "4" }],
    });
  });
});

describe("the written instruction", () => {
  it.each([...TASK_LIST, undefined])(
    "carries, as a task prompt's system message, exactly the drawn features (%s)",
    (task) => {
      const m = simModel({ task: task ?? "auto" });
      const text = proposalText({
        description: task ? undefined : "Translate poems.",
        summary: "Short texts.",
      });
      const combos = new Set<string>();
      for (let seed = 0; seed < 120; seed++) {
        const meta = m.explain(metaCall(text, { temperature: 1, seed })).meta!;
        const drawn = new Set<MetaFeature>(meta.features);
        combos.add([...drawn].join());
        expect(instructionFeatures(task, meta.instruction)).toEqual(meta.features);
        const row = TASKS[task ?? "sentiment"].rows()[seed]!;
        const messages = fromModelPrompt(metaCall(row.text, {}, meta.instruction).prompt);
        const f = readPrompt(messages, { json: false, temperature: 0 }, task ?? "sentiment").features;
        const key: Record<TaskName, MetaFeature> = { sentiment: "labels", extract: "iso", math: "final" };
        if (task) expect(f.instructions).toBe(drawn.has(key[task]));
        expect(f).toMatchObject({
          formatHint: drawn.has("format"),
          stepByStep: drawn.has("steps"),
          demos: 0,
        });
      }
      expect(combos.size).toBe(2 ** (task === "math" ? 3 : 2));
    },
  );

  it("is the same at temperature 0, varies above it, and is reproducible with the seed", async () => {
    const text = proposalText({ examples: examples("sentiment"), tip: "Name the labels." });
    const m = simModel();
    const cold = new Set<string>();
    for (let i = 0; i < 6; i++) cold.add(textOf(await m.doGenerate(metaCall(text, { temperature: 0 }))));
    expect(cold.size).toBe(1);
    const hot = async (model = simModel()) => {
      const out: string[] = [];
      for (let i = 0; i < 12; i++)
        out.push(textOf(await model.doGenerate(metaCall(text, { temperature: 1 }))));
      return out;
    };
    const first = await hot();
    expect(new Set(first).size).toBeGreaterThan(6);
    expect(await hot()).toEqual(first);
    expect(await hot(simModel({ seed: 5 }))).not.toEqual(first);
    expect(m.explain(metaCall(text, { temperature: 1, seed: 3 })).text).toBe(first[3]);
  });

  it('replies {"instruction": …} in JSON mode, through prompts too', async () => {
    const text = proposalText({ examples: examples("extract", 4) });
    const m = simModel();
    const schema = {
      type: "object",
      properties: { instruction: { type: "string" } },
      required: ["instruction"],
    };
    const g = await m.doGenerate(
      metaCall(text, { temperature: 0, responseFormat: { type: "json", schema } }),
    );
    expect(JSON.parse(textOf(g))).toEqual({ instruction: m.lastDecision!.meta!.instruction });
    const plain = await m.doGenerate(metaCall(text, { temperature: 0, responseFormat: { type: "json" } }));
    expect(Object.keys(JSON.parse(textOf(plain)))).toEqual(["instruction"]);
    const propose = definePrompt({
      name: "propose",
      user: "{{request}}",
      output: z.object({ instruction: z.string() }),
      model: "sim",
      params: { temperature: 0 },
    });
    const out = await propose.run({ request: text });
    expect(sharedSimModel("sim").lastDecision!.meta).toMatchObject({
      task: "extract",
      instruction: out.instruction,
    });
    expect(out.instruction).toMatch(/payment|paid|payer/);
  });

  it("explains a meta-request: kind, task, probabilities and reasons", () => {
    const m = simModel({ task: "sentiment" });
    const d = m.explain(
      metaCall(proposalText({ tip: "Be explicit about the output format.", summary: "x" })),
    );
    expect(d.meta).toMatchObject({
      kind: "proposal",
      task: "sentiment",
      probabilities: { labels: 0.7, format: 0.7 },
      reasons: { labels: ["base", "tip", "summary"], format: ["base", "tip", "summary"] },
    });
    expect(d.correct).toBe(false);
  });
});
