import { createOpenAI } from "@ai-sdk/openai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPrompt } from "../../index.js";
import { type MockServer, startMockServer } from "../../server/index.js";
import { simModel } from "./index.js";
import { TASKS } from "./tasks/index.js";
import { measure } from "./test-utils/measure.js";

const file = (path: string) => new URL(`../../../examples/tasks/${path}`, import.meta.url).pathname;
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
const client = () => new OpenAI({ baseURL: server.baseURLs.openai, apiKey: "sk-test", maxRetries: 0 });

describe("the simulated model behind the local provider server", () => {
  it.each([
    ["sentiment", "labels"],
    ["extract", "iso"],
    ["math", "steps"],
  ] as const)("answers %s/%s through an AI SDK provider exactly as in-process", async (task, variant) => {
    const prompt = await loadPrompt(file(`${task}/${variant}.prompt`));
    const rows = TASKS[task].rows().slice(0, 30);
    const openai = createOpenAI({ baseURL: server.baseURLs.openai, apiKey: "sk-test" });
    const remote = await measure(prompt, task, { model: openai.chat(`sim:${task}`) }, rows);
    const local = await measure(prompt, task, { model: simModel({ task }) }, rows);
    expect(remote.errors).toBe(0);
    expect(remote.outputs).toEqual(local.outputs);
    const r = await prompt.execute({ [TASKS[task].field]: rows[0]!.text } as never, {
      model: openai.chat(`sim:${task}`),
    });
    expect(r.model).toBe(`openai:sim:${task}`);
  });

  it("serves any client: the official openai SDK, with sim recognising the task", async () => {
    const row = TASKS.math.rows()[0]!;
    const r = await client().chat.completions.create({
      model: "sim",
      temperature: 0,
      messages: [
        { role: "system", content: "Think step by step and give the final answer." },
        { role: "user", content: row.text },
      ],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "answer",
          schema: {
            type: "object",
            properties: { reasoning: { type: "string" }, answer: { type: "number" } },
            required: ["reasoning", "answer"],
          },
        },
      },
    });
    const out = JSON.parse(r.choices[0]!.message.content ?? "");
    expect(Object.keys(out)).toEqual(["reasoning", "answer"]);
    expect(out.reasoning).toMatch(/^Let's think step by step/);
    expect(r.model).toBe("sim");
    expect(r.usage?.completion_tokens).toBeGreaterThan(5);
  });

  it('streams for "sim-<task>" ids, and refuses unknown tasks with a 404', async () => {
    const row = TASKS.sentiment.rows()[0]!;
    const stream = await client().chat.completions.create({
      model: "sim-sentiment",
      temperature: 0,
      stream: true,
      messages: [
        { role: "user", content: `Positive, negative or neutral? Answer with only one word.\n${row.text}` },
      ],
    });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(["positive", "negative", "neutral"]).toContain(text);
    const error = await client()
      .chat.completions.create({ model: "sim:poetry", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404 });
    expect(String((error as Error).message)).toMatch(/names no simulated task/);
  });

  it("keeps mock answers for other models, and reset() restarts the simulated sample counters", async () => {
    const messages = [{ role: "user" as const, content: TASKS.sentiment.rows()[5]!.text }];
    const mock = await client().chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(mock.choices[0]!.message.content).toMatch(/^mock reply to:/);
    const ask = async () =>
      (await client().chat.completions.create({ model: "sim:sentiment", temperature: 1.5, messages }))
        .choices[0]!.message.content;
    const first: (string | null)[] = [];
    for (let i = 0; i < 8; i++) first.push(await ask());
    server.reset();
    const again: (string | null)[] = [];
    for (let i = 0; i < 8; i++) again.push(await ask());
    expect(again).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});
