/**
 * The shared set-up of bench/optimize-ax.ts: the data split, the two task variants (the base prompt
 * each library gets), the dist() loader, and small statistics helpers.
 */
import { readFileSync } from "node:fs";

type DatasetRow = import("../../src/core/ports.ts").DatasetRow;

export { dist } from "../harness.ts";

/** Seeded uniform numbers in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Split {
  train: DatasetRow[];
  val: DatasetRow[];
  test: DatasetRow[];
}

/** The sentiment rows, shuffled once with a fixed seed and cut into train / val / test. */
export function splitRows(sizes: { train: number; val: number; test: number }, seed = 2024): Split {
  const file = new URL("../../examples/tasks/sentiment/data.jsonl", import.meta.url);
  const rows = readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as DatasetRow);
  const rnd = mulberry32(seed);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  const { train, val, test } = sizes;
  if (train + val + test > rows.length) throw new Error(`only ${rows.length} rows`);
  return {
    train: rows.slice(0, train),
    val: rows.slice(train, train + val),
    test: rows.slice(train + val, train + val + test),
  };
}

/** The instruction both libraries start from (Ax: `setInstruction`, FlowPrompt: the system message). */
export const INSTRUCTION = "Classify the sentiment of the product review.";

/**
 * A variant of the task: Ax's signature and FlowPrompt's equivalent fixed user turn. The parts outside
 * the instruction carry the same simulator features on both sides: Ax's scaffold says "Return … the
 * required output fields only" (a format hint) and, for a class output, "Allowed values: positive,
 * negative, neutral" (the labels); FlowPrompt's user turn says the same in its own words. Neither
 * optimizer rewrites these parts, only the instruction (and the demos).
 */
export interface Variant {
  id: string;
  title: string;
  axSignature: string;
  fpUser: string;
}

export const VARIANTS: readonly Variant[] = [
  {
    id: "class",
    title:
      "labels named by the fixed part (Ax `class` output); no instruction can add a feature, so GEPA has no true headroom",
    axSignature: 'review:string -> sentiment:class "positive, negative, neutral"',
    fpUser: "Review: {{review}}\nAllowed values: positive, negative, neutral\nReturn the sentiment only.",
  },
  {
    id: "string",
    title: "labels left to the instruction (Ax `string` output); GEPA can gain by naming them",
    axSignature: "review:string -> sentiment:string",
    fpUser: "Review: {{review}}\nReturn the sentiment only.",
  },
];

export const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / xs.length;

/** Standard error of the mean (0 for a single value). */
export const se = (xs: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
};
