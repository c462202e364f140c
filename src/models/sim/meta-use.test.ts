import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definePrompt } from "../../index.js";
import { type MockServer, startMockServer } from "../../server/index.js";
import { expectedAccuracy, simModel } from "./index.js";
import { TASKS } from "./tasks/index.js";
import { metaCall, proposalText, reflectionText } from "./test-utils/meta-requests.js";

describe("using the written instructions", () => {
  it("makes better prompts on average from a better-grounded request", () => {
    const accuracy = (request: string) => {
      const m = simModel({ task: "sentiment" });
      let sum = 0;
      for (let seed = 0; seed < 20; seed++) {
        const instruction = m.explain(metaCall(request, { temperature: 1, seed })).meta!.instruction;
        const p = definePrompt({
          name: "p",
          system: instruction,
          user: "{{review}}",
          params: { temperature: 0 },
        });
        sum += expectedAccuracy(p, { task: "sentiment" }).accuracy;
      }
      return sum / 20;
    };
    const bare = accuracy(proposalText());
    const grounded = accuracy(
      proposalText({
        summary: "Product reviews.",
        examples: ["positive", "negative", "neutral"].map((l) => {
          const r = TASKS.sentiment.rows().find((x) => x.expected === l)!;
          return { input: r.text, expected: l };
        }),
        tip: "Be explicit about the output format.",
      }),
    );
    expect(grounded - bare).toBeGreaterThan(0.1);
  });
});

describe("meta-requests through the local provider server", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer();
  });
  afterAll(() => server.close());

  it("answers a reflection request as in-process", async () => {
    const row = TASKS.extract.rows().find((r) => r.writtenDate !== undefined)!;
    const text = reflectionText("Extract the fields.", [
      { input: row.text, output: JSON.stringify({ ...(row.expected as object), date: row.writtenDate }) },
    ]);
    const client = new OpenAI({ baseURL: server.baseURLs.openai, apiKey: "sk-test", maxRetries: 0 });
    const r = await client.chat.completions.create({
      model: "sim",
      temperature: 0,
      messages: [{ role: "user", content: text }],
    });
    const local = simModel({ modelId: "sim" }).explain(metaCall(text, { temperature: 0 }));
    expect(local.meta).toMatchObject({ kind: "reflection", task: "extract" });
    expect(r.choices[0]!.message.content).toBe(local.text);
  });
});
