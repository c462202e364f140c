/**
 * Heap per cached entry: fill a cache with 100k distinct entries (small, realistic cached runs of a
 * classification prompt), force GC, read the heapUsed delta. Then, with `maxBytes: 16 MiB`, keep
 * inserting and show the heap stays bounded. Needs `--expose-gc`.
 *
 *   node --expose-gc bench/memory.ts [--quick] [--entries=100000]
 */
import { createHash } from "node:crypto";
import { InMemoryCache } from "@langchain/core/caches";
import { AIMessage } from "@langchain/core/messages";
import type { ChatGeneration } from "@langchain/core/outputs";
import type { CachedRun } from "flowprompt";
import { loadFlowPrompt } from "./fixtures.ts";
import { fmt, header, numberArg, quick } from "./harness.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc: node --expose-gc bench/memory.ts");
const entries = numberArg("entries", 100_000, 20_000);
const MiB = 1024 * 1024;

function key(i: number): string {
  return "fp:" + createHash("sha256").update(`entry-${i}`).digest("hex");
}

function entry(i: number): CachedRun {
  const output = { label: i % 2 === 0 ? "pos" : "neg", confidence: (i % 1000) / 1000 };
  return {
    text: JSON.stringify(output),
    output,
    model: "openai:gpt-4o-mini",
    finishReason: "stop",
    usage: {
      inputTokens: 40 + (i % 50),
      outputTokens: 12,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: 52 + (i % 50),
    },
    costUsd: 0.0000132,
    createdAt: 1_760_000_000_000 + i,
  };
}

function heapUsed(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

/** Bytes retained per entry by what `fill` builds and returns. */
async function perEntry(fill: (n: number) => Promise<unknown>): Promise<{ total: number; perEntry: number }> {
  const before = heapUsed();
  const holder = await fill(entries);
  const total = heapUsed() - before;
  if (holder === undefined) throw new Error("nothing was filled"); // also keeps it alive until measured
  return { total, perEntry: total / entries };
}

const fp = await loadFlowPrompt();
const rows: { name: string; total: number; perEntry: number; note: string }[] = [];

const floor = await perEntry(async (n) => {
  const map = new Map<string, CachedRun>();
  for (let i = 0; i < n; i++) map.set(key(i), entry(i));
  return map;
});
rows.push({
  name: "floor: `Map<key, CachedRun>`",
  ...floor,
  note: "the same keys and objects in a plain Map",
});

if (fp) {
  const store = await perEntry(async (n) => {
    const s = new fp.MemoryCacheStore({ maxEntries: n, maxBytes: 1024 * MiB });
    for (let i = 0; i < n; i++) s.set(key(i), entry(i));
    if (s.size().entries !== n) throw new Error(`MemoryCacheStore kept ${s.size().entries} of ${n}`);
    return s;
  });
  rows.push({
    name: "FlowPrompt `MemoryCacheStore`",
    ...store,
    note: "`maxEntries` = the entry count and a 1 GiB `maxBytes`, so nothing is evicted",
  });
}

const lc = await perEntry(async (n) => {
  const cache = new InMemoryCache<ChatGeneration[]>();
  const llmKey = "_model:fake-list,_type:chat";
  for (let i = 0; i < n; i++) {
    const text = entry(i).text;
    await cache.update(`System: You classify sentiment.\nHuman: Text: review ${i}`, llmKey, [
      { text, message: new AIMessage(text) },
    ]);
  }
  return cache;
});
rows.push({
  name: "LangChain.js `InMemoryCache`",
  ...lc,
  note: "one ChatGeneration (text + AIMessage) per entry, as BaseChatModel stores it; real ones also carry response metadata",
});

const floorPer = floor.perEntry;
const lines = [
  `| cache | heap for ${entries.toLocaleString("en")} entries | bytes/entry | ÷ floor |`,
  "| --- | ---: | ---: | ---: |",
  ...rows.map(
    (r) =>
      `| ${r.name} | ${fmt(r.total / MiB)} MiB | ${Math.round(r.perEntry)} | ${(r.perEntry / floorPer).toFixed(2)}× |`,
  ),
  "",
  ...rows.map((r) => `- ${r.name}: ${r.note}`),
];

if (fp) {
  const budget = 16 * MiB;
  const total = entries * 3;
  const before = heapUsed();
  // lru-cache preallocates its index arrays for maxEntries slots: the empty store's heap is shown first.
  const store = new fp.MemoryCacheStore({ maxEntries: total, maxBytes: budget });
  const row = (inserted: number) => {
    const { entries: kept, bytes } = store.size();
    const heap = heapUsed() - before;
    const cells = [inserted, kept].map((n) => n.toLocaleString("en"));
    return `| ${cells.join(" | ")} | ${fmt(bytes / MiB)} | ${fmt(heap / MiB)} |`;
  };
  const checkpoints = [row(0)];
  for (let i = 0; i < total; i++) {
    store.set(key(i), entry(i));
    if ((i + 1) % entries === 0) checkpoints.push(row(i + 1));
  }
  lines.push(
    "",
    `Bounded: \`new MemoryCacheStore({ maxEntries: ${total.toLocaleString("en")}, maxBytes: 16 MiB })\` (bytes counted as JSON length), ${total.toLocaleString("en")} inserts:`,
    "",
    "| inserted | entries kept | store bytes (MiB) | heap delta (MiB) |",
    "| ---: | ---: | ---: | ---: |",
    ...checkpoints,
  );
} else {
  lines.push("", "FlowPrompt `MemoryCacheStore`: **not yet measured** (dist is not built).");
}

console.log(
  header(
    "Memory per cached entry",
    `heapUsed delta after two forced GCs, ${entries.toLocaleString("en")} distinct entries${quick ? " (quick)" : ""}.`,
  ),
);
console.log(lines.join("\n"));
