import { describe, expect, it } from "vitest";
import { z } from "zod";
import { definePrompt } from "../core/prompt.js";
import { mockModel } from "../models/mock-model.js";
import { cache } from "./middleware.js";

describe("cache and streaming", () => {
  it("caches a completed stream and replays a hit as a stream, partial objects included", async () => {
    const model = mockModel({ replies: [{ object: { title: "Cached", tags: ["a"] } }], chunkSize: 3 });
    const p = definePrompt({
      name: "s",
      user: "x",
      output: z.object({ title: z.string(), tags: z.array(z.string()) }),
      model,
      middleware: [cache()],
    });
    const first = p.stream();
    const firstDeltas: string[] = [];
    for await (const d of first.textStream) firstDeltas.push(d);
    expect(firstDeltas.length).toBeGreaterThan(2);
    expect((await first.result).cached).toBe(false);

    const second = p.stream();
    const types: string[] = [];
    for await (const e of second) types.push(e.type);
    const r = await second.result;
    expect(r.cached).toBe(true);
    expect(r.output).toEqual({ title: "Cached", tags: ["a"] });
    expect(types).toEqual(["text-delta", "partial-output", "finish"]);
    expect(model.calls).toHaveLength(1);
  });

  it("does not cache a stream that failed", async () => {
    const model = mockModel({
      replies: [{ text: '{"title":"x"', error: new Error("connection lost") }, { object: { title: "ok" } }],
    });
    const p = definePrompt({
      name: "s",
      user: "x",
      output: z.object({ title: z.string() }),
      model,
      middleware: [cache()],
    });
    await expect(p.stream(undefined, { retry: false }).result).rejects.toThrow(/connection lost/);
    expect((await p.execute(undefined, { retry: false })).cached).toBe(false);
  });
});
