import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { definePrompt, InvalidArgumentError, loadPrompt, OutputValidationError } from "../../index.js";
import { sharedSimModel, simModel } from "./index.js";
import { TASKS } from "./tasks/index.js";
import { measure } from "./test-utils/measure.js";

const file = (path: string) => new URL(`../../../examples/tasks/${path}`, import.meta.url).pathname;
const rows = TASKS.sentiment.rows();
const call = (text: string, extra: Partial<LanguageModelV4CallOptions> = {}): LanguageModelV4CallOptions => ({
  prompt: [{ role: "user", content: [{ type: "text", text }] }],
  ...extra,
});

beforeEach(() => {
  for (const id of ["sim", "sentiment", "extract", "math"]) sharedSimModel(id).reset();
});

describe("the sim provider", () => {
  it('resolves "sim:<task>", labels results "sim:<task>" and prices them', async () => {
    const labels = await loadPrompt(file("sentiment/labels.prompt"));
    const r = await labels.execute({ review: rows[0]!.text });
    expect(r.model).toBe("sim:sentiment");
    expect(r.output).toBe(rows[0]!.expected);
    expect(r.usage.inputTokens).toBeGreaterThan(20);
    expect(r.usage.outputTokens).toBeGreaterThan(0);
    expect(r.costUsd).toBeGreaterThan(0);
    expect(sharedSimModel("sentiment")).toMatchObject({
      provider: "sim",
      modelId: "sentiment",
      task: "sentiment",
    });
  });

  it('"sim" recognises the task from the prompt', async () => {
    const p = definePrompt({
      name: "q",
      user: "Solve: {{problem}}",
      model: "sim",
      params: { temperature: 0 },
    });
    const row = TASKS.math.rows()[0]!;
    const r = await p.execute({ problem: row.text });
    expect(r.model).toBe("sim:sim");
    expect(sharedSimModel("sim").lastDecision).toMatchObject({ task: "math", rowId: row.id, bundled: true });
  });

  it("refuses an unknown task, naming the known ones", async () => {
    const p = definePrompt({ name: "q", user: "hi", model: "sim:poetry" });
    const error = await p.run().catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(String(error)).toMatch(/"sim:poetry" names no simulated task/);
    expect((error as InvalidArgumentError).hint).toMatch(/sim:sentiment, sim:extract, sim:math/);
    expect(() => simModel({ task: "poetry" as never })).toThrow(/not a simulated task/);
    expect(() => simModel({ coupling: 2 })).toThrow(/between 0 and 1/);
  });
});

describe("determinism and sampling", () => {
  it("gives the same replies for the same seed, other replies for another seed", async () => {
    const bare = await loadPrompt(file("sentiment/bare.prompt"));
    const run = async (seed: number) =>
      (await measure(bare, "sentiment", { model: simModel({ task: "sentiment", seed }) })).outputs;
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it("at temperature 0 repeats itself; above 0 a call counter per prompt makes repeats vary", async () => {
    const m = simModel({ task: "sentiment" });
    const hard = rows.find((r) => r.category === "sarcasm")!;
    const cold: boolean[] = [];
    for (let i = 0; i < 12; i++) {
      await m.doGenerate(call(hard.text, { temperature: 0 }));
      cold.push(m.lastDecision!.correct);
      expect(m.lastDecision!.sample).toBe(0);
    }
    expect(new Set(cold).size).toBe(1);
    const samples: number[] = [];
    const hot: boolean[] = [];
    for (let i = 0; i < 12; i++) {
      await m.doGenerate(call(hard.text, { temperature: 1 }));
      samples.push(m.lastDecision!.sample);
      hot.push(m.lastDecision!.correct);
    }
    expect(samples).toEqual([...Array(12).keys()]);
    expect(new Set(hot).size).toBe(2);
    await m.doGenerate(call(hard.text, { temperature: 1, seed: 3 }));
    expect(m.lastDecision!.sample).toBe(3);
    m.reset();
    expect(m.explain(call(hard.text, { temperature: 1 })).sample).toBe(0);
    await m.doGenerate(call(hard.text, { temperature: 1 }));
    expect(m.lastDecision!.sample).toBe(0);
  });

  it("records decisions when asked", async () => {
    const m = simModel({ task: "sentiment", record: true });
    await m.doGenerate(call(rows[1]!.text));
    await m.doGenerate(call(rows[2]!.text));
    expect(m.decisions.map((d) => d.rowId)).toEqual([rows[1]!.id, rows[2]!.id]);
  });
});

describe("replies", () => {
  it("streams the same text, with sim ids and latency", async () => {
    const m = simModel({ task: "sentiment", latencyMs: 30, chunkSize: 3 });
    const started = performance.now();
    const g = await m.doGenerate(call(rows[3]!.text, { temperature: 0 }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(g.response?.id).toBe("sim-0");
    const { stream } = await m.doStream(call(rows[3]!.text, { temperature: 0 }));
    let text = "";
    let id: string | undefined;
    for await (const part of stream) {
      if (part.type === "text-delta") text += part.delta;
      if (part.type === "response-metadata") id = part.id;
    }
    expect(text).toBe(g.content[0]!.type === "text" ? g.content[0]!.text : "");
    expect(id).toBe("sim-1");
  });

  it("fills any JSON schema from the answer, and answers plain JSON mode with the task's keys", async () => {
    const p = definePrompt({
      name: "s",
      user: "Positive, negative or neutral?\n{{review}}",
      output: z.object({
        sentiment: z.enum(["positive", "negative", "neutral"]),
        confidence: z.number(),
        note: z.string(),
      }),
      model: "sim:sentiment",
      params: { temperature: 0 },
    });
    const out = await p.run({ review: rows[0]!.text });
    expect(out).toMatchObject({ sentiment: rows[0]!.expected });
    expect(typeof out.note).toBe("string");
    const m = simModel({ task: "extract" });
    const row = TASKS.extract.rows()[0]!;
    const g = await m.doGenerate(call(row.text, { temperature: 0, responseFormat: { type: "json" } }));
    expect(Object.keys(JSON.parse(g.content[0]!.type === "text" ? g.content[0]!.text : ""))).toEqual([
      "name",
      "date",
      "amount",
    ]);
    const scalar = simModel({ task: "math" });
    const r = await scalar.doGenerate(
      call(TASKS.math.rows()[0]!.text, {
        temperature: 0,
        responseFormat: { type: "json", schema: { type: "number" } },
      }),
    );
    expect(typeof JSON.parse(r.content[0]!.type === "text" ? r.content[0]!.text : "")).toBe("number");
  });

  it("makes format errors that run() repairs (one more call), or that fail with repair: 0", async () => {
    const basic = await loadPrompt(file("extract/basic.prompt"));
    const m = simModel({ task: "extract" });
    const strict = await measure(basic, "extract", { model: m, repair: 0 });
    expect(strict.errors).toBeGreaterThan(0);
    const index = strict.outputs.indexOf(undefined);
    const row = TASKS.extract.rows()[index]!;
    const error = await basic.run({ text: row.text }, { model: m, repair: 0 }).catch((e: unknown) => e);
    expect(OutputValidationError.isInstance(error)).toBe(true);
    const repaired = await basic.execute({ text: row.text }, { model: m });
    expect(repaired.attempts).toBe(2);
    expect(m.lastDecision).toMatchObject({ repairs: 1, formatError: false });
    expect(repaired.output).toEqual(m.lastDecision!.answer);
  });

  it("answers inputs it does not know with a heuristic, and other prompts with a generic reply", async () => {
    const m = simModel();
    await m.doGenerate(call("Review: I love it, great value", { temperature: 0 }));
    expect(m.lastDecision).toMatchObject({ task: "sentiment", bundled: false, rowId: "unknown" });
    const g = await m.doGenerate(call("Write a haiku about autumn"));
    expect(g.content[0]).toMatchObject({ text: "simulated reply to: Write a haiku about autumn" });
    expect(m.lastDecision!.task).toBeUndefined();
    const schema = { type: "object", properties: { title: { type: "string" } }, required: ["title"] };
    const j = await m.doGenerate(call("Write a haiku", { responseFormat: { type: "json", schema } }));
    expect(JSON.parse(j.content[0]!.type === "text" ? j.content[0]!.text : "")).toHaveProperty("title");
    const none = await m.doGenerate(call("Write a haiku", { responseFormat: { type: "json" } }));
    expect(none.content[0]).toMatchObject({ text: '{"text":"simulated reply"}' });
  });
});
