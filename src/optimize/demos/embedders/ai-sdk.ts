import { type EmbeddingModel, embedMany, InvalidResponseDataError } from "ai";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import { EmbedderError } from "../../errors/embedder-error.js";
import type { Embedder } from "./embedder.js";

export interface AiSdkEmbedderOptions {
  /**
   * Texts per `embedMany` call (default: all in one call, which the AI SDK itself splits by the
   * model's `maxEmbeddingsPerCall`).
   */
  batchSize?: number;
  /** Calls in flight at once (default 4 with `batchSize`, else the AI SDK's default, unlimited). */
  maxParallelCalls?: number;
  /** Retries per model call (the AI SDK's default, 2, when unset). */
  maxRetries?: number;
  /** Requested vector length, for models that support shortening (e.g. OpenAI's text-embedding-3). */
  dimensions?: number;
  /** Passed through to the provider. */
  providerOptions?: Parameters<typeof embedMany>[0]["providerOptions"];
}

/**
 * An embedder over an AI SDK embedding model, e.g. `openai.embedding("text-embedding-3-small")`,
 * through `embedMany` (which retries and splits by the model's per-call limit). Wrap it with
 * `cachedEmbedder` (selectors do) so each text is sent to the provider once.
 */
export function aiSdkEmbedder(model: EmbeddingModel, options: AiSdkEmbedderOptions = {}): Embedder {
  for (const key of ["batchSize", "maxParallelCalls", "dimensions"] as const) {
    const value = options[key];
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new InvalidArgumentError(`aiSdkEmbedder ${key}`, `expected a positive integer, got ${value}`);
    }
  }
  const name = typeof model === "string" ? `ai-sdk(${model})` : `ai-sdk(${model.provider}:${model.modelId})`;
  const call = async (values: string[], signal: AbortSignal | undefined, parallel?: number) => {
    let embeddings: unknown;
    try {
      ({ embeddings } = await embedMany({
        model,
        values,
        ...(parallel === undefined ? {} : { maxParallelCalls: parallel }),
        ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
        ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
        ...(options.providerOptions === undefined ? {} : { providerOptions: options.providerOptions }),
        ...(signal === undefined ? {} : { abortSignal: signal }),
      }));
    } catch (error) {
      // embedMany checks the count itself; report it like every other embedder's.
      if (!InvalidResponseDataError.isInstance(error)) throw error;
      throw new EmbedderError(name, "count", error.message, { cause: error });
    }
    // Checked by the caller (cachedEmbedder): a non-array passes through to be reported.
    return Array.isArray(embeddings)
      ? embeddings.map((e) => (Array.isArray(e) ? Float32Array.from(e) : e))
      : embeddings;
  };

  return {
    name,
    embed: async (texts, embedOptions) => {
      const signal = embedOptions?.signal;
      signal?.throwIfAborted();
      if (texts.length === 0) return [];
      const size = options.batchSize;
      if (size === undefined)
        return (await call([...texts], signal, options.maxParallelCalls)) as Float32Array[];
      const batches: string[][] = [];
      for (let i = 0; i < texts.length; i += size) batches.push(texts.slice(i, i + size));
      const results: unknown[][] = new Array(batches.length);
      let next = 0;
      let failed = false;
      const worker = async () => {
        while (next < batches.length && !failed) {
          const i = next++;
          try {
            results[i] = (await call(batches[i]!, signal, 1)) as unknown[];
          } catch (error) {
            failed = true; // schedule no more batches
            throw error;
          }
        }
      };
      const workers = Math.min(options.maxParallelCalls ?? 4, batches.length);
      await Promise.all(Array.from({ length: workers }, worker));
      return results.flat() as Float32Array[];
    },
  };
}
