import { afterEach, describe, expect, it } from "vitest";
import { mockModel } from "../models/mock-model.js";
import { configure, definePrompt, type Middleware, MiddlewareError, resetConfig } from "./index.js";

afterEach(() => resetConfig());

function tracer(log: string[], name: string): Middleware {
  return async function trace(ctx, next) {
    log.push(`${name}:before:${ctx.prompt.name}`);
    const result = await next();
    log.push(`${name}:after:${result.text.length > 0}`);
    return result;
  };
}

describe("middleware", () => {
  it("runs global, then prompt, then call middleware around the model call", async () => {
    const log: string[] = [];
    configure({ middleware: [tracer(log, "global")] });
    const p = definePrompt({ name: "m", user: "x", model: mockModel(), middleware: [tracer(log, "prompt")] });
    await p.run(undefined, { middleware: [tracer(log, "call")] });
    expect(log).toEqual([
      "global:before:m",
      "prompt:before:m",
      "call:before:m",
      "call:after:true",
      "prompt:after:true",
      "global:after:true",
    ]);
  });

  it("lets middleware change variables and model before the call, and the result after", async () => {
    const model = mockModel();
    const other = mockModel({ modelId: "other", replies: ["from other"] });
    const redact: Middleware = async function redact(ctx, next) {
      ctx.vars = { ...ctx.vars, name: "[redacted]" };
      ctx.model = other;
      ctx.modelId = "mock:other";
      const r = await next();
      return { ...r, output: `${r.output as string}!` };
    };
    const p = definePrompt({ name: "m", user: "Hi {{name}}", model, middleware: [redact] });
    const r = await p.execute({ name: "Ada" });
    expect(r.output).toBe("from other!");
    expect(r.model).toBe("mock:other");
    expect(model.calls).toHaveLength(0);
    expect(other.lastCall!.lastUserText).toBe("Hi [redacted]");
  });

  it("can answer without calling the model (a short-circuit such as a cache hit)", async () => {
    const model = mockModel();
    const hit: Middleware = async function hit(ctx) {
      return {
        output: "cached",
        text: "cached",
        usage: {
          inputTokens: 0,
          outputTokens: 0,
          cachedInputTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
          totalTokens: 0,
        },
        costUsd: 0,
        latencyMs: 0,
        cached: true,
        attempts: 0,
        model: ctx.modelId,
        prompt: ctx.prompt,
        finishReason: "stop",
        warnings: [],
        calls: [],
      };
    };
    const p = definePrompt({ name: "m", user: "x", model, middleware: [hit] });
    expect(await p.run()).toBe("cached");
    expect(model.calls).toHaveLength(0);
  });

  it("refuses next() called twice, naming the middleware", async () => {
    const twice: Middleware = async function retryBadly(_ctx, next) {
      await next();
      return next();
    };
    const p = definePrompt({ name: "m", user: "x", model: mockModel(), middleware: [twice] });
    await expect(p.run()).rejects.toThrow(MiddlewareError);
    await expect(p.run()).rejects.toThrow(/"retryBadly" called next\(\) twice/);
  });

  it("refuses a middleware that returns nothing", async () => {
    const bad = async function forgetful(_ctx: unknown, next: () => Promise<unknown>) {
      await next();
    } as unknown as Middleware;
    const p = definePrompt({ name: "m", user: "x", model: mockModel(), middleware: [bad] });
    await expect(p.run()).rejects.toThrow(/"forgetful" returned nothing/);
  });

  it("sees a configuration change made after the prompt was defined", async () => {
    const log: string[] = [];
    const p = definePrompt({ name: "late", user: "x", model: mockModel() });
    await p.run();
    configure({ middleware: [tracer(log, "g")] });
    await p.run();
    expect(log).toEqual(["g:before:late", "g:after:true"]);
  });

  it("refuses a middleware that is not a function", () => {
    expect(() => configure({ middleware: [42 as unknown as Middleware] })).toThrow(/middleware\[0\]/);
  });
});
