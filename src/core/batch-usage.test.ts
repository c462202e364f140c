import { describe, expect, it } from "vitest";
import { mockModel } from "../models/mock-model.js";
import { BatchError, definePrompt, setPrice, trackUsage } from "./index.js";

describe("batch", () => {
  it("keeps input order with bounded concurrency", async () => {
    let active = 0;
    let peak = 0;
    const model = mockModel({
      responder: async (call) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5 + ((call.index * 7) % 11)));
        active--;
        return `echo ${call.lastUserText}`;
      },
    });
    const p = definePrompt({ name: "b", user: "{{n}}", model });
    const inputs = Array.from({ length: 12 }, (_, i) => ({ n: i }));
    const results = await p.batch(inputs, { concurrency: 3 });
    expect(results.map((r) => r.output)).toEqual(inputs.map((i) => `echo ${i.n}`));
    expect(peak).toBe(3);
  });

  it("loses nothing when some items fail", async () => {
    const model = mockModel({ failures: { calls: [1] } });
    const p = definePrompt({ name: "b", user: "{{n}}", model });
    const e = await p
      .batch([{ n: 0 }, { n: 1 }, { n: 2 }], { concurrency: 1, retry: false })
      .catch((x: unknown) => x);
    expect(BatchError.isInstance(e)).toBe(true);
    const be = e as BatchError;
    expect(be.results[0]).toBeDefined();
    expect(be.results[1]).toBeUndefined();
    expect(be.results[2]).toBeDefined();
    expect([...be.errors.keys()]).toEqual([1]);
    expect(be.message).toMatch(/1 of 3 items/);
  });

  it("refuses a bad concurrency", async () => {
    const p = definePrompt({ name: "b", user: "x", model: mockModel() });
    await expect(p.batch([{}], { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});

describe("trackUsage", () => {
  setPrice("mock:usage-a", { input: 1, output: 2 });

  it("collects every call inside, by model and by prompt, nested", async () => {
    const a = mockModel({
      modelId: "usage-a",
      replies: [{ text: "x", usage: { inputTokens: 10, outputTokens: 5 } }],
    });
    const b = mockModel({
      modelId: "usage-b",
      replies: [{ text: "y", usage: { inputTokens: 1, outputTokens: 1 } }],
    });
    const p = definePrompt({ name: "one", user: "x", model: a });
    const q = definePrompt({ name: "two", user: "x", model: b });
    const outer = await trackUsage(async () => {
      await p.run();
      const inner = await trackUsage(() => q.run());
      expect(inner.usage.calls).toBe(1);
      expect(inner.usage.byModel["mock:usage-b"]!.inputTokens).toBe(1);
      return "done";
    });
    expect(outer.value).toBe("done");
    const u = outer.usage;
    expect(u.calls).toBe(2);
    expect(u.inputTokens).toBe(11);
    expect(u.outputTokens).toBe(6);
    expect(u.byPrompt.one!.calls).toBe(1);
    expect(u.byModel["mock:usage-a"]!.costUsd).toBeCloseTo((10 * 1 + 5 * 2) / 1e6);
    expect(u.unpricedCalls).toBe(1);
  });

  it("keeps concurrent tasks apart", async () => {
    const p = definePrompt({ name: "c", user: "x", model: mockModel({ latencyMs: { min: 1, max: 8 } }) });
    const [x, y] = await Promise.all([
      trackUsage(async () => {
        await Promise.all([p.run(), p.run(), p.run()]);
      }),
      trackUsage(async () => {
        await p.run();
      }),
    ]);
    expect(x.usage.calls).toBe(3);
    expect(y.usage.calls).toBe(1);
  });
});
