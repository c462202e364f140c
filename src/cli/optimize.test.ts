import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPrompt } from "../files/load.js";
import { cli } from "./test-utils/cli.js";

const TASKS = new URL("../../examples/tasks/", import.meta.url).pathname;
const out = () => join(mkdtempSync(join(tmpdir(), "fp-cli-opt-")), "best.prompt");

describe("flowprompt optimize", () => {
  it("optimizes a prompt file, prints the gain and writes a prompt file that loads", async () => {
    const file = out();
    const r = await cli(
      "optimize",
      `${TASKS}sentiment/bare.prompt`,
      "--train",
      `${TASKS}sentiment/data.jsonl`,
      "--optimizer",
      "bootstrap",
      "--trials",
      "6",
      "-o",
      file,
    );
    expect(r.err).toMatch(/trial 1\/6: /);
    expect(r.out).toMatch(
      /✓ bootstrap \(tpe\): validation \d+\.\d% → \d+\.\d%, held-out test \d+\.\d% → \d+\.\d%/,
    );
    expect(r.out).toMatch(/chosen: \d demos/);
    expect(r.out).toContain(`Wrote ${file}`);
    expect(r.code).toBe(0);
    const p = await loadPrompt(file);
    expect(p.metadata.optimized).toMatchObject({ optimizer: "bootstrap", metric: "exact" });
    expect(readFileSync(`${file}.history.jsonl`, "utf8")).toMatch(/"type":"header"/);
    // The same command again resumes: no new call.
    const again = await cli(
      "optimize",
      `${TASKS}sentiment/bare.prompt`,
      "--train",
      `${TASKS}sentiment/data.jsonl`,
      "--optimizer",
      "bootstrap",
      "--trials",
      "6",
      "-o",
      file,
      "--json",
    );
    expect(JSON.parse(again.out).usage).toMatchObject({ calls: 0 });
  });

  it("--no-validate runs the bootstrap on a budget of a few calls", async () => {
    const file = out();
    const r = await cli(
      "optimize",
      `${TASKS}sentiment/bare.prompt`,
      "--train",
      `${TASKS}sentiment/data.jsonl`,
      "--test",
      `${TASKS}sentiment/data.jsonl`,
      "--val",
      `${TASKS}sentiment/data.jsonl`,
      "--optimizer",
      "bootstrap",
      "--no-validate",
      "--max-calls",
      "310",
      "--json",
      "-o",
      file,
    );
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary.score.val).toBeNull();
    expect(summary.usage.calls).toBeLessThanOrEqual(310);
    expect(summary.program.demos).toBe(4);
  });

  it("--dry-run prints the projected calls and cost and calls nothing", async () => {
    const r = await cli(
      "optimize",
      `${TASKS}math/direct.prompt`,
      "--train",
      `${TASKS}math/data.jsonl`,
      "--optimizer",
      "mipro",
      "--trials",
      "20",
      "--dry-run",
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Dry run: mipro, 20 trials, on 70 train \/ 42 val \/ 28 test rows/);
    expect(r.out).toMatch(/At most [\d,]+ model calls, about \$\d/);
  });

  it("bad input exits 2 with a clear message", async () => {
    const noOut = await cli(
      "optimize",
      `${TASKS}sentiment/bare.prompt`,
      "--train",
      `${TASKS}sentiment/data.jsonl`,
    );
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/Pass -o <out.prompt>/);
    const badOpt = await cli(
      "optimize",
      `${TASKS}sentiment/bare.prompt`,
      "--train",
      "x.jsonl",
      "--optimizer",
      "dspy",
      "-o",
      out(),
    );
    expect(badOpt.code).toBe(2);
    expect(badOpt.err).toMatch(/Expected one of fewshot, bootstrap, instruction, mipro, gepa/);
    const budget = await cli(
      "optimize",
      `${TASKS}sentiment/bare.prompt`,
      "--train",
      `${TASKS}sentiment/data.jsonl`,
      "--max-calls",
      "5",
      "-o",
      out(),
    );
    expect(budget.code).toBe(2);
    expect(budget.err).toMatch(/The budget allows 5 calls/);
    const metric = await cli(
      "optimize",
      `${TASKS}sentiment/bare.prompt`,
      "--train",
      `${TASKS}sentiment/data.jsonl`,
      "--metric",
      "exakt",
      "-o",
      out(),
    );
    expect(metric.code).toBe(2);
    expect(metric.err).toMatch(/exact/);
  });
});
