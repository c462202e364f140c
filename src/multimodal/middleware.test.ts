import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenAI } from "@ai-sdk/openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "../index.js";
import type { Middleware } from "../core/middleware.js";
import { definePrompt } from "../core/prompt.js";
import { type MockCall, mockModel } from "../models/mock-model.js";
import { startMockServer } from "../server/index.js";
import type { MockServer } from "../server/types.js";
import { readWavHeader } from "./audio/wav.js";
import { loadMedia } from "./load.js";
import { multimodal } from "./middleware.js";
import { pdfMedia } from "./pdf/test-utils/pdfs.js";
import { speak, transcribeMedia } from "./speech.js";
import { testVideo, tone } from "./test-utils/av.js";
import { makeImage } from "./test-utils/images.js";

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ transcripts: {} });
});
afterAll(() => server.close());

/** A prompt on a mock model that records what each call received. */
function recorder(prompt: string, middleware = multimodal()) {
  const calls: MockCall[] = [];
  const model = mockModel({
    responder: (call) => {
      calls.push(call);
      return { text: "ok" };
    },
  });
  return { calls, prompt: definePrompt({ name: "m", model, user: prompt, middleware: [middleware] }) };
}

/** A mock model that takes only text and images, like Ollama. */
const textAndImages = { capabilities: { mock: ["text", "image"] as const } };

describe("multimodal(): media fitted to the model", () => {
  it("a PDF to a model that cannot take PDFs is an error naming the variable, the providers and the fallback", async () => {
    const { prompt } = recorder("Summarise {{media url=doc}}", multimodal(textAndImages));
    await expect(prompt.run({ doc: await pdfMedia({ pages: 2 }) } as never)).rejects.toMatchObject({
      code: "FP_MODALITY_UNSUPPORTED",
      variable: "doc",
      message: expect.stringMatching(
        /cannot take pdf input \(variable "doc"\)\. Providers that take pdf: openai, azure, anthropic, google, mistral/,
      ),
      hint: expect.stringMatching(/pdf: "text"/),
    });
  });

  it('fallback pdf: "text" sends the pages\' text with page numbers', async () => {
    const { prompt, calls } = recorder(
      "Summarise {{media url=doc}}",
      multimodal({ ...textAndImages, fallback: { pdf: "text" } }),
    );
    const r = await prompt.execute({ doc: await pdfMedia({ pages: 2 }) } as never);
    expect(calls[0]!.lastUserText).toMatch(
      /\[page 1\]\s*This is page 1 of the test document[\s\S]*\[page 2\]/,
    );
    expect(calls[0]!.lastUserMedia).toEqual([]);
    expect(r.output).toBe("ok");
  });

  it('fallback pdf: "images" sends each page as an image after its label', async () => {
    const { prompt, calls } = recorder(
      "Read {{media url=doc}}",
      multimodal({ ...textAndImages, fallback: { pdf: "images" } }),
    );
    await prompt.run({ doc: await pdfMedia({ pages: 3 }) } as never);
    expect(calls[0]!.lastUserMedia.map((m) => m.mediaType)).toEqual(["image/png", "image/png", "image/png"]);
    expect(calls[0]!.lastUserText).toMatch(/\[page 1\][\s\S]*\[page 2\][\s\S]*\[page 3\]/);
  });

  it('fallback video: "frames" sends frames labelled with their timestamps', async () => {
    const { prompt, calls } = recorder(
      "What happens in {{media url=clip}}?",
      multimodal({ ...textAndImages, fallback: { video: "frames" }, frames: 4 }),
    );
    await prompt.run({ clip: await testVideo({ seconds: 2 }) } as never);
    expect(calls[0]!.lastUserMedia).toHaveLength(4);
    expect(calls[0]!.lastUserMedia.every((m) => m.mediaType === "image/jpeg")).toBe(true);
    expect(calls[0]!.lastUserText).toMatch(/\[frame at 00:00:00\.\d+\]/);
  });

  it('fallback audio: "transcript" transcribes through an AI SDK transcription model (the local server)', async () => {
    const voice = await tone("wav", { seconds: 1 });
    server.close();
    server = await startMockServer({ transcripts: { [voice.sha256]: "please cancel my order" } });
    const transcriber = createOpenAI({ baseURL: server.baseURLs.openai, apiKey: "test" }).transcription(
      "whisper-1",
    );
    const { prompt, calls } = recorder(
      "Classify {{media url=voice}}",
      multimodal({ ...textAndImages, fallback: { audio: "transcript" }, transcriber }),
    );
    await prompt.run({ voice } as never);
    expect(calls[0]!.lastUserText).toMatch(/\[transcript of .*\]\s*please cancel my order/);
    expect((await transcribeMedia(voice, transcriber)).text).toBe("please cancel my order");
  });

  it("images are fitted to the provider's limits before the call; small ones go as they are", async () => {
    const { prompt, calls } = recorder("Describe {{media url=photo}}");
    const big = await loadMedia(await makeImage(2400, 1800, { format: "jpeg", fill: "noise" }));
    await prompt.run({ photo: big } as never);
    const sent = calls[0]!.lastUserMedia[0]!;
    expect(sent.bytes).toBeLessThan(big.size);
    const small = await loadMedia(await makeImage(300, 200, { format: "png" }));
    await prompt.run({ photo: small } as never);
    expect(calls[1]!.lastUserMedia[0]!.bytes).toBe(small.size);
    // The same image again is not resized again (the prepared copy is kept by content hash).
    let seen: unknown;
    const spy: Middleware = async (ctx, next) => {
      const r = await next();
      seen = ctx.state.get("multimodal");
      return r;
    };
    await prompt.run({ photo: big } as never, { middleware: [spy] });
    expect(calls[2]!.lastUserMedia[0]!.bytes).toBe(sent.bytes);
    expect(seen).toEqual([expect.objectContaining({ variable: "photo", reused: true })]);
  });
});

describe("lists of media", () => {
  it("every Media of a list placed with {{#each}} is fitted too", async () => {
    const { prompt, calls } = recorder(
      "Compare {{#each shots}}{{media url=this}} {{/each}}",
      multimodal({ ...textAndImages, fallback: { pdf: "text" } }),
    );
    const small = await loadMedia(await makeImage(30, 20, { format: "png" }));
    await prompt.run({ shots: [small, await pdfMedia({ pages: 1 })] } as never);
    expect(calls[0]!.lastUserMedia.map((m) => m.mediaType)).toEqual(["image/png"]);
    expect(calls[0]!.lastUserText).toMatch(/\[page 1\]/);
  });
});

describe("speech", () => {
  it("speak() returns audio bytes with their format and duration, and saves them", async () => {
    const model = createOpenAI({ baseURL: server.baseURLs.openai, apiKey: "test" }).speech("gpt-4o-mini-tts");
    const s = await speak("Hello there, this is a test.", model, { format: "wav" });
    expect(s.media.kind).toBe("audio");
    expect(s.format).toMatch(/wav/);
    expect(s.durationSeconds).toBeGreaterThan(0.5);
    const file = join(mkdtempSync(join(tmpdir(), "fp-speech-")), "hello.wav");
    await s.save(file);
    expect(readWavHeader(readFileSync(file))?.duration).toBeCloseTo(s.durationSeconds!, 5);
  });
});

describe("through a real provider's wire format (the local server)", () => {
  it('detail: "low" reaches OpenAI as image_url.detail, after resizing to its low-detail size', async () => {
    const openai = createOpenAI({ baseURL: server.baseURLs.openai, apiKey: "test" });
    const p = definePrompt({
      name: "d",
      model: openai.chat("gpt-4o-mini"),
      user: "Describe {{media url=photo}}",
      middleware: [multimodal({ detail: "low" })],
    });
    await p.run({ photo: await loadMedia(await makeImage(2000, 1500, { format: "jpeg" })) } as never);
    const body = server.requests.at(-1)!.body as {
      messages: { content: { type: string; image_url?: { detail?: string } }[] }[];
    };
    const image = body.messages.at(-1)!.content.find((c) => c.type === "image_url")!;
    expect(image.image_url!.detail).toBe("low");
    expect(server.requests.at(-1)!.media![0]!.bytes).toBeLessThan(60_000);
  });

  it("a video's sound track is transcribed beside its frames when there is a transcriber", async () => {
    const transcriber = createOpenAI({ baseURL: server.baseURLs.openai, apiKey: "test" }).transcription(
      "whisper-1",
    );
    const { prompt, calls } = recorder(
      "What happens in {{media url=clip}}?",
      multimodal({ ...textAndImages, fallback: { video: "frames" }, frames: 2, transcriber }),
    );
    await prompt.run({ clip: await testVideo({ seconds: 2, audio: true }) } as never);
    expect(calls[0]!.lastUserMedia).toHaveLength(2);
    expect(calls[0]!.lastUserText).toMatch(
      /\[transcript of the sound track\]\s*transcript of \d+ bytes of audio\/wav/,
    );
  });

  it("images in earlier turns (history) reach the model in their turn", async () => {
    const { prompt, calls } = recorder("And now {{media url=photo}}?");
    const first = await loadMedia(await makeImage(40, 30, { format: "png" }));
    const second = await loadMedia(await makeImage(50, 30, { format: "png" }));
    await prompt.run({ photo: second } as never, {
      history: [
        { role: "user", content: [{ type: "text", text: "What is this?" }, first.toPart() as never] },
        { role: "assistant", content: "A grey square." },
      ],
    });
    const prompts = calls[0]!.prompt.filter((m) => m.role === "user");
    expect(prompts).toHaveLength(2);
    const fileParts = (m: (typeof prompts)[number]) =>
      (m.content as { type: string }[]).filter((c) => c.type === "file");
    expect(fileParts(prompts[0]!)).toHaveLength(1);
    expect(fileParts(prompts[1]!)).toHaveLength(1);
  });
});
