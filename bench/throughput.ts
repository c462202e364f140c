/**
 * Batch throughput against a rate-limited provider: the local server enforces 600 requests/min
 * (a 1 s burst) and answers in 300 ms; FlowPrompt runs a batch with its client-side limiter set to
 * the same rate but a burst twice the server's, so the server answers the excess with 429s and the
 * limiter has to adapt. Achieved rate ÷ the ceiling, and nothing lost.
 *
 *   node bench/throughput.ts [--quick] [--requests=200]
 */
import { loadFlowPrompt, replyJson, schema, system } from "./fixtures.ts";
import { header, numberArg } from "./harness.ts";

const requests = numberArg("requests", 200, 40);
const rpm = 600;
const latencyMs = 300;
const burst = rpm / 60; // the server's 1 s burst
const fp = await loadFlowPrompt();
if (!fp) {
  console.log(
    header("Batch throughput under a rate limit", "not yet measured (FlowPrompt's dist is not built)."),
  );
  process.exit(0);
}
const server = await fp.startMockServer({
  replies: [{ text: replyJson }],
  latencyMs,
  rateLimits: { rpm, burstSeconds: 1 },
  record: false,
});
fp.configureProviders({ openai: { baseURL: server.baseURLs.openai, apiKey: "bench", api: "chat" } });
fp.configure({
  rateLimiter: fp.rateLimits({ openai: { rpm, burstSeconds: 2 } }),
  retry: { maxAttempts: 8, initialDelayMs: 200, maxDelayMs: 2000 },
});
const prompt = fp.definePrompt({
  name: "classify",
  system,
  user: "Text: {{text}}",
  output: schema,
  model: "openai:gpt-4o-mini",
});
const inputs = Array.from({ length: requests }, (_, i) => ({ text: `review ${i}` }));

const started = performance.now();
let failed = 0;
let succeeded = 0;
const { usage } = await fp.trackUsage(async () => {
  try {
    succeeded = (await prompt.batch(inputs, { concurrency: 32 })).length;
  } catch (error) {
    const e = error as { results?: unknown[]; errors?: Map<number, unknown> };
    failed = e.errors?.size ?? requests;
    succeeded = requests - failed;
  }
});
const elapsedS = (performance.now() - started) / 1000;
const stats = server.stats();
await server.close();

// The fastest any client can go: the burst at once, the rest at the limit, plus one answer's latency.
const idealS = Math.max(0, requests - burst) / (rpm / 60) + latencyMs / 1000;
const ratio = idealS / elapsedS;
console.log(
  header(
    "Batch throughput under a rate limit",
    `${requests} requests, server limit ${rpm}/min (1 s burst) answering the excess with 429 + retry-after, ` +
      `${latencyMs} ms latency; client: \`rateLimits({ openai: { rpm: ${rpm}, burstSeconds: 2 } })\`, retries on, ` +
      "batch concurrency 32.",
  ),
);
console.log("| measure | value |\n| --- | ---: |");
console.log(`| elapsed | ${elapsedS.toFixed(2)} s |`);
console.log(`| achieved rate | ${((succeeded / elapsedS) * 60).toFixed(0)} /min |`);
console.log(`| fastest possible (burst + limit + latency) | ${idealS.toFixed(2)} s |`);
console.log(`| achieved ÷ ceiling | ${ratio.toFixed(3)} |`);
console.log(`| succeeded / failed | ${succeeded} / ${failed} |`);
console.log(`| 429s from the server | ${stats.rateLimited} |`);
console.log(
  `| model calls (retries included) / failed calls | ${usage.attempts} / ${usage.failedAttempts} |`,
);
console.log(
  `\n**Goal — achieved ÷ ceiling ≥ 0.95 with nothing lost: ${ratio >= 0.95 && failed === 0 ? "yes" : "NO"}** (${ratio.toFixed(3)}, ${failed} failed)`,
);
