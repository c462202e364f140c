import { generateText, streamText } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockServer } from "./index.js";
import { halfSecondWav, PDF } from "./test-utils/helpers.js";
import { PROVIDER_CASES } from "./test-utils/provider-cases.js";
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

const tokens = (text: string) => Math.ceil(text.length / 4);
const WAV = halfSecondWav();

/** The file parts the model received in its last user message. */
const fileParts = (call: ServerCall) =>
  call.prompt.findLast((m) => m.role === "user")!.content.filter((p) => p.type === "file");

describe.each(PROVIDER_CASES)("$name: media through its AI SDK package", (c) => {
  it("hands a PDF to the model as bytes, records it and counts its page", async () => {
    const prompt = "Summarize the document";
    const result = await generateText({
      model: c.model(server),
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: prompt },
            { type: "file", data: PDF, mediaType: "application/pdf", filename: "one.pdf" },
          ],
        },
      ],
    });
    expect(result.text).toBe(`mock reply to: ${prompt}`);
    const [part] = fileParts(calls[0]!);
    expect(part).toMatchObject({ mediaType: "application/pdf", data: { type: "data", data: PDF } });
    expect(server.requests[0]!.media).toEqual([
      expect.objectContaining({ kind: "document", mediaType: "application/pdf", bytes: PDF.length }),
    ]);
    expect(calls[0]!.lastUserMedia).toEqual([expect.objectContaining({ mediaType: "application/pdf" })]);
    expect(result.usage.inputTokens).toBe(tokens(prompt) + c.media.pdf);
  });
});

// Only the providers whose AI SDK package sends audio (Anthropic's, Mistral's and the Responses
// models refuse audio parts before any request is made).
describe.each(PROVIDER_CASES.filter((c) => c.media.wav !== undefined))(
  "$name: audio through its AI SDK package",
  (c) => {
    it("hands WAV audio to the model and counts its seconds", async () => {
      const prompt = "Transcribe this";
      const result = streamText({
        model: c.model(server),
        messages: [
          {
            role: "user",
            content: [
              { type: "text", text: prompt },
              { type: "file", data: WAV, mediaType: "audio/wav" },
            ],
          },
        ],
      });
      expect(await result.text).toBe(`mock reply to: ${prompt}`);
      expect(fileParts(calls[0]!)).toEqual([
        expect.objectContaining({ mediaType: "audio/wav", data: { type: "data", data: WAV } }),
      ]);
      expect(server.requests[0]!.media).toEqual([
        expect.objectContaining({ kind: "audio", mediaType: "audio/wav", bytes: WAV.length }),
      ]);
      expect((await result.usage).inputTokens).toBe(tokens(prompt) + c.media.wav!);
    });
  },
);
