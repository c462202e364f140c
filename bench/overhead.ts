/**
 * Per-call overhead with structured output on a mock model that answers the same JSON instantly.
 * Everything measured is library code: render the prompt, call the model, parse and validate.
 *
 *   node bench/overhead.ts [--quick] [--iterations=5000]
 */

import { ax } from "@ax-llm/ax";
import { StructuredOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { generateText, Output } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import {
  axSignature,
  bareModel,
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

const iterations = numberArg("iterations", 5000, 300);
const fp = await loadFlowPrompt();
const contenders: Contender[] = [];

if (fp) {
  const model = fp.mockModel({ replies: [{ text: replyJson }], record: false });
  const prompt = fp.definePrompt({ name: "classify", system, user: "Text: {{text}}", output: schema, model });
  contenders.push({ name: "FlowPrompt `prompt.run()`", run: () => prompt.run(vars), reference: true });
  const aiTestModel = new MockLanguageModelV4({ doGenerate: generateResult });
  const onAiTest = fp.definePrompt({
    name: "classify",
    system,
    user: "Text: {{text}}",
    output: schema,
    model: aiTestModel,
  });
  contenders.push({
    name: "FlowPrompt on `ai/test` MockLanguageModelV4",
    run: () => {
      aiTestModel.doGenerateCalls.length = 0;
      return onAiTest.run(vars);
    },
    note: "same prompt on the AI SDK's own mock, to show the mock is not what makes the difference",
  });
}

const sdkModel = new MockLanguageModelV4({ doGenerate: generateResult });
const sdkOutput = Output.object({ schema });
contenders.push({
  name: "AI SDK `generateText` + `Output.object`",
  peer: true,
  run: async () => {
    sdkModel.doGenerateCalls.length = 0; // the mock records every call; keep memory flat
    const r = await generateText({
      model: sdkModel,
      output: sdkOutput,
      instructions: system,
      prompt: `Text: ${vars.text}`,
    });
    return r.output;
  },
  note: "on `MockLanguageModelV4` from `ai/test` (its call log is cleared every call)",
});
if (fp) {
  const fpModel = fp.mockModel({ replies: [{ text: replyJson }], record: false });
  contenders.push({
    name: "AI SDK `generateText` on FlowPrompt's mockModel",
    peer: true,
    run: async () => {
      const r = await generateText({
        model: fpModel,
        output: sdkOutput,
        instructions: system,
        prompt: `Text: ${vars.text}`,
      });
      return r.output;
    },
  });
}

const lcPrompt = ChatPromptTemplate.fromMessages([
  ["system", system],
  ["user", "Text: {text}"],
]);
const lcChain = lcPrompt
  .pipe(new FakeListChatModel({ responses: [replyJson] }))
  .pipe(StructuredOutputParser.fromZodSchema(schema));
contenders.push({
  name: "LangChain.js prompt → chat model → parser",
  peer: true,
  run: () => lcChain.invoke(vars),
  note: "ChatPromptTemplate.pipe(FakeListChatModel).pipe(StructuredOutputParser.fromZodSchema(schema)); the fake model's withStructuredOutput skips validation, so the parser is used",
});

const axMock = new LeanAxMock();
const axGen = ax(axSignature);
const axVars = { reviewText: vars.text };
contenders.push({
  name: "Ax `ax(signature).forward()`",
  peer: true,
  run: () => axGen.forward(axMock, axVars),
  note: `signature \`${axSignature}\`, reply \`Label: pos\\nConfidence: 0.9\` (Ax's field format), Ax's own validation instead of zod`,
});

const callOptions = {
  prompt: [
    { role: "system" as const, content: system },
    { role: "user" as const, content: [{ type: "text" as const, text: `Text: ${vars.text}` }] },
  ],
};
contenders.push({
  name: "floor: mock `doGenerate` + JSON.parse + zod parse",
  floor: true,
  run: async () => {
    const r = await bareModel.doGenerate(callOptions);
    const part = r.content[0];
    return schema.parse(JSON.parse(part?.type === "text" ? part.text : ""));
  },
  note: "the limit no library can beat: the model call and the validation alone",
});

for (const c of contenders) assertSame(c.name, await c.run(), expected);

const rows = await measure(contenders, { iterations, warmup: quick ? 50 : 500, batch: quick ? 50 : 100 });
console.log(
  header(
    "Per-call overhead, structured output on a mock model",
    `${iterations} timed calls per contender after warm-up, interleaved in rounds; µs per call.`,
  ),
);
console.log(table(rows));
console.log(`\n${goalLine(rows)}`);
