import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import type { MockServer } from "./types.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());

interface Event {
  event?: string;
  data: string;
}

/** POSTs and splits the SSE answer into events. */
async function sse(path: string, headers: Record<string, string>, body: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const events: Event[] = text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const e: Event = { data: "" };
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) e.event = line.slice(7);
        if (line.startsWith("data: ")) e.data = line.slice(6);
      }
      return e;
    });
  return { res, events, json: events.filter((e) => e.data !== "[DONE]").map((e) => JSON.parse(e.data)) };
}

const messages = [{ role: "user", content: "Wire check" }];

describe("the wire formats, as raw HTTP", () => {
  it("OpenAI chat streams chunks, a finish chunk, a usage chunk and [DONE]", async () => {
    const { res, events, json } = await sse(
      "/v1/chat/completions",
      { authorization: "Bearer k" },
      { model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } },
    );
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("x-request-id")).toMatch(/^req_mock/);
    expect(events.at(-1)!.data).toBe("[DONE]");
    expect(json[0]).toMatchObject({
      object: "chat.completion.chunk",
      choices: [{ delta: { role: "assistant", content: "" } }],
    });
    expect(json.at(-2)!.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(json.at(-1)).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 3,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(
      json
        .slice(1, -2)
        .map((c) => c.choices[0].delta.content)
        .join(""),
    ).toBe("mock reply to: Wire check");
  });

  it("OpenAI chat sends no usage chunk unless asked, Mistral puts usage in the last chunk", async () => {
    const openai = await sse(
      "/v1/chat/completions",
      { authorization: "Bearer k" },
      { model: "m", messages, stream: true },
    );
    expect(openai.json.some((c) => c.usage)).toBe(false);
    const mistral = await sse(
      "/mistral/v1/chat/completions",
      { authorization: "Bearer k" },
      { model: "m", messages, stream: true },
    );
    expect(mistral.json.at(-1)).toMatchObject({
      choices: [{ finish_reason: "stop" }],
      usage: { prompt_tokens: 3 },
    });
  });

  it("OpenAI Responses streams named events from response.created to response.completed", async () => {
    const { events, json } = await sse(
      "/v1/responses",
      { authorization: "Bearer k" },
      { model: "gpt-4o-mini", input: "Wire check", stream: true },
    );
    const names = [...new Set(events.map((e) => e.event))];
    expect(names).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(json.map((e) => e.sequence_number)).toEqual(json.map((_, i) => i));
    expect(json.at(-1).response).toMatchObject({
      status: "completed",
      usage: { input_tokens: 3, output_tokens: 7 },
    });
  });

  it("OpenAI Responses marks a reply cut by max_output_tokens as incomplete", async () => {
    const res = await fetch(`${server.url}/v1/responses`, {
      method: "POST",
      headers: { authorization: "Bearer k" },
      body: JSON.stringify({
        model: "gpt-4o-mini",
        input: "A question that gets a long reply",
        max_output_tokens: 2,
      }),
    });
    expect(await res.json()).toMatchObject({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
    });
  });

  it("Anthropic streams message_start, a content block with ping, message_delta with usage, message_stop", async () => {
    const { events, json } = await sse(
      "/v1/messages",
      { "x-api-key": "k", "anthropic-version": "2023-06-01" },
      { model: "claude-sonnet-4-5", max_tokens: 100, messages, stream: true },
    );
    const names = events.map((e) => e.event).filter((n, i, all) => n !== all[i - 1]);
    expect(names).toEqual([
      "message_start",
      "content_block_start",
      "ping",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(json[0].message.usage).toMatchObject({ input_tokens: 3, cache_read_input_tokens: 0 });
    expect(json.at(-2)).toEqual({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: 7 },
    });
  });

  it("Anthropic answers a forced tool with a tool_use block", async () => {
    const res = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k" },
      body: JSON.stringify({
        model: "claude-sonnet-4-5",
        max_tokens: 100,
        messages,
        tools: [
          {
            name: "json",
            input_schema: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] },
          },
        ],
        tool_choice: { type: "tool", name: "json" },
      }),
    });
    const body = (await res.json()) as { content: unknown[]; stop_reason: string };
    expect(body.stop_reason).toBe("tool_use");
    expect(body.content).toEqual([
      { type: "tool_use", id: expect.stringMatching(/^toolu_/), name: "json", input: { ok: true } },
    ]);
  });

  it("Gemini streams data-only chunks, the last with finishReason and usageMetadata", async () => {
    const { events, json } = await sse(
      "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
      { "x-goog-api-key": "k" },
      { contents: [{ role: "user", parts: [{ text: "Wire check" }] }] },
    );
    expect(events.every((e) => e.event === undefined)).toBe(true);
    expect(json.map((c) => c.candidates[0].content.parts[0].text).join("")).toBe("mock reply to: Wire check");
    expect(json.at(-1)).toMatchObject({
      candidates: [{ finishReason: "STOP" }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 7, totalTokenCount: 10 },
    });
  });

  it("Gemini reads an OpenAPI responseSchema with upper-case types and a forced function", async () => {
    const post = (body: object) =>
      fetch(`${server.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
        method: "POST",
        headers: { "x-goog-api-key": "k" },
        body: JSON.stringify({ contents: [{ parts: [{ text: "x" }] }], ...body }),
      }).then((r) => r.json());
    const schema = { type: "OBJECT", properties: { n: { type: "INTEGER" } }, required: ["n"] };
    const structured = await post({
      generationConfig: { responseMimeType: "application/json", responseSchema: schema },
    });
    expect(JSON.parse(structured.candidates[0].content.parts[0].text)).toEqual({ n: 1 });
    const called = await post({
      tools: [{ functionDeclarations: [{ name: "count", parameters: schema }] }],
      toolConfig: { functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["count"] } },
    });
    expect(called.candidates[0].content.parts[0]).toEqual({
      functionCall: { name: "count", args: { n: 1 } },
    });
  });

  it("a 429 has retry-after and each provider's rate-limit error", async () => {
    const res = await fetch(`${server.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k", "x-mock-fault": "429" },
      body: JSON.stringify({ model: "claude-sonnet-4-5", max_tokens: 10, messages }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.headers.get("request-id")).toMatch(/^req_mock/);
    expect(await res.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
  });
});
