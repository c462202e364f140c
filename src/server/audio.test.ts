import { createHash } from "node:crypto";
import { createOpenAI } from "@ai-sdk/openai";
import { experimental_generateSpeech as generateSpeech, experimental_transcribe as transcribe } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import { audioSeconds, sniff } from "./media-bytes.js";
import { apiError, halfSecondWav, PNG } from "./test-utils/helpers.js";
import type { MockServer } from "./types.js";

const WAV = halfSecondWav();
const SHA = createHash("sha256").update(WAV).digest("hex");

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ transcripts: { [SHA.slice(0, 12)]: "hello from the tone" } });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const openai = () => createOpenAI({ baseURL: server.baseURLs.openai, apiKey: "k" });

/** POSTs a multipart form to the transcription endpoint. */
async function upload(
  fields: Record<string, string>,
  file?: { bytes: Uint8Array; name: string; type: string },
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new File([Buffer.from(file.bytes)], file.name, { type: file.type }));
  const res = await fetch(`${server.url}/v1/audio/transcriptions`, {
    method: "POST",
    headers: { authorization: "Bearer k" },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

describe("POST /v1/audio/transcriptions", () => {
  it("answers experimental_transcribe with the registered transcript, duration and segments", async () => {
    const result = await transcribe({ model: openai().transcription("whisper-1"), audio: WAV });
    expect(result.text).toBe("hello from the tone");
    expect(result.durationInSeconds).toBe(0.5);
    expect(result.language).toBe("en");
    expect(result.segments).toEqual([{ text: "hello from the tone", startSecond: 0, endSecond: 0.5 }]);
    const r = server.requests[0]!;
    expect([r.path, r.api, r.model, r.status]).toEqual([
      "/v1/audio/transcriptions",
      "transcriptions",
      "whisper-1",
      200,
    ]);
    expect(r.body).toMatchObject({
      model: "whisper-1",
      response_format: "verbose_json",
      file: { type: "audio/wav", bytes: WAV.length, sha256: SHA.slice(0, 16) },
    });
    expect(r.media).toEqual([
      expect.objectContaining({ kind: "audio", mediaType: "audio/wav", bytes: WAV.length }),
    ]);
  });

  it("makes up a transcript for unknown audio, and reports token usage for gpt-4o-transcribe", async () => {
    const other = Uint8Array.from(WAV);
    other[100] = 7;
    const result = await transcribe({ model: openai().transcription("gpt-4o-transcribe"), audio: other });
    expect(result.text).toBe(`transcript of ${WAV.length} bytes of audio/wav`);
    const r = await upload(
      { model: "gpt-4o-transcribe" },
      { bytes: other, name: "a.wav", type: "audio/wav" },
    );
    expect(r.json()).toMatchObject({
      usage: { type: "tokens", input_tokens: 5, input_token_details: { audio_tokens: 5 } },
    });
  });

  it("answers text, srt and vtt, and rejects what OpenAI rejects", async () => {
    const file = { bytes: WAV, name: "a.wav", type: "audio/wav" };
    expect((await upload({ model: "whisper-1", response_format: "text" }, file)).text).toBe(
      "hello from the tone\n",
    );
    expect((await upload({ model: "whisper-1", response_format: "srt" }, file)).text).toBe(
      "1\n00:00:00,000 --> 00:00:00,500\nhello from the tone\n\n",
    );
    expect((await upload({ model: "whisper-1", response_format: "vtt" }, file)).text).toContain("WEBVTT");
    const noFile = await upload({ model: "whisper-1" });
    expect([noFile.status, noFile.json().error.message]).toEqual([
      400,
      "1 validation error for Request\nbody -> file\n  field required (type=value_error.missing)",
    ]);
    const image = await upload({ model: "whisper-1" }, { bytes: PNG, name: "a.png", type: "image/png" });
    expect(image.json().error.message).toMatch(/^Invalid file format\. Supported formats: \['flac'/);
    expect((await upload({ model: "unknown-model" }, file)).status).toBe(404);
    const e = await apiError(
      transcribe({ model: openai().transcription("whisper-1"), audio: PNG, maxRetries: 0 }),
    );
    expect(e.statusCode).toBe(400);
  });
});

describe("POST /v1/audio/speech", () => {
  it("answers experimental_generateSpeech with a WAV whose length grows with the text", async () => {
    const short = await generateSpeech({ model: openai().speech("gpt-4o-mini-tts"), text: "Hi there" });
    const long = await generateSpeech({
      model: openai().speech("tts-1"),
      text: "A much longer sentence to speak.",
      outputFormat: "wav",
    });
    expect(short.audio.mediaType).toBe("audio/wav");
    expect(sniff(short.audio.uint8Array)).toBe("audio/wav");
    expect(audioSeconds(short.audio.uint8Array)).toBeCloseTo(0.48, 2);
    expect(audioSeconds(long.audio.uint8Array)).toBeCloseTo(32 * 0.06, 2);
    const r = server.requests[0]!;
    expect([r.api, r.model, r.body]).toEqual([
      "speech",
      "gpt-4o-mini-tts",
      { model: "gpt-4o-mini-tts", input: "Hi there", voice: "alloy", response_format: "mp3" },
    ]);
  });

  it("answers pcm as raw samples and rejects bad requests", async () => {
    const post = (body: object) =>
      fetch(`${server.url}/v1/audio/speech`, {
        method: "POST",
        headers: { authorization: "Bearer k", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const pcm = await post({
      model: "tts-1",
      input: "abcd",
      voice: "alloy",
      response_format: "pcm",
      speed: 2,
    });
    expect(pcm.headers.get("content-type")).toBe("audio/pcm");
    expect((await pcm.arrayBuffer()).byteLength).toBe(Math.round(0.25 * 24_000) * 2);
    const noVoice = await post({ model: "tts-1", input: "x" });
    expect([noVoice.status, (await noVoice.json()).error]).toEqual([
      400,
      {
        message: "Missing required parameter: 'voice'.",
        type: "invalid_request_error",
        param: "voice",
        code: null,
      },
    ]);
    const format = await post({ model: "tts-1", input: "x", voice: "alloy", response_format: "ogg" });
    expect((await format.json()).error.param).toBe("response_format");
  });
});
