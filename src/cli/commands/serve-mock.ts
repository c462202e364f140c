import type { Command } from "commander";
import { startMockServer } from "../../server/index.js";
import type { MockServer, MockServerOptions } from "../../server/types.js";
import { colors, EXIT, type Io } from "../output.js";
import { UsageError } from "../usage-error.js";
import { checkPort, listenError, type StopSignals, untilStopped } from "./listen.js";
import { numberOption } from "./shared.js";

/** `flowprompt serve-mock`: the local provider server, until Ctrl+C. */
export function serveMockCommand(
  program: Command,
  io: Io,
  done: (code: number) => void,
  signals: StopSignals = process,
): void {
  program
    .command("serve-mock")
    .description("serve mock OpenAI, Anthropic, Gemini, Mistral, Azure and Ollama APIs on 127.0.0.1")
    .option("--port <n>", "port (0: any free port)", numberOption(), 4010)
    .option("--latency <ms>", "delay before each answer", numberOption())
    .option("--tps <n>", "output tokens per second (paces streams)", numberOption())
    .option("--rpm <n>", "requests per minute before 429s", numberOption())
    .option("--tpm <n>", "tokens per minute before 429s", numberOption())
    .option("--error-rate <x>", "share of requests that fail with 429, 500 or 503 (0..1)", numberOption())
    .option("--seed <n>", "seed of answers and random errors", numberOption())
    .action(async (opts) => {
      const options = toOptions(opts);
      let server: MockServer;
      try {
        server = await startMockServer(options);
      } catch (error) {
        throw listenError(error, opts.port);
      }
      printStart(io, server);
      await untilStopped(signals);
      const s = server.stats();
      await server.close();
      io.err(
        `Stopped after ${s.requests} request${s.requests === 1 ? "" : "s"} (${s.ok} ok, ${s.failed} failed).`,
      );
      done(EXIT.ok);
    });
}

function toOptions(opts: Record<string, number | undefined>): MockServerOptions {
  const { port, latency, tps, rpm, tpm, errorRate, seed } = opts;
  checkPort(port);
  for (const [flag, v] of [
    ["--latency", latency],
    ["--tps", tps],
    ["--rpm", rpm],
    ["--tpm", tpm],
  ] as const) {
    if (v !== undefined && !(v > 0 || (flag === "--latency" && v === 0)))
      throw new UsageError(`${flag} ${v}: expected a positive number.`);
  }
  if (errorRate !== undefined && !(errorRate >= 0 && errorRate <= 1))
    throw new UsageError(`--error-rate ${errorRate}: expected a number from 0 to 1, e.g. 0.05 for 5%.`);
  return {
    port,
    ...(latency !== undefined && { latencyMs: latency }),
    ...(tps !== undefined && { tokensPerSecond: tps }),
    ...((rpm !== undefined || tpm !== undefined) && { rateLimits: { rpm, tpm } }),
    ...(errorRate !== undefined && { errorRate }),
    ...(seed !== undefined && { seed }),
  };
}

function printStart(io: Io, server: MockServer): void {
  const c = colors(io);
  const b = server.baseURLs;
  const urls: [string, string][] = [
    ["OpenAI (Chat Completions, Responses)", b.openai],
    ["Anthropic (Messages)", b.anthropic],
    ["Gemini (generateContent)", b.google],
    ["Mistral", b.mistral],
    ["Azure OpenAI", b.azure],
    ["Ollama", b.ollama],
    ["OpenAI-compatible", b.openaiCompatible],
  ];
  const env: [string, string][] = [
    ["OPENAI_BASE_URL", b.openai],
    ["ANTHROPIC_BASE_URL", b.anthropic],
    ["GOOGLE_GENERATIVE_AI_BASE_URL", b.google],
    ["MISTRAL_BASE_URL", b.mistral],
    ["AZURE_BASE_URL", b.azure],
    ["OLLAMA_BASE_URL", b.ollama],
    ["OPENAI_COMPATIBLE_BASE_URL", b.openaiCompatible],
  ];
  const keys = [
    "OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "GOOGLE_GENERATIVE_AI_API_KEY",
    "MISTRAL_API_KEY",
    "AZURE_API_KEY",
  ];
  io.out(`${c.bold("FlowPrompt mock provider server")} on ${server.url}`);
  io.out("");
  for (const [name, url] of urls) io.out(`  ${name.padEnd(38)}${url}`);
  io.out("");
  io.out(c.dim("# point FlowPrompt and the providers' SDKs at it (any non-empty key works):"));
  for (const [name, url] of env) io.out(`export ${name}=${url}`);
  for (const name of keys) io.out(`export ${name}=mock-key`);
  io.out("");
  io.err(c.dim("Press Ctrl+C to stop."));
}
