import {
  APICallError,
  type LanguageModelV4CallOptions,
  type LanguageModelV4Prompt,
  type LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { generateText, Output, streamText } from "ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { type MockReply, mockModel } from "./mock-model.js";

function userPrompt(text: string, system?: string): LanguageModelV4Prompt {
  return [
    ...(system ? [{ role: "system" as const, content: system }] : []),
    { role: "user", content: [{ type: "text", text }] },
  ];
}

function call(
  text = "Hello there",
  extra: Partial<LanguageModelV4CallOptions> = {},
): LanguageModelV4CallOptions {
  return { prompt: userPrompt(text), ...extra };
}

function textOf(result: { content: ReadonlyArray<{ type: string; text?: string }> }): string {
  return result.content.map((c) => c.text ?? "").join("");
}

async function readAll(
  stream: ReadableStream<LanguageModelV4StreamPart>,
): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("mockModel: identity", () => {
  it("is an AI SDK LanguageModelV4 named mock:<modelId>", () => {
    const model = mockModel();
    expect(model.specificationVersion).toBe("v4");
    expect(model.provider).toBe("mock");
    expect(model.modelId).toBe("mock");
    expect(mockModel({ modelId: "gpt-test" }).modelId).toBe("gpt-test");
    expect(model.supportedUrls).toEqual({ "image/*": [/^https?:\/\//] });
  });

  it("works with the AI SDK's generateText and streamText", async () => {
    const model = mockModel({ replies: ["Hi from the mock"] });
    const generated = await generateText({ model, prompt: "Say hi" });
    expect(generated.text).toBe("Hi from the mock");
    expect(generated.usage.inputTokens).toBe(2);
    const streamed = streamText({ model, prompt: "Say hi" });
    expect(await streamed.text).toBe("Hi from the mock");
  });

  it("gives generateText a structured object that matches the requested zod schema", async () => {
    const schema = z.object({
      title: z.string(),
      score: z.int().min(1).max(10),
      tags: z.array(z.string()).min(1),
    });
    const result = await generateText({
      model: mockModel(),
      prompt: "Review this",
      output: Output.object({ schema }),
    });
    expect(schema.parse(result.output)).toEqual({ title: "example", score: 1, tags: ["example"] });
  });
});

describe("mockModel: replies", () => {
  it("returns replies in order, then repeats the last one", async () => {
    const model = mockModel({ replies: ["one", "two"] });
    const texts = [];
    for (let i = 0; i < 4; i++) texts.push(textOf(await model.doGenerate(call())));
    expect(texts).toEqual(["one", "two", "two", "two"]);
  });

  it("starts over with cycle: true", async () => {
    const model = mockModel({ replies: ["one", "two"], cycle: true });
    const texts = [];
    for (let i = 0; i < 5; i++) texts.push(textOf(await model.doGenerate(call())));
    expect(texts).toEqual(["one", "two", "one", "two", "one"]);
  });

  it("sends `object` replies as JSON and lets `{}` mean the default reply", async () => {
    const model = mockModel({ replies: [{ object: { a: 1, b: [true] } }, {}] });
    expect(textOf(await model.doGenerate(call()))).toBe('{"a":1,"b":[true]}');
    expect(textOf(await model.doGenerate(call("Ping")))).toBe("mock reply to: Ping");
  });

  it("shows the responder the prompt, options, call index and last user text", async () => {
    const seen: unknown[] = [];
    const model = mockModel({
      responder: ({ prompt, options, index, lastUserText }) => {
        seen.push({
          roles: prompt.map((m) => m.role),
          temperature: options.temperature,
          index,
          lastUserText,
        });
        return `#${index}: ${lastUserText.toUpperCase()}`;
      },
    });
    const r = await model.doGenerate({ prompt: userPrompt("abc", "Be brief."), temperature: 0.3 });
    expect(textOf(r)).toBe("#0: ABC");
    await model.doGenerate(call("def"));
    expect(seen).toEqual([
      { roles: ["system", "user"], temperature: 0.3, index: 0, lastUserText: "abc" },
      { roles: ["user"], temperature: undefined, index: 1, lastUserText: "def" },
    ]);
  });

  it("lists the last user message's media for the responder, which lastUserText leaves out", async () => {
    const model = mockModel({ responder: ({ lastUserMedia }) => JSON.stringify(lastUserMedia) });
    const r = await model.doGenerate({
      prompt: [
        {
          role: "user",
          content: [
            { type: "text", text: "Look" },
            { type: "file", mediaType: "image/png", data: { type: "data", data: new Uint8Array(68) } },
            { type: "file", mediaType: "audio/wav", data: { type: "data", data: "AAAAAA==" } },
            { type: "file", mediaType: "image", data: { type: "url", url: new URL("https://x.test/a.png") } },
            { type: "file", mediaType: "text/plain", data: { type: "text", text: "doc" }, filename: "d.txt" },
          ],
        },
      ],
    });
    expect(JSON.parse(textOf(r))).toEqual([
      { mediaType: "image/png", bytes: 68 },
      { mediaType: "audio/wav", bytes: 4 },
      { mediaType: "image", url: "https://x.test/a.png" },
    ]);
    expect(model.lastCall!.lastUserText).toBe("Look");
  });

  it("awaits an async responder, and undefined from it means the default reply", async () => {
    const model = mockModel({
      responder: async ({ lastUserText }) => (lastUserText === "special" ? "special answer" : undefined),
    });
    expect(textOf(await model.doGenerate(call("special")))).toBe("special answer");
    expect(textOf(await model.doGenerate(call("other")))).toBe("mock reply to: other");
  });

  it("joins the text parts of the last user message, ignoring later assistant turns", async () => {
    const model = mockModel();
    const prompt: LanguageModelV4Prompt = [
      { role: "user", content: [{ type: "text", text: "first" }] },
      {
        role: "user",
        content: [
          { type: "text", text: "line one" },
          {
            type: "file",
            data: { type: "url", url: new URL("https://x.test/a.png") },
            mediaType: "image/png",
          },
          { type: "text", text: "line two" },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: "earlier answer" }] },
    ];
    await model.doGenerate({ prompt });
    expect(model.lastCall?.lastUserText).toBe("line one\nline two");
  });
});

describe("mockModel: default replies", () => {
  it("echoes the start of the last user message in text mode", async () => {
    const model = mockModel();
    const long = "x".repeat(100);
    expect(textOf(await model.doGenerate(call(long)))).toBe(`mock reply to: ${"x".repeat(60)}`);
    expect(textOf(await model.doGenerate({ prompt: [{ role: "system", content: "only system" }] }))).toBe(
      "mock reply",
    );
  });

  it("answers a JSON request with a value valid for its schema, the same each time", async () => {
    const schema = z.object({
      name: z.string().min(3),
      age: z.int().min(18).max(99),
      email: z.email(),
      role: z.enum(["admin", "user"]),
      nick: z.string().nullable().optional(),
    });
    const jsonSchema = z.toJSONSchema(schema);
    const model = mockModel();
    const options = call("Make a user", { responseFormat: { type: "json", schema: jsonSchema } });
    const first = textOf(await model.doGenerate(options));
    expect(schema.safeParse(JSON.parse(first)).success).toBe(true);
    expect(textOf(await model.doGenerate(options))).toBe(first);
    expect(textOf(await mockModel().doGenerate(options))).toBe(first);
    const other = textOf(await mockModel({ seed: 3 }).doGenerate(options));
    expect(other).not.toBe(first);
    expect(schema.safeParse(JSON.parse(other)).success).toBe(true);
  });

  it("answers a JSON request without a schema with a JSON object", async () => {
    const r = await mockModel().doGenerate(call("hi", { responseFormat: { type: "json" } }));
    expect(JSON.parse(textOf(r))).toEqual({ text: "mock reply to: hi" });
  });

  it("explains a schema it cannot satisfy", async () => {
    const options = call("x", { responseFormat: { type: "json", schema: { $ref: "#/$defs/Nope" } } });
    await expect(mockModel().doGenerate(options)).rejects.toThrow(InvalidArgumentError);
  });
});

describe("mockModel: usage and finish reasons", () => {
  it("estimates tokens at about 4 characters each and reports them in the V4 shape", async () => {
    const r = await mockModel({ replies: ["12345678"] }).doGenerate({
      prompt: userPrompt("abcdefghi", "sys"),
    });
    expect(r.usage).toEqual({
      inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 2, text: 2, reasoning: 0 },
    });
    expect(r.finishReason).toEqual({ unified: "stop", raw: "stop" });
    expect(r.warnings).toEqual([]);
    expect(r.response).toEqual({ id: "mock-0", modelId: "mock", timestamp: new Date(0) });
  });

  it("takes token counts from the reply, including cache and reasoning tokens", async () => {
    const reply: MockReply = {
      text: "ok",
      usage: {
        inputTokens: 1000,
        cachedInputTokens: 600,
        cacheWriteTokens: 100,
        outputTokens: 50,
        reasoningTokens: 20,
      },
    };
    const r = await mockModel({ replies: [reply] }).doGenerate(call());
    expect(r.usage).toEqual({
      inputTokens: { total: 1000, noCache: 300, cacheRead: 600, cacheWrite: 100 },
      outputTokens: { total: 50, text: 30, reasoning: 20 },
    });
  });

  it("counts with a custom token counter", async () => {
    const model = mockModel({
      replies: ["a b c"],
      countTokens: (t) => t.split(/\s+/).filter(Boolean).length,
    });
    const r = await model.doGenerate(call("one two three four"));
    expect(r.usage.inputTokens.total).toBe(4);
    expect(r.usage.outputTokens.total).toBe(3);
  });

  it("simulates truncation: finishReason length, cutting the default reply in half", async () => {
    const explicit = await mockModel({
      replies: [{ text: '{"a": "hel', finishReason: "length" }],
    }).doGenerate(call());
    expect(explicit.finishReason.unified).toBe("length");
    expect(textOf(explicit)).toBe('{"a": "hel');
    const schema = z.toJSONSchema(z.object({ summary: z.string().min(40) }));
    const cut = await mockModel({ replies: [{ finishReason: "length" }] }).doGenerate(
      call("x", { responseFormat: { type: "json", schema } }),
    );
    expect(cut.finishReason.unified).toBe("length");
    expect(() => JSON.parse(textOf(cut))).toThrow();
  });

  it("stops at maxOutputTokens like a real model", async () => {
    const model = mockModel({ replies: ["a".repeat(400)] });
    const r = await model.doGenerate(call("x", { maxOutputTokens: 10 }));
    expect(r.finishReason.unified).toBe("length");
    expect(textOf(r)).toHaveLength(40);
    expect(r.usage.outputTokens.total).toBe(10);
    const fits = await model.doGenerate(call("x", { maxOutputTokens: 100 }));
    expect(fits.finishReason.unified).toBe("stop");
  });
});

describe("mockModel: failures", () => {
  it("throws a reply's error, and goes on with the next reply", async () => {
    const boom = new Error("rate limited");
    const model = mockModel({ replies: [{ error: boom }, "recovered"] });
    await expect(model.doGenerate(call())).rejects.toBe(boom);
    expect(textOf(await model.doGenerate(call()))).toBe("recovered");
    expect(model.calls).toHaveLength(2);
  });

  it("fails the listed calls with a retryable 503 APICallError by default", async () => {
    const model = mockModel({ failures: { calls: [0, 2] } });
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(
        await model.doGenerate(call()).then(
          () => "ok",
          (e: unknown) => e,
        ),
      );
    }
    expect(outcomes[1]).toBe("ok");
    expect(outcomes[3]).toBe("ok");
    const error = outcomes[0];
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
    expect(String((error as Error).message)).toMatch(/injected failure on call #0/);
  });

  it("fails a seeded share of calls: the same calls in every run", async () => {
    const run = async (seed: number) => {
      const model = mockModel({
        failures: { rate: 0.3, seed, error: ({ index }) => new Error(`fail ${index}`) },
      });
      const failed: number[] = [];
      for (let i = 0; i < 1000; i++) await model.doGenerate(call()).catch(() => failed.push(i));
      return failed;
    };
    const a = await run(1);
    expect(await run(1)).toEqual(a);
    expect(await run(2)).not.toEqual(a);
    expect(a.length).toBeGreaterThan(250);
    expect(a.length).toBeLessThan(350);
  });

  it("fails every call with failures: {} and none with rate 0", async () => {
    await expect(mockModel({ failures: {} }).doGenerate(call())).rejects.toThrow(/injected failure/);
    await expect(mockModel({ failures: { rate: 0 } }).doGenerate(call())).resolves.toBeDefined();
  });
});

describe("mockModel: latency and abort", () => {
  it("waits latencyMs before answering, with no timer when there is no latency", async () => {
    vi.useFakeTimers();
    const model = mockModel({ latencyMs: 500, replies: ["late"] });
    let done = false;
    const pending = model.doGenerate(call()).then((r) => {
      done = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(textOf(await pending)).toBe("late");
    const spy = vi.spyOn(globalThis, "setTimeout");
    await mockModel().doGenerate(call());
    expect(spy).not.toHaveBeenCalled();
  });

  it("jitters latency between min and max, the same for the same seed", async () => {
    vi.useFakeTimers();
    const delays = async (seed: number) => {
      const spy = vi.spyOn(globalThis, "setTimeout");
      const model = mockModel({ latencyMs: { min: 100, max: 200 }, seed });
      for (let i = 0; i < 20; i++) {
        const p = model.doGenerate(call());
        await vi.runAllTimersAsync();
        await p;
      }
      const out = spy.mock.calls.map((c) => c[1] as number);
      spy.mockRestore();
      return out;
    };
    const a = await delays(4);
    expect(a).toHaveLength(20);
    for (const d of a) expect(d >= 100 && d <= 200).toBe(true);
    expect(new Set(a).size).toBeGreaterThan(10);
    expect(await delays(4)).toEqual(a);
  });

  it("rejects with the signal's reason when aborted while waiting", async () => {
    const controller = new AbortController();
    const model = mockModel({ latencyMs: 10_000 });
    const pending = model.doGenerate(call("x", { abortSignal: controller.signal }));
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    const reason = new Error("user left");
    await expect(mockModel().doGenerate(call("x", { abortSignal: AbortSignal.abort(reason) }))).rejects.toBe(
      reason,
    );
  });
});

describe("mockModel: streaming", () => {
  it("streams stream-start, metadata, text deltas of chunkSize and a finish with usage", async () => {
    const model = mockModel({ replies: ["Hello streaming world"], chunkSize: 8 });
    const { stream } = await model.doStream(call("abcd"));
    const parts = await readAll(stream);
    expect(parts.map((p) => p.type)).toEqual([
      "stream-start",
      "response-metadata",
      "text-start",
      "text-delta",
      "text-delta",
      "text-delta",
      "text-end",
      "finish",
    ]);
    const deltas = parts.flatMap((p) => (p.type === "text-delta" ? [p.delta] : []));
    expect(deltas).toEqual(["Hello st", "reaming ", "world"]);
    expect(parts.at(-1)).toEqual({
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 6, text: 6, reasoning: 0 },
      },
    });
    expect(model.lastCall?.mode).toBe("stream");
  });

  it("never splits an emoji between chunks", async () => {
    const { stream } = await mockModel({ replies: ["a😀b😀"], chunkSize: 2 }).doStream(call());
    const deltas = (await readAll(stream)).flatMap((p) => (p.type === "text-delta" ? [p.delta] : []));
    expect(deltas).toEqual(["a😀", "b😀"]);
  });

  it("stops with the abort reason when aborted between chunks", async () => {
    const controller = new AbortController();
    const { stream } = await mockModel({ replies: ["0123456789"], chunkSize: 1 }).doStream(
      call("x", { abortSignal: controller.signal }),
    );
    const reader = stream.getReader();
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) seen.push((await reader.read()).value!.type);
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toEqual(["stream-start", "response-metadata", "text-start", "text-delta", "text-delta"]);
  });

  it("waits chunkDelayMs between deltas and can be aborted during the wait", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const { stream } = await mockModel({ replies: ["abcdef"], chunkSize: 2, chunkDelayMs: 100 }).doStream(
      call("x", { abortSignal: controller.signal }),
    );
    const reader = stream.getReader();
    for (let i = 0; i < 4; i++) await reader.read();
    const next = reader.read();
    await vi.advanceTimersByTimeAsync(100);
    expect((await next).value).toEqual({ type: "text-delta", id: "text-0", delta: "cd" });
    const after = reader.read();
    controller.abort();
    await expect(after).rejects.toMatchObject({ name: "AbortError" });
  });

  it("rejects doStream for an error reply, or streams its text and then an error part", async () => {
    const boom = new Error("overloaded");
    await expect(mockModel({ replies: [{ error: boom }] }).doStream(call())).rejects.toBe(boom);
    const { stream } = await mockModel({ replies: [{ text: "partial", error: boom }] }).doStream(call());
    const parts = await readAll(stream);
    expect(parts.at(-1)).toEqual({ type: "error", error: boom });
    expect(parts.filter((p) => p.type === "text-delta").map((p) => (p as { delta: string }).delta)).toEqual([
      "partial",
    ]);
    await expect(mockModel({ replies: [{ text: "partial", error: boom }] }).doGenerate(call())).rejects.toBe(
      boom,
    );
  });

  it("reports truncation in the finish part", async () => {
    const { stream } = await mockModel({ replies: [{ text: "cut", finishReason: "length" }] }).doStream(
      call(),
    );
    const last = (await readAll(stream)).at(-1);
    expect(last).toMatchObject({ type: "finish", finishReason: { unified: "length" } });
  });
});

describe("mockModel: call recording", () => {
  it("records every call with its options, including failed ones, until reset()", async () => {
    const model = mockModel({ replies: ["a", { error: new Error("x") }, "c"] });
    const options = call("first", { temperature: 0.7, maxOutputTokens: 99 });
    await model.doGenerate(options);
    await model.doGenerate(call("second")).catch(() => {});
    expect(model.calls.map((c) => [c.index, c.lastUserText, c.mode])).toEqual([
      [0, "first", "generate"],
      [1, "second", "generate"],
    ]);
    expect(model.calls[0]!.options).toBe(options);
    expect(model.lastCall?.lastUserText).toBe("second");
    model.reset();
    expect(model.calls).toEqual([]);
    expect(model.lastCall).toBeUndefined();
    expect(textOf(await model.doGenerate(call()))).toBe("a");
    expect(model.calls[0]!.index).toBe(0);
  });

  it("keeps counting but records nothing with record: false", async () => {
    const model = mockModel({ record: false, responder: ({ index }) => String(index) });
    await model.doGenerate(call());
    expect(textOf(await model.doGenerate(call()))).toBe("1");
    expect(model.calls).toEqual([]);
  });
});

describe("mockModel: option checks", () => {
  it.each([
    [{ replies: ["a"], responder: () => "b" }, /either `responder` or `replies`/],
    [{ replies: [] }, /the list is empty/],
    [{ latencyMs: -1 }, /latencyMs: must be a number >= 0/],
    [{ latencyMs: { min: 5, max: 1 } }, /0 <= min <= max/],
    [{ chunkSize: 0 }, /chunkSize: must be an integer >= 1/],
    [{ chunkDelayMs: Number.NaN }, /chunkDelayMs/],
    [{ failures: { rate: 1.5 } }, /failures.rate: must be between 0 and 1/],
  ])("rejects %o", (options, message) => {
    expect(() => mockModel(options)).toThrow(InvalidArgumentError);
    expect(() => mockModel(options)).toThrow(message);
  });
});
