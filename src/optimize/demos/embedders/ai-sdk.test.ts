import type { EmbeddingModelV4, EmbeddingModelV4CallOptions } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { EmbedderError } from "../../errors/embedder-error.js";
import { aiSdkEmbedder } from "./ai-sdk.js";
import { cachedEmbedder } from "./cache.js";

/** A hand-made AI SDK embedding model: the vector of a text is [length, number of "a"s]. */
function fakeModel(
  options: { perCall?: number; transform?: (embeddings: number[][]) => number[][]; delay?: number } = {},
) {
  const calls: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const model: EmbeddingModelV4 = {
    specificationVersion: "v4",
    provider: "fake",
    modelId: "letters",
    maxEmbeddingsPerCall: options.perCall ?? 100,
    supportsParallelCalls: true,
    async doEmbed({ values, abortSignal }: EmbeddingModelV4CallOptions) {
      abortSignal?.throwIfAborted();
      calls.push(values);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.delay ?? 1));
      inFlight--;
      const embeddings = values.map((v) => [v.length, [...v].filter((c) => c === "a").length]);
      return { embeddings: options.transform ? options.transform(embeddings) : embeddings, warnings: [] };
    },
  };
  return { model, calls, maxInFlight: () => maxInFlight };
}

describe("aiSdkEmbedder", () => {
  it("embeds through embedMany, in order, as Float32Arrays, named after the model", async () => {
    const { model, calls } = fakeModel();
    const e = aiSdkEmbedder(model);
    const vectors = await e.embed(["banana", "kiwi", ""]);
    expect(vectors.map((v) => [...v])).toEqual([
      [6, 3],
      [4, 0],
      [0, 0],
    ]);
    expect(vectors[0]).toBeInstanceOf(Float32Array);
    expect(calls).toEqual([["banana", "kiwi", ""]]);
    expect(e.name).toBe("ai-sdk(fake:letters)");
    expect(await e.embed([])).toEqual([]);
  });

  it("splits into batches of batchSize with at most maxParallelCalls in flight", async () => {
    const fake = fakeModel({ delay: 5 });
    const texts = Array.from({ length: 10 }, (_, i) => "a".repeat(i));
    const vectors = await aiSdkEmbedder(fake.model, { batchSize: 3, maxParallelCalls: 2 }).embed(texts);
    expect(fake.calls.map((c) => c.length).sort()).toEqual([1, 3, 3, 3]);
    expect(fake.maxInFlight()).toBe(2);
    expect(vectors.map((v) => v[1])).toEqual(texts.map((_, i) => i));
  });

  it("stops scheduling batches after one fails", async () => {
    const fake = fakeModel({
      transform: (e) => {
        if (e.length === 1) throw new Error("provider down");
        return e;
      },
    });
    const e = aiSdkEmbedder(fake.model, { batchSize: 2, maxParallelCalls: 1, maxRetries: 0 });
    await expect(e.embed(["a", "b", "c", "d", "e"])).rejects.toThrow(/provider down/);
    await expect(e.embed(["a", "b", "c"])).rejects.toThrow(/provider down/);
    expect(fake.calls.map((c) => c.length)).toEqual([2, 2, 1, 2, 1]);
  });

  it("lets the AI SDK split by the model's maxEmbeddingsPerCall", async () => {
    const fake = fakeModel({ perCall: 2 });
    await aiSdkEmbedder(fake.model, { maxParallelCalls: 1 }).embed(["a", "b", "c"]);
    expect(fake.calls).toEqual([["a", "b"], ["c"]]);
    expect(fake.maxInFlight()).toBe(1);
  });

  it("passes the abort signal on", async () => {
    const { model, calls } = fakeModel();
    const e = aiSdkEmbedder(model, { maxRetries: 0 });
    await expect(e.embed(["a"], { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    expect(calls).toEqual([]);
  });

  it("turns a model answering with too few vectors or NaN into an EmbedderError", async () => {
    const short = cachedEmbedder(aiSdkEmbedder(fakeModel({ transform: (e) => e.slice(1) }).model));
    const error = await short.embed(["a", "b"]).catch((e: unknown) => e);
    expect(EmbedderError.isInstance(error) && error.problem).toBe("count");
    expect((error as Error).message).toMatch(
      /"ai-sdk\(fake:letters\)" misbehaved: Expected 2 embeddings, but received 1/,
    );
    const nan = cachedEmbedder(
      aiSdkEmbedder(fakeModel({ transform: (e) => e.map(() => [Number.NaN, 1]) }).model),
    );
    await expect(nan.embed(["a"])).rejects.toThrow(/holds NaN/);
  });

  it("rejects bad options", () => {
    expect(() => aiSdkEmbedder(fakeModel().model, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => aiSdkEmbedder("openai/x", { maxParallelCalls: 1.5 })).toThrow(/maxParallelCalls/);
    expect(aiSdkEmbedder("openai/text-embedding-3-small").name).toBe("ai-sdk(openai/text-embedding-3-small)");
  });
});
