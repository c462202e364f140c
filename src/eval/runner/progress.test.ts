import { expect, it, describe as suite } from "vitest";
import { describe, progressReporter } from "./progress.js";
import type { RunProgress } from "./types.js";

const at = (done: number, extra: Partial<RunProgress> = {}): RunProgress => ({
  done,
  total: 20,
  resumed: 0,
  failed: 0,
  costUsd: done * 0.001,
  elapsedMs: done * 500,
  etaMs: (20 - done) * 500,
  ...extra,
});

suite("progress", () => {
  it("says done/total, rate, ETA, cost, failures and resumed records", () => {
    expect(describe(at(10, { failed: 2, resumed: 4 }), "compare")).toBe(
      "compare 10/20 · 1.2/s · ETA 5s · $0.0100 · 2 failed · 4 resumed",
    );
    expect(describe(at(0, { etaMs: undefined, elapsedMs: 0 }))).toBe("0/20 · 0.0/s · ETA – · $0.0000");
    expect(describe(at(1, { etaMs: 3_725_000 }))).toContain("ETA 1h02m");
  });

  it("prints a plain line every 10% off a terminal", () => {
    const lines: string[] = [];
    const r = progressReporter({ write: (t) => lines.push(t), isTTY: false });
    for (let i = 1; i <= 20; i++) r.update(at(i));
    expect(lines).toHaveLength(11); // the first result, then each 10%
    expect(lines.at(-1)).toMatch(/^20\/20/);
    expect(lines.every((l) => l.endsWith("\n"))).toBe(true);
  });

  it("redraws one line in place on a terminal and ends it", () => {
    const out: string[] = [];
    const r = progressReporter({ write: (t) => out.push(t), isTTY: true, columns: 100 });
    r.update(at(20));
    r.done();
    const ESC = String.fromCharCode(27);
    expect(out[0]!.startsWith("\r█")).toBe(true);
    expect(out[0]).toContain(" 20/20 ");
    expect(out[0]!.endsWith(`${ESC}[K`)).toBe(true);
    expect(out[1]).toBe("\n");
  });
});
