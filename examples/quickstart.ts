/**
 * The 30-second tour: a typed prompt, a run on the built-in mock model (no key, no network),
 * the full result, streaming, caching and usage tracking.
 *
 *   npm run demo        (builds, then runs this file)
 */
import { cache, configure, definePrompt, MemoryCacheStore, trackUsage } from "flowprompt";
import { mockModel } from "flowprompt/testing";
import { z } from "zod";

export async function main(log: (line: string) => void = console.log) {
  // 1. A typed prompt. `run()` resolves to { label, confidence }; a wrong variable is a compile error.
  const classify = definePrompt({
    name: "classify-sentiment",
    version: "1",
    system: "You classify the sentiment of customer reviews.",
    user: "Review: {{review}}",
    output: z.object({
      label: z.enum(["positive", "negative", "neutral"]),
      confidence: z.number().min(0).max(1),
    }),
    model: mockModel({
      // The mock answers locally; give it replies, a responder, or nothing (a schema-valid value).
      responder: ({ lastUserText }) => ({
        object: { label: /love|great/i.test(lastUserText) ? "positive" : "negative", confidence: 0.93 },
        usage: { inputTokens: 42, outputTokens: 12 },
      }),
    }),
  });

  log("Preview (no model call):");
  for (const m of classify.messages({ review: "I love this kettle" }))
    log(`  ${m.role}: ${String(m.content)}`);

  // 2. Run: the validated, typed output.
  const verdict = await classify.run({ review: "I love this kettle" });
  log(`\nrun() → ${JSON.stringify(verdict)}`);

  // 3. Execute: the full result with usage, cost, latency and the prompt's hash.
  const result = await classify.execute({ review: "It broke in a week" });
  log(
    `execute() → ${result.output.label} · ${result.usage.inputTokens}+${result.usage.outputTokens} tokens · ` +
      `$${result.costUsd} · ${result.latencyMs.toFixed(2)} ms · prompt ${result.prompt.name}@${result.prompt.version} #${result.prompt.hash}`,
  );

  // 4. Cache: the second identical call is answered from memory, before any rendering.
  const cached = cache({ store: new MemoryCacheStore() });
  configure({ middleware: [cached] });
  await classify.run({ review: "great value" });
  const hit = await classify.execute({ review: "great value" });
  const stats = await cached.stats();
  log(`cache → second call cached: ${hit.cached}, hit rate ${(stats.hitRate * 100).toFixed(0)}%`);
  configure({ middleware: [] });

  // 5. Stream text as it arrives.
  const haiku = definePrompt({ name: "haiku", user: "A haiku about {{topic}}", model: "mock" });
  const stream = haiku.stream({ topic: "autumn" });
  let streamed = "";
  for await (const delta of stream.textStream) streamed += delta;
  log(`stream → ${(await stream.result).text === streamed ? "deltas add up to the final text" : "mismatch"}`);

  // 6. Track usage and cost of everything inside a block.
  const { usage } = await trackUsage(() =>
    classify.batch([{ review: "love it" }, { review: "meh" }, { review: "great" }], { concurrency: 2 }),
  );
  log(`trackUsage → ${usage.calls} calls, ${usage.inputTokens} input tokens, $${usage.costUsd.toFixed(6)}`);
  return { verdict, result, hit, usage };
}

if (import.meta.main) await main();
