import { describe, expect, it } from "vitest";
import { definePrompt } from "../../index.js";
import { expectedAccuracy } from "./expected.js";
import { fromChatMessages, readPrompt, type SimMessage } from "./features.js";
import { fillSchema } from "./fill.js";
import { demoGain, pCorrect, pFormatError, pSuccess, SIM_WEIGHTS, simLogit } from "./formula.js";
import { TASKS } from "./tasks/index.js";
import type { PromptFeatures } from "./tasks/types.js";

const review = TASKS.sentiment.rows()[0]!;
const sys = (text: string): SimMessage => ({ role: "system", text });
const user = (text: string): SimMessage => ({ role: "user", text });
const model = (text: string): SimMessage => ({ role: "assistant", text });
const plain = { json: false, temperature: 0 };

describe("readPrompt", () => {
  it("finds the bundled input and reads no feature from a bare question", () => {
    const r = readPrompt([user(`What do you think?\n\n${review.text}`)], { json: false });
    expect(r.task?.name).toBe("sentiment");
    expect(r.row?.id).toBe(review.id);
    expect(r.bundled).toBe(true);
    expect(r.features).toEqual({
      instructions: false,
      demos: 0,
      formatHint: false,
      stepByStep: false,
      temperature: 1,
      json: false,
    });
  });

  it("reads labels, a format sentence, step by step, the temperature and JSON mode", () => {
    const labels = sys(
      "Label it positive, negative or neutral. Reply with only the label. Think step by step.",
    );
    const r = readPrompt([labels, user(review.text)], { json: false, temperature: 0.3 });
    expect(r.features).toMatchObject({
      instructions: true,
      formatHint: true,
      stepByStep: true,
      temperature: 0.3,
    });
    const schema = { type: "object", properties: { label: { enum: ["positive", "negative", "neutral"] } } };
    const j = readPrompt([user(review.text)], { json: true, schema, temperature: 0 });
    expect(j.features).toMatchObject({ instructions: true, formatHint: true, json: true });
  });

  it("counts demos as model turns before the last user turn, or as bundled examples quoted in the prompt", () => {
    const [a, b, c] = TASKS.sentiment.demos();
    const turns = [user(a!.text), model("positive"), user(b!.text), model("neutral"), user(review.text)];
    expect(readPrompt(turns, plain).features.demos).toBe(2);
    const inline = user(`Examples:\n${a!.text} => x\n${b!.text} => y\n${c!.text} => z\nNow: ${review.text}`);
    const r = readPrompt([inline], plain);
    expect(r.row?.id).toBe(review.id);
    expect(r.features.demos).toBe(3);
  });

  it("strips repair turns: same hash, repairs counted", () => {
    const base = [sys("Classify."), user(review.text)];
    const a = readPrompt(base, plain);
    const b = readPrompt([...base, model("oops"), user("Your reply was not valid: x.\nReply again.")], plain);
    expect(b.repairs).toBe(1);
    expect(b.promptHash).toBe(a.promptHash);
    expect(b.row?.id).toBe(review.id);
  });

  it("hashes prompts whitespace-insensitively, and JSON mode apart", () => {
    const a = readPrompt([user(`Classify:  ${review.text}`)], plain);
    const b = readPrompt([user(`Classify:\n${review.text}\n`)], plain);
    const c = readPrompt([user(`Classify: ${review.text}`)], { json: true });
    expect(b.promptHash).toBe(a.promptHash);
    expect(c.promptHash).not.toBe(a.promptHash);
  });

  it("recognises the task from any bundled input, else from keywords, and a fixed task limits the search", () => {
    const m = TASKS.math.rows()[3]!;
    expect(readPrompt([user(m.text)], plain).task?.name).toBe("math");
    const x = readPrompt([user("Ann Lee paid $5 on 2024-01-01")], {
      json: true,
      schema: { properties: { amount: {}, date: {} } },
    });
    expect(x.task?.name).toBe("extract");
    expect(x.bundled).toBe(false);
    expect(readPrompt([user("Write a haiku")], plain).task).toBeUndefined();
    const fixed = readPrompt([user(review.text)], plain, "math");
    expect(fixed.task?.name).toBe("math");
    expect(fixed.bundled).toBe(false);
    expect(readPrompt([], plain).lastUser).toBe("");
  });
});

describe("the formula", () => {
  const f: PromptFeatures = {
    instructions: true,
    demos: 2,
    formatHint: true,
    stepByStep: true,
    temperature: 0.5,
    json: false,
  };
  const w = SIM_WEIGHTS;

  it("adds the documented weights", () => {
    expect(demoGain(0)).toBe(0);
    expect([1, 2, 3, 4].map(demoGain)).toEqual([0.5, 0.75, 0.875, 0.9375]);
    const expected =
      w.base.math - 1 + w.instructions + w.demos * 0.75 + w.formatHint + w.stepByStep - w.temperature * 0.5;
    expect(simLogit("math", 1, f)).toBeCloseTo(expected, 12);
    expect(simLogit("sentiment", 1, f)).toBeCloseTo(
      expected - w.stepByStep - w.base.math + w.base.sentiment,
      12,
    );
    expect(pCorrect("math", 1, f)).toBeCloseTo(1 / (1 + Math.exp(-expected)), 12);
  });

  it("makes format errors rarer with a hint and with demos; JSON replies are repaired", () => {
    expect(pFormatError({ ...f, formatHint: false, demos: 0 })).toBe(w.formatError.withoutHint);
    expect(pFormatError(f)).toBeCloseTo(w.formatError.withHint / 4, 12);
    const p = pCorrect("sentiment", 1, f);
    expect(pSuccess("sentiment", 1, f)).toBeCloseTo(p * (1 - pFormatError(f)), 12);
    expect(pSuccess("sentiment", 1, { ...f, json: true })).toBe(p);
    expect(pSuccess("sentiment", 1, { ...f, json: true }, 0)).toBeCloseTo(p * (1 - pFormatError(f)), 12);
  });
});

describe("helpers", () => {
  it("fillSchema maps slots onto properties by name or synonym, coercing types and enums", () => {
    const slots = { label: "Positive", answer: 42, name: "Ann" };
    const schema = {
      type: "object",
      properties: {
        verdict: { enum: ["positive", "negative"] },
        result: { type: "string" },
        payer: { anyOf: [{ type: "null" }, { type: "string" }] },
        flag: { type: "boolean" },
        other: { type: "number", enum: [] },
        extra: { type: "integer" },
      },
      required: ["extra"],
    };
    expect(fillSchema(schema, slots, 0)).toEqual({
      verdict: "positive",
      result: "42",
      payer: "Ann",
      extra: expect.any(Number),
    });
    expect(
      fillSchema({ properties: { flag: { type: "boolean" }, label: true } }, { flag: "x", label: "y" }, 0),
    ).toEqual({
      flag: "x",
      label: "y",
    });
    expect(fillSchema({ enum: ["a", "b"] }, { label: "c" }, 0)).toBe("a");
    expect(fillSchema({ type: "integer" }, { answer: "n/a" }, 0)).toBe(0);
    expect(typeof fillSchema({ type: "string" }, {}, 0)).toBe("string");
    expect(fillSchema({ type: "object" }, slots, 0)).toEqual(slots);
    expect(fillSchema(true, slots, 0)).toEqual(slots);
  });

  it("fromChatMessages keeps the text parts", () => {
    const parts = [
      { type: "text" as const, text: "a" },
      { type: "image" as const, image: new URL("https://x.test/i.png") },
      { type: "text" as const, text: "b" },
    ];
    expect(fromChatMessages([{ role: "user", content: parts }])).toEqual([{ role: "user", text: "a\nb" }]);
  });

  it("expectedAccuracy needs a task's variable and at least one row", () => {
    const haiku = definePrompt({ name: "haiku", user: "A haiku about {{topic}}" });
    expect(() => expectedAccuracy(haiku as never)).toThrow(/uses none of the bundled tasks' variables/);
    const p = definePrompt({ name: "p", user: "{{review}}" });
    expect(() => expectedAccuracy(p as never, { rows: [] })).toThrow(/the list is empty/);
    expect(expectedAccuracy(p as never, { task: "sentiment" }).n).toBe(150);
  });
});
