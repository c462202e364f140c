import { generateText, Output, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { MockReply } from "../models/mock-model.js";
import { startMockServer } from "./index.js";
import { PNG, PNG_BASE64, PNG_SHA } from "./test-utils/helpers.js";
import { PROVIDER_CASES } from "./test-utils/provider-cases.js";
import type { MockServer, ServerCall } from "./types.js";

let server: MockServer;
let calls: ServerCall[];
let script: ((call: ServerCall) => MockReply | undefined) | undefined;

beforeAll(async () => {
  server = await startMockServer({
    responder: (call) => {
      calls.push(call);
      return script?.(call);
    },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  calls = [];
  script = undefined;
});

const schema = z.object({
  title: z.string(),
  score: z.int().min(1).max(10),
  tags: z.array(z.string()).min(1),
});
const tokens = (text: string) => Math.ceil(text.length / 4);

describe.each(PROVIDER_CASES)("$name, through its AI SDK package", (c) => {
  const model = () => c.model(server);

  it("answers plain text with token usage", async () => {
    const result = await generateText({ model: model(), prompt: "Say hi to the mock" });
    expect(result.text).toBe("mock reply to: Say hi to the mock");
    expect(result.usage.inputTokens).toBe(tokens("Say hi to the mock"));
    expect(result.usage.outputTokens).toBe(tokens(result.text));
    expect(result.finishReason).toBe("stop");
    const r = server.requests[0]!;
    expect([r.method, r.status, r.provider, r.model, r.stream]).toEqual([
      "POST",
      200,
      c.flavor,
      c.modelId,
      false,
    ]);
    expect(r.path).toMatch(c.path);
  });

  it("returns a schema-valid object for structured output", async () => {
    const result = await generateText({
      model: model(),
      prompt: "Review this",
      output: Output.object({ schema }),
    });
    expect(schema.parse(result.output)).toEqual({ title: "example", score: 1, tags: ["example"] });
    expect(calls[0]!.options.responseFormat).toMatchObject({ type: "json" });
  });

  it("streams several deltas and reports usage at the end", async () => {
    const prompt = "Stream a longer answer, please";
    const result = streamText({ model: model(), prompt });
    const deltas: string[] = [];
    for await (const d of result.textStream) deltas.push(d);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe(`mock reply to: ${prompt}`);
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(tokens(prompt));
    expect(usage.outputTokens).toBe(tokens(deltas.join("")));
    expect(await result.finishReason).toBe("stop");
    expect(server.requests[0]!.stream).toBe(true);
    expect(calls[0]!.mode).toBe("stream");
  });

  it("streams structured output that validates at the end", async () => {
    const result = streamText({ model: model(), prompt: "Review this", output: Output.object({ schema }) });
    expect(schema.parse(await result.output)).toEqual({ title: "example", score: 1, tags: ["example"] });
  });

  it("hands image parts to the model as bytes, records them small and counts their tokens", async () => {
    const prompt = "What is in this picture?";
    const result = await generateText({
      model: model(),
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: prompt },
            { type: "file", data: PNG, mediaType: "image/png" },
          ],
        },
      ],
    });
    const r = server.requests[0]!;
    expect(JSON.stringify(r.body)).not.toContain(PNG_BASE64);
    expect(JSON.stringify(r.body)).toContain(`[70 bytes, sha256 ${PNG_SHA}]`);
    expect(r.media).toEqual([{ kind: "image", mediaType: "image/png", bytes: 70, sha256: PNG_SHA }]);
    const user = calls[0]!.prompt.find((m) => m.role === "user")!;
    expect(user.content).toContainEqual(
      expect.objectContaining({ type: "file", mediaType: "image/png", data: { type: "data", data: PNG } }),
    );
    expect(calls[0]!.lastUserText).toBe(prompt);
    expect(calls[0]!.lastUserMedia).toEqual([{ mediaType: "image/png", bytes: 70 }]);
    expect(result.usage.inputTokens).toBe(tokens(prompt) + c.media.png);
  });

  it("answers a forced tool call with arguments valid for the tool's schema", async () => {
    const weather = tool({
      description: "Weather",
      inputSchema: z.object({ city: z.string(), days: z.int().min(1) }),
    });
    const result = await generateText({
      model: model(),
      prompt: "Weather in Paris?",
      tools: { weather },
      toolChoice: { type: "tool", toolName: "weather" },
    });
    expect(result.toolCalls.map((t) => [t.toolName, t.input])).toEqual([
      ["weather", { city: "example", days: 1 }],
    ]);
  });

  it("streams a tool call when a tool is required", async () => {
    const lookup = tool({ inputSchema: z.object({ query: z.string() }) });
    const result = streamText({
      model: model(),
      prompt: "Look it up",
      tools: { lookup },
      toolChoice: "required",
    });
    const toolCalls = await result.toolCalls;
    expect(toolCalls.map((t) => [t.toolName, t.input])).toEqual([["lookup", { query: "example" }]]);
  });

  it("sends earlier tool calls and results back in the next step", async () => {
    const add = tool({
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      execute: async ({ a, b }) => a + b,
    });
    script = (call) => (call.index === 0 ? undefined : { text: "The sum is 2." });
    const result = await generateText({
      model: model(),
      prompt: "Add",
      tools: { add },
      toolChoice: "required",
      stopWhen: ({ steps }) => steps.length >= 2,
      prepareStep: ({ stepNumber }) => (stepNumber === 1 ? { toolChoice: "none" } : {}),
    });
    expect(result.text).toBe("The sum is 2.");
    const second = calls[1]!.prompt;
    expect(second.some((m) => m.role === "assistant" && m.content.some((p) => p.type === "tool-call"))).toBe(
      true,
    );
    expect(second.some((m) => m.role === "tool")).toBe(true);
  });

  it("reports the usage a responder scripts", async () => {
    script = () => ({
      text: "scripted",
      usage: { inputTokens: 100, cachedInputTokens: 40, outputTokens: 30, reasoningTokens: 20 },
    });
    const result = await generateText({ model: model(), prompt: "x" });
    expect(result.text).toBe("scripted");
    expect(result.usage.inputTokens).toBe(100);
    expect(result.usage.outputTokens).toBe(30);
    if (c.cached) expect(result.usage.inputTokenDetails.cacheReadTokens).toBe(40);
    if (c.reasoning) expect(result.usage.outputTokenDetails.reasoningTokens).toBe(20);
  });

  it("reports a reply cut at the length limit", async () => {
    script = () => ({ text: "cut sh", finishReason: "length" });
    const result = await generateText({ model: model(), prompt: "x" });
    expect(result.text).toBe("cut sh");
    expect(result.finishReason).toBe("length");
  });

  it("shows the responder the dialect, model and recorded request", async () => {
    await generateText({ model: model(), system: "Be brief.", prompt: "Hello" });
    const call = calls[0]!;
    expect([call.provider, call.model, call.lastUserText, call.mode]).toEqual([
      c.flavor,
      c.modelId,
      "Hello",
      "generate",
    ]);
    expect(call.prompt[0]).toEqual({ role: "system", content: "Be brief." });
    expect(call.request).toBe(server.requests[0]);
  });
});
