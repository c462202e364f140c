/**
 * The full HTTP path: FlowPrompt (model string "openai:…", through @ai-sdk/openai) against the
 * official `openai` SDK calling the same local endpoint directly, both with structured output and
 * the same zod validation. The server answers at once, so what differs is client code.
 *
 *   node bench/http-overhead.ts [--quick] [--iterations=1500]
 */
import OpenAI from "openai";
import { z } from "zod";
import { expected, loadFlowPrompt, replyJson, schema, system, vars } from "./fixtures.ts";
import { assertSame, type Contender, header, measure, numberArg, quick, table } from "./harness.ts";

const iterations = numberArg("iterations", 1500, 100);
const fp = await loadFlowPrompt();
const server = fp ? await fp.startMockServer({ replies: [{ text: replyJson }], record: false }) : undefined;
const contenders: Contender[] = [];

if (fp && server) {
  fp.configureProviders({ openai: { baseURL: server.baseURLs.openai, apiKey: "bench", api: "chat" } });
  const prompt = fp.definePrompt({
    name: "classify",
    system,
    user: "Text: {{text}}",
    output: schema,
    model: "openai:gpt-4o-mini",
  });
  contenders.push({
    name: "FlowPrompt `prompt.run()` on `openai:gpt-4o-mini`",
    run: () => prompt.run(vars, { retry: false }),
    reference: true,
  });

  const client = new OpenAI({ baseURL: server.baseURLs.openai, apiKey: "bench", maxRetries: 0 });
  const jsonSchema = z.toJSONSchema(schema);
  contenders.push({
    name: "official `openai` SDK `chat.completions.create` + JSON.parse + zod",
    peer: true,
    run: async () => {
      const r = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [
          { role: "system", content: system },
          { role: "user", content: `Text: ${vars.text}` },
        ],
        response_format: {
          type: "json_schema",
          json_schema: { name: "classify", schema: jsonSchema, strict: true },
        },
      });
      return schema.parse(JSON.parse(r.choices[0]?.message.content ?? "null"));
    },
  });
  for (const c of contenders) assertSame(c.name, await c.run(), expected);
}

const rows = contenders.length
  ? await measure(contenders, { iterations, warmup: quick ? 20 : 200, batch: quick ? 20 : 100 })
  : [];
await server?.close();

console.log(
  header(
    "Full HTTP path overhead (local provider server, no latency)",
    `${iterations} timed calls each, interleaved; µs per call, a real HTTP round trip on 127.0.0.1 included.`,
  ),
);
console.log(table(rows));
const ref = rows.find((r) => r.reference);
const sdk = rows.find((r) => r.peer);
if (ref && sdk) {
  const ratio = ref.stats.median / sdk.stats.median;
  console.log(
    `\n**Goal — FlowPrompt ÷ official SDK ≤ 1.10: ${ratio <= 1.1 ? "yes" : "NO"}** (${ratio.toFixed(2)}; medians ${ref.stats.median.toFixed(0)} vs ${sdk.stats.median.toFixed(0)} µs)`,
  );
} else
  console.log(
    "\n**Goal — FlowPrompt ÷ official SDK ≤ 1.10: not yet measured** (FlowPrompt's dist is not built).",
  );
