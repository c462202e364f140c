/**
 * Runs every benchmark, each in its own `node --expose-gc` child process so one does not disturb
 * the next, and prints one Markdown report to stdout (progress and warnings go to stderr).
 *
 *   npm run bench              (build, then this)
 *   node bench/run.ts [--quick] [--only=overhead,cache-hit]
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { args, quick } from "./harness.ts";

const benches = [
  "overhead",
  "cache-hit",
  "cold-start",
  "memory",
  "http-overhead",
  "throughput",
  "false-winner",
  "power",
  "assignment",
  "bandits",
  "aa-peeking",
  "optimize",
  "optimize-ax",
  "frames",
  "image-prep",
] as const;
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const selected = benches.filter((b) => !only || only.includes(b));

function version(pkg: string): string {
  try {
    const file = fileURLToPath(new URL(`../node_modules/${pkg}/package.json`, import.meta.url));
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

function gitCommit(): string {
  const r = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--", "src"], { encoding: "utf8" }).stdout?.trim();
  return r.status === 0 ? `${r.stdout.trim()}${dirty ? " + uncommitted src changes" : ""}` : "unknown";
}

const cpu = cpus();
const out: string[] = [
  `# FlowPrompt benchmarks${quick ? " (quick smoke run: numbers are noisy)" : ""}`,
  "",
  `- date: ${new Date().toISOString()}`,
  `- machine: ${cpu[0]?.model ?? "unknown CPU"} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${process.platform}`,
  `- Node ${process.version}; flowprompt ${version("..")} (${gitCommit()})` +
    (process.env.FLOWPROMPT_DIST ? `, build measured: FLOWPROMPT_DIST=${process.env.FLOWPROMPT_DIST}` : ""),
  `- peers: ai ${version("ai")}, @langchain/core ${version("@langchain/core")}, @ax-llm/ax ${version("@ax-llm/ax")}, zod ${version("zod")}`,
  "- ratios: peer ÷ FlowPrompt; above 1.00× means FlowPrompt is faster (or smaller)",
  "",
];
console.log(out.join("\n"));

let failed = 0;
for (const name of selected) {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  process.stderr.write(`running ${name}…\n`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ["--expose-gc", file, ...(quick ? ["--quick"] : [])], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const err = r.stderr.trimEnd();
  if (err) process.stderr.write(`${err.replace(/^/gm, `  [${name}] `)}\n`);
  if (r.status === 0) {
    console.log(`${r.stdout.trim()}\n\n_${name}: ${seconds} s_\n`);
  } else {
    failed++;
    const tail = r.stderr.trim().split("\n").slice(-15).join("\n");
    console.log(`## ${name}: FAILED (exit ${r.status ?? r.signal})\n\n\`\`\`\n${tail}\n\`\`\`\n`);
  }
}
if (failed > 0) process.exitCode = 1;
