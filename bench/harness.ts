/**
 * A tiny benchmark harness. Every call is timed on its own with `process.hrtime.bigint()`, after a
 * warm-up. Contenders run interleaved in rounds (A, B, C, A, B, C, …; the starting contender rotates
 * each round) so that machine noise, GC pressure and CPU frequency changes hit all of them alike.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

export interface Contender {
  name: string;
  /** One call of the thing measured. */
  run: () => unknown;
  /** The reference every ratio is computed against (FlowPrompt's headline row). */
  reference?: boolean;
  /** A peer library: counted in the goal line. Rows without it (floor, variants) are shown only. */
  peer?: boolean;
  /** The limit no library can beat (bare model call + validation): the second ratio column. */
  floor?: boolean;
  /** Printed under the table. */
  note?: string;
}

export interface Stats {
  /** Microseconds. */
  median: number;
  p10: number;
  p90: number;
  mean: number;
  samples: number;
}

export interface Measured extends Contender {
  stats: Stats;
}

export interface RunOptions {
  /** Timed calls per contender. */
  iterations: number;
  /** Untimed calls per contender before timing starts. */
  warmup: number;
  /** Calls per contender per round. */
  batch: number;
}

export const args = process.argv.slice(2);
export const quick = args.includes("--quick");

/** `--iterations=N` (or `--iterations N`), else the default for this mode. */
export function numberArg(name: string, full: number, quickValue: number): number {
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  const at = args.indexOf(`--${name}`);
  const raw = eq ? eq.slice(name.length + 3) : at >= 0 ? args[at + 1] : undefined;
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : quick ? quickValue : full;
}

export async function measure(contenders: readonly Contender[], options: RunOptions): Promise<Measured[]> {
  const times = contenders.map(() => new Float64Array(options.iterations));
  const done = contenders.map(() => 0);
  for (const c of contenders) for (let i = 0; i < options.warmup; i++) await c.run();
  (globalThis as { gc?: () => void }).gc?.();
  let round = 0;
  while (done.some((d) => d < options.iterations)) {
    for (let k = 0; k < contenders.length; k++) {
      const index = (k + round) % contenders.length;
      const c = contenders[index]!;
      const t = times[index]!;
      const end = Math.min(options.iterations, done[index]! + options.batch);
      for (let i = done[index]!; i < end; i++) {
        const start = process.hrtime.bigint();
        await c.run();
        t[i] = Number(process.hrtime.bigint() - start) / 1000;
      }
      done[index] = end;
    }
    round++;
  }
  return contenders.map((c, i) => ({ ...c, stats: summarize(times[i]!) }));
}

export function summarize(samples: Float64Array | readonly number[]): Stats {
  const sorted = Float64Array.from(samples).sort();
  const n = sorted.length;
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))]!;
  let sum = 0;
  for (const x of sorted) sum += x;
  return { median: at(0.5), p10: at(0.1), p90: at(0.9), mean: n === 0 ? 0 : sum / n, samples: n };
}

/** Two significant digits below 10, otherwise whole numbers: 3.4, 27, 1200. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return "—";
  return x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString();
}

/** peer median / FlowPrompt median: above 1 means FlowPrompt is faster. */
export function ratioText(value: number, reference: number | undefined): string {
  if (reference === undefined || reference <= 0) return "—";
  return `${(value / reference).toFixed(2)}×`;
}

/** A Markdown table of median, p10, p90 and mean in µs, plus the ratio to the reference row. */
export function table(rows: readonly Measured[], unit = "µs"): string {
  const ref = rows.find((r) => r.reference)?.stats.median;
  const floor = rows.find((r) => r.floor)?.stats.median;
  const lines = [
    `| contender | median ${unit} | p10 | p90 | mean | ÷ FlowPrompt | ÷ floor |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    const s = r.stats;
    const ratio = r.reference ? "1.00× (ref)" : ratioText(s.median, ref);
    const cells = [
      r.name,
      fmt(s.median),
      fmt(s.p10),
      fmt(s.p90),
      fmt(s.mean),
      ratio,
      ratioText(s.median, floor),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  return [...lines, ...(notes.length > 0 ? ["", ...notes] : [])].join("\n");
}

/** "FlowPrompt faster than every peer: yes (slowest margin 1.8× vs X)" or what is missing. */
export function goalLine(rows: readonly Measured[], extra?: { maxMedian?: number; unit?: string }): string {
  const ref = rows.find((r) => r.reference);
  if (!ref)
    return "**Goal — FlowPrompt faster than every peer: not yet measured** (FlowPrompt's dist is not built).";
  const peers = rows.filter((r) => r.peer);
  const closest = [...peers].sort((a, b) => a.stats.median - b.stats.median)[0];
  const faster = peers.every((p) => p.stats.median > ref.stats.median);
  let line = `**Goal — FlowPrompt faster than every peer: ${faster ? "yes" : "NO"}**`;
  if (closest)
    line += ` (closest peer: ${closest.name}, ${ratioText(closest.stats.median, ref.stats.median)})`;
  if (extra?.maxMedian !== undefined) {
    const ok = ref.stats.median < extra.maxMedian;
    line += `; median < ${extra.maxMedian} ${extra.unit ?? "µs"}: ${ok ? "yes" : "NO"} (${fmt(ref.stats.median)})`;
  }
  return line;
}

/** Throws unless `actual` deep-equals `expected`: a contender that does not do the work is not measured. */
export function assertSame(name: string, actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${name} returned ${a}, expected ${e}`);
}

export function header(title: string, detail: string): string {
  return `## ${title}\n\n${detail}\n`;
}

/** A share as a percentage with one decimal: 0.0123 → "1.2%". */
export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Upper end of the 95% Wilson score interval of `x` successes in `n` trials. */
export function wilsonUpper(x: number, n: number): number {
  const z = 1.959964;
  const p = x / n;
  return (
    (p + (z * z) / (2 * n) + z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n)
  );
}

/**
 * A module of FlowPrompt's build as an import URL: `dist/` of this repository, or the folder named
 * by FLOWPROMPT_DIST (to benchmark another build against the same peers).
 */
export function dist(path: string): string {
  const dir = process.env.FLOWPROMPT_DIST;
  const base = dir ? pathToFileURL(`${resolve(dir)}/`) : new URL("../dist/", import.meta.url);
  return new URL(path, base).href;
}
