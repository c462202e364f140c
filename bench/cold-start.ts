/**
 * Cold start: the wall time of a fresh `node` that imports a library's main module and exits, minus a
 * bare `node` that imports nothing. Runs are interleaved (bare, FlowPrompt, AI SDK, …, bare, …).
 *
 *   node bench/cold-start.ts [--quick] [--runs=15]
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { flowPromptDist } from "./fixtures.ts";
import { fmt, header, numberArg, quick, ratioText, summarize } from "./harness.ts";

const runs = numberArg("runs", 15, 3);
const distUrl = flowPromptDist().core;

interface Target {
  name: string;
  specifiers: string[];
  reference?: boolean;
  peer?: boolean;
}

const targets: Target[] = [{ name: "bare `node` (baseline)", specifiers: [] }];
if (existsSync(fileURLToPath(distUrl))) {
  targets.push({ name: 'FlowPrompt `import "flowprompt"`', specifiers: [distUrl], reference: true });
} else {
  console.error("FlowPrompt not measured: dist/index.js is missing (run `npm run build` first).");
}
targets.push(
  { name: 'AI SDK `import "ai"`', specifiers: [import.meta.resolve("ai")], peer: true },
  {
    name: "LangChain.js prompts + chat_models",
    specifiers: [
      import.meta.resolve("@langchain/core/prompts"),
      import.meta.resolve("@langchain/core/language_models/chat_models"),
    ],
    peer: true,
  },
  { name: 'Ax `import "@ax-llm/ax"`', specifiers: [import.meta.resolve("@ax-llm/ax")], peer: true },
);

function once(target: Target): number {
  const code = target.specifiers.map((s) => `await import(${JSON.stringify(s)});`).join("");
  const start = performance.now();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${target.name} failed: ${r.stderr.toString().slice(0, 500)}`);
  return ms;
}

// One untimed run each warms the OS file cache, so every timed run is equally "cold" for V8 only.
for (const t of targets) once(t);
const samples = targets.map(() => [] as number[]);
for (let i = 0; i < runs; i++) {
  for (let k = 0; k < targets.length; k++) {
    const index = (k + i) % targets.length;
    samples[index]!.push(once(targets[index]!));
  }
}

const stats = samples.map((s) => summarize(s));
const base = stats[0]!.median;
const refIndex = targets.findIndex((t) => t.reference);
const refNet = refIndex >= 0 ? stats[refIndex]!.median - base : undefined;
const lines = [
  "| module | median ms | p10 | p90 | net ms (− bare node) | net ÷ FlowPrompt |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
];
targets.forEach((t, i) => {
  const s = stats[i]!;
  const net = s.median - base;
  const ratio = i === 0 ? "—" : t.reference ? "1.00× (ref)" : ratioText(net, refNet);
  lines.push(
    `| ${t.name} | ${fmt(s.median)} | ${fmt(s.p10)} | ${fmt(s.p90)} | ${i === 0 ? "0" : fmt(net)} | ${ratio} |`,
  );
});

console.log(
  header(
    "Cold start (import the main module in a fresh process)",
    `${runs} interleaved runs each of \`node --input-type=module -e 'await import(…)'\`` +
      `${quick ? " (quick)" : ""}; net = median − bare node median (${fmt(base)} ms).`,
  ),
);
console.log(lines.join("\n"));
if (refNet === undefined) {
  console.log(
    "\n**Goal — FlowPrompt imports faster than every peer: not yet measured** (dist is not built).",
  );
} else {
  const peers = targets.map((t, i) => ({ t, net: stats[i]!.median - base })).filter((x) => x.t.peer);
  const ok = peers.every((p) => p.net > refNet);
  const closest = [...peers].sort((a, b) => a.net - b.net)[0]!;
  console.log(
    `\n**Goal — FlowPrompt imports faster than every peer: ${ok ? "yes" : "NO"}** ` +
      `(closest peer: ${closest.t.name}, ${ratioText(closest.net, refNet)})`,
  );
}
