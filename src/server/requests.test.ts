import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import { apiError, postJson } from "./test-utils/helpers.js";
import type { MockServer } from "./types.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const json = { "content-type": "application/json" };
const bearer = { ...json, authorization: "Bearer sk-test" };
const chat = { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] };

const post = (path: string, body: unknown, headers: Record<string, string> = bearer) =>
  postJson(`${server.url}${path}`, body, headers);

describe("malformed requests get each provider's 400", () => {
  it("OpenAI: invalid JSON, missing or empty messages, a bad role", async () => {
    expect(await post("/v1/chat/completions", "{not json")).toMatchObject({
      status: 400,
      body: {
        error: { type: "invalid_request_error", message: expect.stringContaining("parse the JSON body") },
      },
    });
    const missing = await post("/v1/chat/completions", { model: "gpt-4o-mini" });
    expect(missing.body).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: "invalid_request_error",
        param: "messages",
        code: null,
      },
    });
    expect((await post("/v1/chat/completions", { ...chat, messages: [] })).body.error).toMatchObject({
      param: "messages",
    });
    const role = await post("/v1/chat/completions", { ...chat, messages: [{ role: "robot", content: "x" }] });
    expect(role.body.error).toMatchObject({ param: "messages[0].role" });
    expect((await post("/v1/chat/completions", { messages: chat.messages })).body.error).toMatchObject({
      param: "model",
    });
    expect((await post("/v1/responses", { model: "gpt-4o-mini" })).body.error).toMatchObject({
      param: "input",
    });
  });

  it("Anthropic: a missing max_tokens", async () => {
    const r = await post(
      "/v1/messages",
      { model: "claude-sonnet-4-5", messages: [] },
      { ...json, "x-api-key": "k" },
    );
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      type: "error",
      error: { type: "invalid_request_error", message: "max_tokens: Field required" },
    });
    const role = await post(
      "/v1/messages",
      { model: "claude-sonnet-4-5", max_tokens: 10, messages: [{ role: "system", content: "x" }] },
      { ...json, "x-api-key": "k" },
    );
    expect(role.body.error).toMatchObject({
      message: "messages.0.role: Input should be 'user' or 'assistant'",
    });
  });

  it("Gemini: missing contents", async () => {
    const r = await post(
      "/v1beta/models/gemini-2.5-flash:generateContent",
      {},
      { ...json, "x-goog-api-key": "k" },
    );
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 400, status: "INVALID_ARGUMENT" } });
  });

  it("Mistral and Azure use their own error shapes", async () => {
    const m = await post("/mistral/v1/chat/completions", { model: "mistral-small-latest" });
    expect(m.body).toMatchObject({ object: "error", type: "invalid_request_error", param: "messages" });
    const a = await post(
      "/openai/v1/chat/completions",
      { model: "gpt-4o-mini" },
      { ...json, "api-key": "k" },
    );
    expect(a.body).toEqual({
      error: { code: "BadRequest", message: "Missing required parameter: 'messages'." },
    });
  });

  it("an unknown x-mock-fault value is a 400 that says what is allowed", async () => {
    const r = await post("/v1/chat/completions", chat, { ...bearer, "x-mock-fault": "boom" });
    expect(r.status).toBe(400);
    expect((r.body.error as { message: string }).message).toContain('unknown fault "boom"');
  });
});

describe("auth", () => {
  it("accepts each provider's way of sending the key, and records it redacted", async () => {
    const gemini = { contents: [{ parts: [{ text: "Hi" }] }] };
    expect(
      (await post("/v1beta/models/gemini-2.5-flash:generateContent?key=secret", gemini, json)).status,
    ).toBe(200);
    expect(server.requests[0]!.query.key).toBe("[redacted]");
    const anthropic = {
      model: "claude-sonnet-4-5",
      max_tokens: 10,
      messages: [{ role: "user", content: "Hi" }],
    };
    expect(
      (await post("/v1/messages", anthropic, { ...json, authorization: "Bearer oauth-token" })).status,
    ).toBe(200);
    expect((await post("/openai/v1/chat/completions", chat, { ...json, "api-key": "secret" })).status).toBe(
      200,
    );
    expect(server.requests[2]!.headers["api-key"]).toBe("[redacted]");
    expect((await post("/v1/chat/completions", chat, { ...json, authorization: "Basic abc" })).status).toBe(
      401,
    );
  });

  it("with `apiKey`, rejects other keys the way each provider does", async () => {
    const strict = await startMockServer({ apiKey: "right" });
    try {
      const wrong = createOpenAI({ baseURL: strict.baseURLs.openai, apiKey: "wrong" });
      const e = await apiError(
        generateText({ model: wrong.chat("gpt-4o-mini"), prompt: "x", maxRetries: 0 }),
      );
      expect(e.statusCode).toBe(401);
      expect(e.data).toMatchObject({ error: { code: "invalid_api_key" } });
      const ok = createOpenAI({ baseURL: strict.baseURLs.openai, apiKey: "right" });
      expect((await generateText({ model: ok.chat("gpt-4o-mini"), prompt: "x" })).text).toBe(
        "mock reply to: x",
      );
      const g = await fetch(`${strict.url}/v1beta/models/gemini-2.5-flash:generateContent`, {
        method: "POST",
        headers: { "x-goog-api-key": "wrong" },
        body: "{}",
      });
      expect(g.status).toBe(400);
      expect(await g.json()).toMatchObject({
        error: { status: "INVALID_ARGUMENT", details: [{ reason: "API_KEY_INVALID" }] },
      });
    } finally {
      await strict.close();
    }
  });
});

describe("models", () => {
  it("with `models`, other ids get 404 and the list shows the given ones", async () => {
    const s = await startMockServer({ models: ["gpt-4o-mini"] });
    try {
      const openai = createOpenAI({ baseURL: s.baseURLs.openai, apiKey: "k" });
      const e = await apiError(generateText({ model: openai.chat("gpt-4o"), prompt: "x", maxRetries: 0 }));
      expect(e.statusCode).toBe(404);
      expect(e.message).toBe("The model `gpt-4o` does not exist or you do not have access to it.");
      await generateText({ model: openai.chat("gpt-4o-mini"), prompt: "x" });
      const list = await (await fetch(`${s.url}/v1/models`, { headers: bearer })).json();
      expect(list.data.map((m: { id: string }) => m.id)).toEqual(["gpt-4o-mini"]);
    } finally {
      await s.close();
    }
  });
});
