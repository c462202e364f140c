import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import { apiError, b64, halfSecondWav, PDF, PNG_BASE64, postJson } from "./test-utils/helpers.js";
import type { MockServer } from "./types.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const json = { "content-type": "application/json" };
const post = (path: string, body: unknown, headers: Record<string, string>) =>
  postJson(`${server.url}${path}`, body, headers);
const chat = (part: unknown, path = "/v1/chat/completions") =>
  post(
    path,
    { model: "gpt-4o", messages: [{ role: "user", content: [part] }] },
    { ...json, authorization: "Bearer k" },
  );
const anthropic = (block: unknown) =>
  post(
    "/v1/messages",
    { model: "claude-sonnet-4-5", max_tokens: 10, messages: [{ role: "user", content: [block] }] },
    { ...json, "x-api-key": "k" },
  );
const gemini = (part: unknown) =>
  post(
    "/v1beta/models/gemini-2.5-flash:generateContent",
    { contents: [{ role: "user", parts: [{ text: "x" }, part] }] },
    { ...json, "x-goog-api-key": "k" },
  );

describe("malformed media gets the provider's 400", () => {
  it("OpenAI chat: a URL without data:, a bad MIME type, bad base64, an unreadable image, audio formats", async () => {
    const image = (url: string, detail?: string) => chat({ type: "image_url", image_url: { url, detail } });
    const noPrefix = await image(PNG_BASE64);
    expect(noPrefix).toMatchObject({
      status: 400,
      body: {
        error: {
          type: "invalid_request_error",
          param: "messages[0].content[0].image_url.url",
          code: "invalid_value",
          message: expect.stringContaining("but got a value without the 'data:' prefix."),
        },
      },
    });
    expect((await image(`data:image/svg+xml;base64,${PNG_BASE64}`)).body.error).toMatchObject({
      message: expect.stringContaining("unsupported MIME type 'image/svg+xml'"),
    });
    expect((await image("data:image/png;base64,not*base64")).body.error).toMatchObject({
      message: expect.stringContaining("invalid base64-encoded bytes"),
    });
    expect((await image("data:image/png;base64,")).body.error).toMatchObject({
      message: expect.stringContaining("empty base64-encoded bytes"),
    });
    expect((await image(`data:image/png;base64,${b64(PDF)}`)).body.error).toMatchObject({
      message: "You uploaded an unsupported image. Please make sure your image is valid.",
      code: "invalid_image_format",
    });
    expect((await image(`data:image/png;base64,${PNG_BASE64}`, "ultra")).body.error).toMatchObject({
      param: "messages[0].content[0].image_url.detail",
    });
    const ogg = await chat({
      type: "input_audio",
      input_audio: { data: b64(halfSecondWav()), format: "ogg" },
    });
    expect(ogg.body.error).toMatchObject({
      message: "Invalid value: 'ogg'. Supported values are: 'wav' and 'mp3'.",
      param: "messages[0].content[0].input_audio.format",
    });
    const file = await chat({ type: "file", file: { file_data: "JVBERi0=", filename: "a.pdf" } });
    expect(file.body.error).toMatchObject({ param: "messages[0].content[0].file.file_data" });
    const foreign = await chat({ type: "input_image", image_url: "https://example.com/a.png" });
    expect(foreign.body.error).toMatchObject({ param: "messages[0].content[0].type" });
  });

  it("Azure, Mistral and Ollama answer bad media in their own error shapes", async () => {
    const part = { type: "image_url", image_url: { url: "data:image/png;base64,@@" } };
    const messages = [{ role: "user", content: [part] }];
    const azure = await post(
      "/openai/v1/chat/completions",
      { model: "gpt-4o", messages },
      { ...json, "api-key": "k" },
    );
    expect(azure).toMatchObject({ status: 400, body: { error: { code: "BadRequest" } } });
    const mistral = await post(
      "/mistral/v1/chat/completions",
      { model: "mistral-small-latest", messages },
      { ...json, authorization: "Bearer k" },
    );
    expect(mistral).toMatchObject({ status: 400, body: { object: "error", type: "invalid_request_error" } });
    const ollama = await post(
      "/ollama/v1/chat/completions",
      { model: "llama3.2", messages: [{ role: "user", content: "x", images: ["not base64!"] }] },
      json,
    );
    expect(ollama).toMatchObject({
      status: 400,
      body: { error: { message: "illegal base64 data at input byte 3" } },
    });
  });

  it("OpenAI Responses: a bad input_image", async () => {
    const r = await post(
      "/v1/responses",
      { model: "gpt-4o", input: [{ role: "user", content: [{ type: "input_image", image_url: "nope" }] }] },
      { ...json, authorization: "Bearer k" },
    );
    expect(r).toMatchObject({ status: 400, body: { error: { param: "input[0].content[0].image_url" } } });
  });

  it("Anthropic: media types, base64, mismatched bytes, a bad PDF, and audio blocks", async () => {
    const image = (media_type: string, data: string) =>
      anthropic({ type: "image", source: { type: "base64", media_type, data } });
    expect(await image("image/svg+xml", PNG_BASE64)).toEqual({
      status: 400,
      headers: expect.anything(),
      body: {
        type: "error",
        error: {
          type: "invalid_request_error",
          message:
            "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'",
        },
      },
    });
    expect((await image("image/png", "%%%")).body.error).toMatchObject({
      message: "messages.0.content.0.image.source.base64.data: Invalid base64 data",
    });
    expect((await image("image/jpeg", PNG_BASE64)).body.error).toMatchObject({
      message:
        "messages.0.content.0.image.source.base64.data: Image does not match the provided media type image/jpeg",
    });
    const doc = await anthropic({
      type: "document",
      source: { type: "base64", media_type: "application/pdf", data: PNG_BASE64 },
    });
    expect(doc.body.error).toMatchObject({
      message: expect.stringContaining("The PDF specified was not valid."),
    });
    const audio = await anthropic({
      type: "input_audio",
      input_audio: { data: b64(halfSecondWav()), format: "wav" },
    });
    expect(audio).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining("Input tag 'input_audio' found using 'type'") } },
    });
  });

  it("Gemini: bad base64 (with a field violation), a missing or unsupported MIME type", async () => {
    const bad = await gemini({ inlineData: { mimeType: "image/png", data: "***" } });
    expect(bad).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 400,
          status: "INVALID_ARGUMENT",
          message: `Invalid value at 'contents[0].parts[1].inline_data.data' (TYPE_BYTES), Base64 decoding failed for "***"`,
          details: [{ fieldViolations: [{ field: "contents[0].parts[1].inline_data.data" }] }],
        },
      },
    });
    expect((await gemini({ inlineData: { data: PNG_BASE64 } })).body.error).toMatchObject({
      message: expect.stringContaining("mime_type is not specified"),
    });
    expect(
      (await gemini({ inline_data: { mime_type: "image/jpg", data: PNG_BASE64 } })).body.error,
    ).toMatchObject({
      message: "Unsupported MIME type: image/jpg",
      status: "INVALID_ARGUMENT",
    });
  });

  it("reach the AI SDK as an APICallError with status 400", async () => {
    const claude = createAnthropic({ baseURL: server.baseURLs.anthropic, apiKey: "k" })("claude-sonnet-4-5");
    const e = await apiError(
      generateText({
        model: claude,
        maxRetries: 0,
        messages: [{ role: "user", content: [{ type: "file", data: PDF, mediaType: "image/png" }] }],
      }),
    );
    expect([e.statusCode, e.isRetryable, e.message]).toEqual([
      400,
      false,
      "messages.0.content.0.image.source.base64.data: Image does not match the provided media type image/png",
    ]);
    const gpt = createOpenAI({ baseURL: server.baseURLs.openai, apiKey: "k" }).chat("gpt-4o");
    const e2 = await apiError(
      generateText({
        model: gpt,
        maxRetries: 0,
        messages: [{ role: "user", content: [{ type: "file", data: PDF, mediaType: "image/png" }] }],
      }),
    );
    expect(e2.statusCode).toBe(400);
    expect(e2.data).toMatchObject({ error: { code: "invalid_image_format" } });
  });
});
