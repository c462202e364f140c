import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { RunContext } from "../middleware.js";
import type { StandardSchemaV1 } from "../schema.js";

/**
 * A hand-made RunContext for testing one middleware without the whole pipeline: the prompt
 * `summarize` version 2, one variable, no model behind it. Anything given in `overrides` wins.
 */
export function fakeContext(overrides: Partial<RunContext> & { output?: StandardSchemaV1 } = {}): RunContext {
  const { output, ...rest } = overrides;
  return {
    prompt: {
      ref: { name: "summarize", version: "2", hash: "hash-1" },
      name: "summarize",
      version: "2",
      hash: "hash-1",
      description: undefined,
      file: undefined,
      output,
      metadata: {},
    },
    vars: { text: "A long article." },
    history: undefined,
    options: {},
    model: {} as LanguageModelV4,
    modelId: "mock:echo",
    fallbacks: [],
    calls: [],
    messages: undefined,
    params: { temperature: 0 },
    mode: "generate",
    signal: undefined,
    startedAt: performance.now(),
    state: new Map(),
    emit: () => {},
    ...rest,
  };
}
