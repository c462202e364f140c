import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mockModel } from "../models/mock-model.js";
import { definePrompt, OutputValidationError, type StreamEvent } from "./index.js";

describe("stream", () => {
  it("yields text deltas as they arrive, then the final result", async () => {
    const model = mockModel({ replies: ["Hello there, general Kenobi"], chunkSize: 5 });
    const p = definePrompt({ name: "s", user: "hi", model });
    const stream = p.stream();
    const deltas: string[] = [];
    for await (const d of stream.textStream) deltas.push(d);
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join("")).toBe("Hello there, general Kenobi");
    const r = await stream.result;
    expect(r.output).toBe("Hello there, general Kenobi");
    expect(r.usage.outputTokens).toBeGreaterThan(0);
    expect(model.lastCall!.mode).toBe("stream");
  });

  it("yields partial objects for an output schema and validates at the end", async () => {
    const schema = z.object({ title: z.string(), tags: z.array(z.string()) });
    const model = mockModel({
      replies: [{ object: { title: "Streaming JSON", tags: ["a", "b", "c"] } }],
      chunkSize: 4,
    });
    const p = definePrompt({ name: "s", user: "x", output: schema, model });
    const events: StreamEvent<z.infer<typeof schema>>[] = [];
    const stream = p.stream();
    for await (const e of stream) events.push(e);
    const partials = events.filter((e) => e.type === "partial-output");
    expect(partials.length).toBeGreaterThan(1);
    expect(events.at(-1)!.type).toBe("finish");
    expect(await stream.output).toEqual({ title: "Streaming JSON", tags: ["a", "b", "c"] });
  });

  it("announces a repair and ends with the repaired output", async () => {
    const schema = z.object({ n: z.number() });
    const model = mockModel({ replies: [{ object: { n: "one" } }, { object: { n: 1 } }] });
    const p = definePrompt({ name: "s", user: "x", output: schema, model });
    const types: string[] = [];
    const stream = p.stream();
    for await (const e of stream) types.push(e.type);
    expect(types).toContain("repair");
    expect((await stream.result).output).toEqual({ n: 1 });
  });

  it("delivers the run's error to the reader and to result", async () => {
    const p = definePrompt({
      name: "s",
      user: "x",
      output: z.object({ n: z.number() }),
      model: mockModel({ replies: ["nope"] }),
      repair: 0,
    });
    const stream = p.stream();
    await expect(async () => {
      for await (const _ of stream) {
        // drain
      }
    }).rejects.toThrow(OutputValidationError);
    await expect(stream.result).rejects.toThrow(OutputValidationError);
  });

  it("stops the model's stream when the reader breaks out early", async () => {
    const model = mockModel({ replies: ["x".repeat(400)], chunkSize: 2, chunkDelayMs: 5 });
    const p = definePrompt({ name: "s", user: "x", model });
    const stream = p.stream();
    let seen = 0;
    for await (const _ of stream.textStream) if (++seen === 3) break;
    await expect(stream.result).rejects.toThrow(/aborted/);
    expect(model.lastCall!.options.abortSignal?.aborted).toBe(true);
  });

  it("stops when aborted mid-stream", async () => {
    const model = mockModel({
      replies: ["a long reply that streams slowly"],
      chunkSize: 2,
      chunkDelayMs: 20,
    });
    const p = definePrompt({ name: "s", user: "x", model });
    const controller = new AbortController();
    const stream = p.stream(undefined, { signal: controller.signal });
    const seen: string[] = [];
    await expect(async () => {
      for await (const d of stream.textStream) {
        seen.push(d);
        if (seen.length === 2) controller.abort();
      }
    }).rejects.toThrow(/aborted/);
    expect(seen.join("").length).toBeLessThan("a long reply that streams slowly".length);
  });
});
