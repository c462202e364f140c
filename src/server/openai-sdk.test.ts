import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import { halfSecondWav, PNG_BASE64 } from "./test-utils/helpers.js";
import type { MockServer } from "./types.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());

const prompt = "Hello from the official SDK";
const messages = [{ role: "user" as const, content: prompt }];
const client = () => new OpenAI({ baseURL: server.baseURLs.openai, apiKey: "sk-test", maxRetries: 0 });

describe("the official openai SDK against /v1/chat/completions", () => {
  it("gets a completion with usage", async () => {
    const r = await client().chat.completions.create({ model: "gpt-4o-mini", messages });
    expect(r.choices[0]!.message.content).toBe(`mock reply to: ${prompt}`);
    expect(r.choices[0]!.finish_reason).toBe("stop");
    expect(r.usage?.prompt_tokens).toBe(Math.ceil(prompt.length / 4));
    expect(server.requests.at(-1)!.headers["user-agent"]).toMatch(/^OpenAI\/JS/);
  });

  it("streams chunks and the usage chunk", async () => {
    const stream = await client().chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let completionTokens: number | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? "";
      completionTokens = chunk.usage?.completion_tokens ?? completionTokens;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text).toBe(`mock reply to: ${prompt}`);
    expect(completionTokens).toBe(Math.ceil(text.length / 4));
  });

  it("returns structured output for a json_schema response_format", async () => {
    const r = await client().chat.completions.create({
      model: "gpt-4o-mini",
      messages,
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "review",
          schema: {
            type: "object",
            properties: { stars: { type: "integer", minimum: 1 } },
            required: ["stars"],
          },
        },
      },
    });
    expect(JSON.parse(r.choices[0]!.message.content!)).toEqual({ stars: 1 });
  });

  it("raises its RateLimitError for a 429, with retry-after", async () => {
    const error = await client()
      .chat.completions.create({ model: "gpt-4o-mini", messages }, { headers: { "x-mock-fault": "429" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const e = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.headers?.get("retry-after")).toBe("1");
    expect(e.code).toBe("rate_limit_exceeded");
  });

  it("raises AuthenticationError and NotFoundError with the server's messages", async () => {
    const strict = await startMockServer({ apiKey: "right" });
    try {
      const wrong = new OpenAI({ baseURL: strict.baseURLs.openai, apiKey: "wrong", maxRetries: 0 });
      await expect(wrong.chat.completions.create({ model: "gpt-4o-mini", messages })).rejects.toBeInstanceOf(
        OpenAI.AuthenticationError,
      );
    } finally {
      await strict.close();
    }
    const missing = await client()
      .chat.completions.create({ model: "unknown-model", messages })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as Error).message).toContain("The model `unknown-model` does not exist");
  });

  it("uses the Responses API too", async () => {
    const r = await client().responses.create({ model: "gpt-4o-mini", input: prompt });
    expect(r.output_text).toBe(`mock reply to: ${prompt}`);
  });
});

describe("the official openai SDK with media", () => {
  it("sends an image and audio to chat completions and reads the audio tokens", async () => {
    const wav = Buffer.from(halfSecondWav()).toString("base64");
    const r = await client().chat.completions.create({
      model: "gpt-4o",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image_url", image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: "low" } },
            { type: "input_audio", input_audio: { data: wav, format: "wav" } },
          ],
        },
      ],
    });
    expect(r.usage?.prompt_tokens).toBe(4 + 85 + 5);
    expect(r.usage?.prompt_tokens_details?.audio_tokens).toBe(5);
    expect(server.requests.at(-1)!.media.map((m) => m.mediaType)).toEqual(["image/png", "audio/wav"]);
  });

  it("gets a BadRequestError for a malformed image", async () => {
    const e = await client()
      .chat.completions.create({
        model: "gpt-4o",
        messages: [
          { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,!" } }] },
        ],
      })
      .catch((error: unknown) => error);
    expect(e).toBeInstanceOf(OpenAI.BadRequestError);
    expect((e as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(
      "messages[0].content[0].image_url.url",
    );
  });

  it("transcribes a file and makes speech", async () => {
    const file = new File([Buffer.from(halfSecondWav())], "tone.wav", { type: "audio/wav" });
    const t = await client().audio.transcriptions.create({ model: "gpt-4o-transcribe", file });
    expect(t.text).toBe("transcript of 8044 bytes of audio/wav");
    const speech = await client().audio.speech.create({
      model: "tts-1",
      voice: "alloy",
      input: "Hi",
      response_format: "wav",
    });
    expect(
      Buffer.from(await speech.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe("RIFF");
  });
});
