/**
 * What every contender of the per-call benchmarks shares: one prompt, one output schema, one JSON
 * reply, and the peers' cheapest honest mock models returning that reply instantly.
 */
import type { LanguageModelV4, LanguageModelV4GenerateResult } from "@ai-sdk/provider";
import { type AxChatResponse, AxMockAIService } from "@ax-llm/ax";
import { z } from "zod";
import { dist } from "./harness.ts";

export const schema = z.object({ label: z.enum(["pos", "neg"]), confidence: z.number() });
export const expected = { label: "pos", confidence: 0.9 } as const;
export const replyJson = JSON.stringify(expected);
export const system = "You classify sentiment.";
export const vars = { text: "I love it" };
/** Ax rejects the field name `text` as "too generic", so its input is `reviewText`. */
export const axSignature = 'reviewText:string -> label:class "pos, neg", confidence:number';

export const generateResult: LanguageModelV4GenerateResult = {
  content: [{ type: "text", text: replyJson }],
  finishReason: { unified: "stop", raw: "stop" },
  usage: {
    inputTokens: { total: 12, noCache: 12, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 9, text: 9, reasoning: undefined },
  },
  warnings: [],
};

/** The bare minimum LanguageModelV4: a constant reply, nothing recorded. Used by the floor row. */
export const bareModel: LanguageModelV4 = {
  specificationVersion: "v4",
  provider: "bare",
  modelId: "bare",
  supportedUrls: {},
  doGenerate: async () => generateResult,
  doStream: async () => {
    throw new Error("not used");
  },
};

/** Ax's reply format for the signature: one `Title: value` line per output field. */
export const axReply: AxChatResponse = {
  results: [{ index: 0, content: "Label: pos\nConfidence: 0.9", finishReason: "stop" }],
  modelUsage: {
    ai: "mock",
    model: "mock",
    tokens: { promptTokens: 12, completionTokens: 9, totalTokens: 21 },
  },
};

/**
 * AxMockAIService, minus its latency statistics: the stock mock appends every call to an array and
 * sorts all of it on each call (O(n log n) per call, so thousands of calls would measure the mock,
 * not Ax). This subclass returns the same reply and counts calls.
 */
export class LeanAxMock extends AxMockAIService<string> {
  calls = 0;
  override async chat(): Promise<AxChatResponse> {
    this.calls++;
    return axReply;
  }
}

/**
 * Where FlowPrompt's build is: `dist/` of this repository, or the folder named by FLOWPROMPT_DIST
 * (to benchmark another build, e.g. the previous release, against the same peers).
 */
export function flowPromptDist(): { core: string; testing: string } {
  return { core: dist("index.js"), testing: dist("testing.js") };
}

/** FlowPrompt's public API from the built package, or undefined when it is not built yet. */
export async function loadFlowPrompt() {
  const urls = flowPromptDist();
  try {
    const core: typeof import("flowprompt") = await import(urls.core);
    const testing: typeof import("flowprompt/testing") = await import(urls.testing);
    return { ...core, ...testing };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`FlowPrompt not loaded (run \`npm run build\` first): ${message.split("\n")[0]}`);
    return undefined;
  }
}
