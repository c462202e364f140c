import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import { b64, halfSecondWav, PDF, PNG, PNG_BASE64, postJson } from "./test-utils/helpers.js";
import type { MockServer, ServerCall } from "./types.js";

let server: MockServer;
let calls: ServerCall[];

beforeAll(async () => {
  server = await startMockServer({
    responder: (call) => {
      calls.push(call);
      return undefined;
    },
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  calls = [];
});

const WAV = halfSecondWav();

/** The file parts the model received in its last user message. */
const fileParts = (call: ServerCall) =>
  call.prompt.findLast((m) => m.role === "user")!.content.filter((p) => p.type === "file");

const bearer = { "content-type": "application/json", authorization: "Bearer k" };
const post = (path: string, body: unknown, headers: Record<string, string> = bearer) =>
  postJson(`${server.url}${path}`, body, headers);
const user = (content: unknown, extra: object = {}) => [{ role: "user", content, ...extra }];

describe("each wire format's own media fields, as raw HTTP", () => {
  it("OpenAI chat: image detail, URLs kept as URLs, input_audio, file_data; audio tokens in the usage", async () => {
    const r = await post("/v1/chat/completions", {
      model: "gpt-4o",
      messages: user([
        { type: "text", text: "Look" },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: "low" } },
        { type: "image_url", image_url: { url: "https://example.com/cat.png" } },
        { type: "input_audio", input_audio: { data: b64(WAV), format: "wav" } },
        { type: "file", file: { file_data: `data:application/pdf;base64,${b64(PDF)}`, filename: "a.pdf" } },
      ]),
    });
    expect(r.status).toBe(200);
    const parts = fileParts(calls[0]!);
    expect(parts.map((p) => [p.mediaType, p.data.type])).toEqual([
      ["image/png", "data"],
      ["image", "url"],
      ["audio/wav", "data"],
      ["application/pdf", "data"],
    ]);
    expect(parts[0]!.providerOptions).toEqual({ openai: { imageDetail: "low" } });
    expect(parts[3]!.filename).toBe("a.pdf");
    // low detail 85; the URL's size is unknown (512×512: 85 + 170); 0.5 s of audio: 5; a page: 85 + 4 × 170
    const media = 85 + 255 + 5 + 765;
    expect(r.body.usage).toMatchObject({
      prompt_tokens: 1 + media,
      prompt_tokens_details: { audio_tokens: 5, cached_tokens: 0 },
    });
    expect(server.requests[0]!.media.map((m) => m.url ?? m.bytes)).toEqual([
      70,
      "https://example.com/cat.png",
      WAV.length,
      PDF.length,
    ]);
  });

  it("OpenAI Responses: input_image by URL or file id, input_file by data, URL or file id", async () => {
    const r = await post("/v1/responses", {
      model: "gpt-4o",
      input: user([
        { type: "input_text", text: "Hi" },
        { type: "input_image", image_url: `data:image/png;base64,${PNG_BASE64}`, detail: "high" },
        { type: "input_image", file_id: "file-img" },
        { type: "input_file", file_url: "https://example.com/x.pdf" },
        { type: "input_file", file_id: "file-doc", filename: "doc.pdf" },
      ]),
    });
    expect(r.status).toBe(200);
    expect(fileParts(calls[0]!).map((p) => p.data.type)).toEqual(["data", "reference", "url", "reference"]);
    expect(server.requests[0]!.media.map((m) => m.reference ?? m.url ?? m.kind)).toEqual([
      "image",
      "file-img",
      "https://example.com/x.pdf",
      "file-doc",
    ]);
    expect(r.body.usage).toMatchObject({ input_tokens: 1 + 255 + 255 + 765 + 765 });
  });

  it("Anthropic: base64 and URL images, PDF and text documents; images counted in input_tokens", async () => {
    const r = await post(
      "/v1/messages",
      {
        model: "claude-sonnet-4-5",
        max_tokens: 100,
        messages: user([
          { type: "image", source: { type: "base64", media_type: "image/png", data: PNG_BASE64 } },
          { type: "image", source: { type: "url", url: "https://example.com/a.jpg" } },
          { type: "document", source: { type: "base64", media_type: "application/pdf", data: b64(PDF) } },
          { type: "document", source: { type: "text", media_type: "text/plain", data: "Plain doc" } },
          { type: "text", text: "What?" },
        ]),
      },
      { "content-type": "application/json", "x-api-key": "k" },
    );
    expect(r.status).toBe(200);
    expect(fileParts(calls[0]!).map((p) => [p.mediaType, p.data.type])).toEqual([
      ["image/png", "data"],
      ["image", "url"],
      ["application/pdf", "data"],
    ]);
    expect(calls[0]!.lastUserText).toBe("Plain doc\nWhat?");
    // 1 (1×1) + 350 (512×512 / 750) + 1500 (a page) + text "Plain docWhat?" (14 characters: 4)
    expect(r.body.usage).toMatchObject({ input_tokens: 1 + 350 + 1500 + 4 });
  });

  it("Gemini: inline_data and file_data in both spellings; promptTokensDetails by modality", async () => {
    const r = await post(
      "/v1beta/models/gemini-2.5-flash:generateContent",
      {
        contents: [
          {
            role: "user",
            parts: [
              { text: "Describe" },
              { inline_data: { mime_type: "image/png", data: PNG_BASE64 } },
              { inlineData: { mimeType: "audio/wav", data: b64(WAV) } },
              { file_data: { mime_type: "video/mp4", file_uri: "https://example.com/v.mp4" } },
              { fileData: { mimeType: "application/pdf", fileUri: "gs://bucket/doc.pdf" } },
            ],
          },
        ],
      },
      { "content-type": "application/json", "x-goog-api-key": "k" },
    );
    expect(r.status).toBe(200);
    expect(fileParts(calls[0]!).map((p) => [p.mediaType, p.data.type])).toEqual([
      ["image/png", "data"],
      ["audio/wav", "data"],
      ["video/mp4", "url"],
      ["application/pdf", "url"],
    ]);
    // image 258, audio 0.5 s × 32, video of unknown length (10 s × 263), a page 258
    expect(r.body.usageMetadata).toMatchObject({
      promptTokenCount: 2 + 258 + 16 + 2630 + 258,
      promptTokensDetails: [
        { modality: "TEXT", tokenCount: 2 },
        { modality: "IMAGE", tokenCount: 258 },
        { modality: "AUDIO", tokenCount: 16 },
        { modality: "VIDEO", tokenCount: 2630 },
        { modality: "DOCUMENT", tokenCount: 258 },
      ],
    });
  });

  it("Mistral image_url strings and document_url; Ollama's images on the message", async () => {
    const m = await post("/mistral/v1/chat/completions", {
      model: "mistral-small-latest",
      messages: user([
        { type: "text", text: "Read" },
        { type: "image_url", image_url: `data:image/png;base64,${PNG_BASE64}` },
        { type: "document_url", document_url: "https://example.com/d.pdf" },
      ]),
    });
    expect(m.status).toBe(200);
    expect(fileParts(calls[0]!).map((p) => [p.mediaType, p.data.type])).toEqual([
      ["image/png", "data"],
      ["application/pdf", "url"],
    ]);
    const o = await post(
      "/ollama/v1/chat/completions",
      { model: "llama3.2", messages: user("What is this?", { images: [PNG_BASE64] }) },
      { "content-type": "application/json" },
    );
    expect(o.status).toBe(200);
    expect(fileParts(calls[1]!)).toEqual([
      expect.objectContaining({ mediaType: "image/png", data: { type: "data", data: PNG } }),
    ]);
    expect(calls[1]!.lastUserText).toBe("What is this?");
  });

  it("a responder's input tokens are taken as they are, without media tokens", async () => {
    const s = await startMockServer({ replies: [{ text: "ok", usage: { inputTokens: 7 } }] });
    try {
      const r = await postJson(
        `${s.url}/v1/chat/completions`,
        {
          model: "gpt-4o",
          messages: user([{ type: "input_audio", input_audio: { data: b64(WAV), format: "wav" } }]),
        },
        bearer,
      );
      expect(r.body.usage).toMatchObject({ prompt_tokens: 7, prompt_tokens_details: { audio_tokens: 0 } });
    } finally {
      await s.close();
    }
  });

  it("the simulated model answers a prompt with an image from its text", async () => {
    const r = await post("/v1/chat/completions", {
      model: "sim:sentiment",
      messages: user([
        { type: "text", text: "Classify the sentiment: I love it. Answer with one word." },
        { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
      ]),
    });
    expect(r.status).toBe(200);
    const text = (r.body.choices as { message: { content: string } }[])[0]!.message.content;
    expect(text.length).toBeGreaterThan(0);
    expect((r.body.usage as { prompt_tokens: number }).prompt_tokens).toBeGreaterThan(255);
  });
});
