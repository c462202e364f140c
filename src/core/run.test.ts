import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { mockModel } from "../models/mock-model.js";
import "../index.js";
import {
  AbortedError,
  definePrompt,
  InvalidArgumentError,
  ModelCallError,
  OutputTruncatedError,
  OutputValidationError,
  resetConfig,
  setPrice,
  TimeoutError,
  UnknownProviderError,
} from "./index.js";

afterEach(() => resetConfig());

const Sentiment = z.object({ label: z.enum(["pos", "neg"]), confidence: z.number().min(0).max(1) });

describe("run and execute", () => {
  it("returns the typed, validated output and the full result", async () => {
    const model = mockModel({ replies: [{ object: { label: "pos", confidence: 0.9 } }] });
    const p = definePrompt({ name: "classify", user: "Classify: {{text}}", output: Sentiment, model });
    expect(await p.run({ text: "I love it" })).toEqual({ label: "pos", confidence: 0.9 });
    const r = await p.execute({ text: "again" });
    expect(r).toMatchObject({
      output: { label: "pos", confidence: 0.9 },
      cached: false,
      attempts: 1,
      model: "mock:mock",
      finishReason: "stop",
      prompt: { name: "classify", version: "1", hash: p.hash },
    });
    expect(r.text).toBe('{"label":"pos","confidence":0.9}');
    expect(r.usage.inputTokens).toBeGreaterThan(0);
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.costUsd).toBe(0);
    const call = model.lastCall!;
    expect(call.options.responseFormat).toMatchObject({ type: "json", name: "classify" });
    expect(call.prompt).toEqual([{ role: "user", content: [{ type: "text", text: "Classify: again" }] }]);
  });

  it("resolves to the text without an output schema, and uses the model string", async () => {
    const p = definePrompt({ name: "echo", system: "Be brief.", user: "Hi {{name}}" });
    const out = await p.run({ name: "Ada" }, { model: "mock" });
    expect(typeof out).toBe("string");
    expect(out).toContain("Hi Ada");
  });

  it("derives a schema-valid value when the mock has no replies", async () => {
    const p = definePrompt({ name: "d", user: "x", output: Sentiment, model: "mock" });
    expect(Sentiment.safeParse(await p.run()).success).toBe(true);
  });

  it("sends validation errors back to the model and accepts the repaired reply", async () => {
    const model = mockModel({
      replies: [{ object: { label: "meh", confidence: 2 } }, { object: { label: "neg", confidence: 0.2 } }],
    });
    const p = definePrompt({ name: "c", user: "{{t}}", output: Sentiment, model });
    const r = await p.execute({ t: "bad" });
    expect(r.output).toEqual({ label: "neg", confidence: 0.2 });
    expect(r.attempts).toBe(2);
    const repair = model.calls[1]!.prompt;
    expect(repair).toHaveLength(3);
    expect(repair[1]).toMatchObject({ role: "assistant" });
    const text = JSON.stringify(repair[2]);
    expect(text).toContain("label");
    expect(text).toContain("confidence");
    expect(r.usage.inputTokens).toBe(model.calls.length === 2 ? r.usage.inputTokens : -1);
  });

  it("throws OutputValidationError with the raw replies when repairs run out", async () => {
    const model = mockModel({ replies: ["not json at all"] });
    const p = definePrompt({ name: "c", user: "{{t}}", output: Sentiment, model, repair: 2 });
    const error = await p.run({ t: "x" }).catch((e: unknown) => e);
    expect(OutputValidationError.isInstance(error)).toBe(true);
    const e = error as OutputValidationError;
    expect(e.reason).toBe("not-json");
    expect(e.text).toBe("not json at all");
    expect(e.replies).toHaveLength(3);
    expect(e.message).toMatch(/was not valid JSON \(after 3 attempts\)/);
    expect(model.calls).toHaveLength(3);
  });

  it("reads JSON wrapped in a code fence or a sentence", async () => {
    const model = mockModel({ replies: ['Sure! ```json\n{"label":"pos","confidence":1}\n```'] });
    const p = definePrompt({ name: "c", user: "x", output: Sentiment, model });
    expect(await p.run()).toEqual({ label: "pos", confidence: 1 });
  });

  it("reports a reply cut off at the token limit as its own error", async () => {
    const model = mockModel({ replies: [{ text: '{"label":"po', finishReason: "length" }] });
    const p = definePrompt({
      name: "c",
      user: "x",
      output: Sentiment,
      model,
      params: { maxOutputTokens: 5 },
    });
    const e = await p.run().catch((x: unknown) => x);
    expect(OutputTruncatedError.isInstance(e)).toBe(true);
    expect((e as OutputTruncatedError).text).toBe('{"label":"po');
    expect((e as Error).message).toMatch(/maxOutputTokens: 5/);
    const text = definePrompt({
      name: "t",
      user: "x",
      model: mockModel({ replies: [{ text: "partial", finishReason: "length" }] }),
    });
    await expect(text.run()).rejects.toThrow(OutputTruncatedError);
    expect(await text.run(undefined, { allowTruncated: true })).toBe("partial");
  });

  it("wraps provider failures in ModelCallError with the cause", async () => {
    const model = mockModel({ failures: {} });
    const p = definePrompt({ name: "f", user: "x", model });
    const e = await p.run(undefined, { retry: false }).catch((x: unknown) => x);
    expect(ModelCallError.isInstance(e)).toBe(true);
    expect((e as ModelCallError).statusCode).toBe(503);
    expect((e as ModelCallError).retryable).toBe(true);
    expect((e as Error).cause).toBeDefined();
  });

  it("aborts through the signal and times out", async () => {
    const model = mockModel({ latencyMs: 200 });
    const p = definePrompt({ name: "slow", user: "x", model });
    const controller = new AbortController();
    const pending = p.run(undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toThrow(AbortedError);
    await expect(p.run(undefined, { timeoutMs: 20 })).rejects.toThrow(TimeoutError);
    await expect(p.run(undefined, { timeoutMs: 20 })).rejects.toThrow(/timed out after 20 ms/);
    const already = AbortSignal.abort();
    await expect(p.run(undefined, { signal: already })).rejects.toThrow(AbortedError);
  });

  it("explains a missing model and an unknown provider", async () => {
    const p = definePrompt({ name: "nomodel", user: "x" });
    await expect(p.run()).rejects.toThrow(InvalidArgumentError);
    await expect(p.run()).rejects.toThrow(/has no model/);
    const e = await p.run(undefined, { model: "opnai:gpt-4o" }).catch((x: unknown) => x);
    expect(UnknownProviderError.isInstance(e)).toBe(true);
    expect((e as Error).message).toMatch(/Unknown provider "opnai".*Known providers: .*mock/);
  });

  it("asks with instructions instead of native JSON mode when told to", async () => {
    const model = mockModel({ replies: [{ object: { label: "pos", confidence: 1 } }] });
    const p = definePrompt({ name: "c", system: "Sys", user: "x", output: Sentiment, model });
    await p.run(undefined, { structuredOutput: "prompt" });
    const call = model.lastCall!;
    expect(call.options.responseFormat).toEqual({ type: "json" });
    expect(call.prompt[0]).toMatchObject({ role: "system" });
    expect((call.prompt[0] as { content: string }).content).toMatch(
      /^Sys\n\nReply with only a JSON value.*"label"/s,
    );
  });

  it("passes params, history and image parts to the model", async () => {
    const model = mockModel();
    const p = definePrompt({
      name: "v",
      template: 'Describe {{media url=img contentType="image/png"}}',
      params: { temperature: 0.2 },
      model,
    });
    await p.run(
      { img: "https://example.com/cat.png" },
      { params: { seed: 7 }, history: [{ role: "user", content: "earlier" }] },
    );
    const call = model.lastCall!;
    expect(call.options.temperature).toBe(0.2);
    expect(call.options.seed).toBe(7);
    expect(call.prompt).toHaveLength(2);
    expect(call.prompt[0]).toEqual({ role: "user", content: [{ type: "text", text: "earlier" }] });
    const parts = (call.prompt[1] as { content: { type: string }[] }).content;
    expect(parts.map((x) => x.type)).toEqual(["text", "file"]);
  });

  it("prices the usage from the price table, and null for an unknown model", async () => {
    setPrice("mock:priced", { input: 1_000_000, output: 2_000_000 });
    const priced = mockModel({
      modelId: "priced",
      replies: [{ text: "hi", usage: { inputTokens: 3, outputTokens: 2 } }],
    });
    const p = definePrompt({ name: "p", user: "x", model: priced });
    expect((await p.execute()).costUsd).toBe(3 + 4);
    const unknown = mockModel({ modelId: "unpriced-model" });
    expect((await p.execute(undefined, { model: unknown })).costUsd).toBeNull();
  });
});

describe("variants and hashes", () => {
  it("with() derives a variant without touching the original", () => {
    const a = definePrompt({ name: "a", user: "Hi {{name}}", params: { temperature: 0 } });
    const b = a.with({ version: "2", user: "Hello {{name}}" });
    expect(b.hash).not.toBe(a.hash);
    expect(b.version).toBe("2");
    expect(a.messages({ name: "x" })[0]!.content).toBe("Hi x");
    expect(b.messages({ name: "x" })[0]!.content).toBe("Hello x");
    expect(Object.isFrozen(a)).toBe(true);
  });

  it("hash covers what changes the request and nothing else", () => {
    const base = { name: "h", user: "Hi {{n}}", output: Sentiment, params: { temperature: 0 } } as const;
    const h = definePrompt(base).hash;
    expect(definePrompt({ ...base }).hash).toBe(h);
    expect(definePrompt({ ...base, description: "docs only", version: "9" }).hash).toBe(h);
    expect(definePrompt({ ...base, params: { temperature: 1 } }).hash).not.toBe(h);
    expect(definePrompt({ ...base, output: z.object({ x: z.string() }) }).hash).not.toBe(h);
    expect(definePrompt({ ...base, model: "mock:other" }).hash).not.toBe(h);
    expect(definePrompt({ ...base, params: { temperature: 0 }, user: "Hi  {{n}}" }).hash).not.toBe(h);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
  });
});
