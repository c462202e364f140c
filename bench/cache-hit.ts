/**
 * Memory-cache hit: the same variables on every call after a first miss, each library with its own
 * in-memory cache. What a hit costs is the whole call as the user makes it, not the store lookup alone.
 *
 *   node bench/cache-hit.ts [--quick] [--iterations=50000]
 */

import type { LanguageModelV4GenerateResult } from "@ai-sdk/provider";
import { type AxGenOut, ax } from "@ax-llm/ax";
import { InMemoryCache } from "@langchain/core/caches";
import { StructuredOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { generateText, type LanguageModelMiddleware, Output, wrapLanguageModel } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import {
  axSignature,
  expected,
  generateResult,
  LeanAxMock,
  loadFlowPrompt,
  replyJson,
  schema,
  system,
  vars,
} from "./fixtures.ts";
import { assertSame, type Contender, goalLine, header, measure, numberArg, quick, table } from "./harness.ts";

// A hit takes about a microsecond: many samples keep the median steady on a shared machine.
const iterations = numberArg("iterations", 50_000, 1000);
const fp = await loadFlowPrompt();
const contenders: Contender[] = [];
/** Model calls per contender after priming: every one must stay at 1, or a "hit" was not a hit. */
const modelCalls: Record<string, () => number> = {};

if (fp) {
  const model = fp.mockModel({ replies: [{ text: replyJson }] });
  const prompt = fp.definePrompt({
    name: "classify",
    system,
    user: "Text: {{text}}",
    output: schema,
    model,
    middleware: [fp.cache({ store: new fp.MemoryCacheStore() })],
  });
  const name = "FlowPrompt `cache()` + MemoryCacheStore";
  contenders.push({ name, run: () => prompt.run(vars), reference: true });
  modelCalls[name] = () => model.calls.length;
}

// AI SDK: no built-in cache. Its documented pattern is a model middleware whose wrapGenerate looks
// the call parameters up in a store; here a Map keyed by JSON.stringify(params).
const sdkModel = new MockLanguageModelV4({ doGenerate: generateResult });
const sdkStore = new Map<string, LanguageModelV4GenerateResult>();
const sdkCache: LanguageModelMiddleware = {
  wrapGenerate: async ({ doGenerate, params }) => {
    const key = JSON.stringify(params);
    const hit = sdkStore.get(key);
    if (hit) return hit;
    const result = await doGenerate();
    sdkStore.set(key, result);
    return result;
  },
};
const sdkCached = wrapLanguageModel({ model: sdkModel, middleware: sdkCache });
const sdkOutput = Output.object({ schema });
const sdkName = "AI SDK `generateText` + cache middleware";
contenders.push({
  name: sdkName,
  peer: true,
  run: async () => {
    const r = await generateText({
      model: sdkCached,
      output: sdkOutput,
      instructions: system,
      prompt: `Text: ${vars.text}`,
    });
    return r.output;
  },
  note: "the AI SDK has no built-in cache; this is its documented pattern (`wrapLanguageModel` with a `wrapGenerate` that looks up a Map by `JSON.stringify(params)`); a hit still runs all of `generateText`",
});
modelCalls[sdkName] = () => sdkModel.doGenerateCalls.length;

const lcModel = new FakeListChatModel({ responses: [replyJson], cache: new InMemoryCache() });
let lcCalls = 0;
const lcGenerate = lcModel._generate.bind(lcModel);
lcModel._generate = (...a) => {
  lcCalls++;
  return lcGenerate(...a);
};
const lcChain = ChatPromptTemplate.fromMessages([
  ["system", system],
  ["user", "Text: {text}"],
])
  .pipe(lcModel)
  .pipe(StructuredOutputParser.fromZodSchema(schema));
const lcName = "LangChain.js chain, model `cache: new InMemoryCache()`";
contenders.push({
  name: lcName,
  peer: true,
  run: () => lcChain.invoke(vars),
  note: "the cache sits on the chat model: a hit still renders the template and runs the output parser",
});
modelCalls[lcName] = () => lcCalls;

const axMock = new LeanAxMock();
const axStore = new Map<string, AxGenOut>();
const axGen = ax(axSignature, {
  cachingFunction: (key: string, value?: AxGenOut) => {
    if (value === undefined) return axStore.get(key);
    axStore.set(key, value);
    return undefined;
  },
});
const axVars = { reviewText: vars.text };
const axName = "Ax `cachingFunction` (Map)";
contenders.push({
  name: axName,
  peer: true,
  run: () => axGen.forward(axMock, axVars),
  note: "Ax's response cache: the `cachingFunction` option (get/set), backed here by a Map",
});
modelCalls[axName] = () => axMock.calls;

const floorStore = new Map([[JSON.stringify(vars), expected]]);
contenders.push({
  name: "floor: JSON.stringify(vars) + Map.get",
  floor: true,
  run: async () => floorStore.get(JSON.stringify(vars)),
  note: "the limit: a key from the variables and one Map lookup, in an async call",
});

for (const c of contenders) assertSame(c.name, await c.run(), expected); // first call: a miss, fills the cache
const rows = await measure(contenders, { iterations, warmup: quick ? 100 : 5000, batch: quick ? 100 : 500 });
for (const [name, calls] of Object.entries(modelCalls)) {
  if (calls() !== 1)
    throw new Error(`${name}: the model was called ${calls()} times, so not every call was a hit`);
}

console.log(
  header(
    "Memory-cache hit",
    `${iterations} timed hits per contender (same variables, after one miss), interleaved in rounds; µs per call. ` +
      "Each model was called exactly once (checked).",
  ),
);
console.log(table(rows));
console.log(`\n${goalLine(rows, { maxMedian: 5 })}`);
