import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "../../index.js";
import { setPrice } from "../../core/cost.js";
import type { DatasetRow } from "../../core/index.js";
import { definePrompt } from "../../core/prompt.js";
import { mockModel } from "../../models/mock-model.js";
import { estimateEvaluation } from "./estimate.js";
import { readRecords } from "./records.js";
import { runEvaluation } from "./runner.js";
import type { ScoreFn } from "./types.js";
import { toRunners } from "./variants.js";

const rows: DatasetRow[] = Array.from({ length: 6 }, (_, i) => ({
  id: `r${i}`,
  input: { n: i },
  expected: String(i * 2),
}));
const exact: ScoreFn = async (output, row) => ({ score: String(output) === row.expected ? 1 : 0 });
const tmp = () => join(mkdtempSync(join(tmpdir(), "fp-runner-")), "records.jsonl");

function doubler(wrongFor: number[] = []) {
  return mockModel({
    responder: ({ lastUserText }) => {
      const n = Number(lastUserText.replace(/\D/g, ""));
      return String(wrongFor.includes(n) ? n : n * 2);
    },
  });
}

describe("runEvaluation", () => {
  it("runs every variant on every input and run, scoring each, in a stable order", async () => {
    const variants = await toRunners({
      good: definePrompt({ name: "g", user: "Double {{n}}", model: doubler() }),
      bad: definePrompt({ name: "b", user: "Double {{n}}", model: doubler([1, 3, 5]) }),
      fn: (input: { n: number }) => String(input.n * 2),
    });
    const result = await runEvaluation({ variants, dataset: rows, score: exact, runs: 2 });
    expect(result.records).toHaveLength(3 * 6 * 2);
    expect(result.records.slice(0, 3).map((r) => [r.variant, r.inputId, r.run])).toEqual([
      ["good", "r0", 0],
      ["good", "r0", 1],
      ["good", "r1", 0],
    ]);
    const mean = (v: string) => {
      const rs = result.records.filter((r) => r.variant === v);
      return rs.reduce((s, r) => s + r.score, 0) / rs.length;
    };
    expect([mean("good"), mean("bad"), mean("fn")]).toEqual([1, 0.5, 1]);
    expect(result.records[0]).toMatchObject({
      model: "mock:mock",
      promptHash: expect.any(String),
      cached: false,
    });
    expect(result.stopped).toBeUndefined();
  });

  it("keeps variant and scorer errors as failed records scored 0", async () => {
    const variants = await toRunners({
      flaky: (input: { n: number }) => {
        if (input.n === 2) throw new Error("boom");
        return String(input.n * 2);
      },
    });
    const score: ScoreFn = async (output, row) =>
      row.id === "r4"
        ? { score: 0, error: { code: "FP_SCORE_RANGE", message: "scorer said 7" } }
        : exact(output, row, undefined);
    const { records } = await runEvaluation({ variants, dataset: rows, score });
    expect(records.find((r) => r.inputId === "r2")).toMatchObject({
      score: 0,
      error: { stage: "variant", message: "boom" },
    });
    expect(records.find((r) => r.inputId === "r4")).toMatchObject({
      score: 0,
      error: { stage: "scorer", code: "FP_SCORE_RANGE" },
    });
    expect(records).toHaveLength(6);
  });

  it("persists records as they finish and resumes without calling again", async () => {
    const file = tmp();
    const model = doubler();
    const variants = await toRunners({ v: definePrompt({ name: "v", user: "Double {{n}}", model }) });
    const controller = new AbortController();
    let seen = 0;
    const first = await runEvaluation({
      variants,
      dataset: rows,
      score: exact,
      recordsFile: file,
      concurrency: 1,
      signal: controller.signal,
      onProgress: () => {
        if (++seen === 3) controller.abort();
      },
    });
    expect(first.stopped).toBe("aborted");
    const written = readFileSync(file, "utf8").trim().split("\n");
    expect(written.length).toBeGreaterThanOrEqual(3);
    const callsBefore = model.calls.length;
    const second = await runEvaluation({ variants, dataset: rows, score: exact, recordsFile: file });
    expect(second.resumed).toBe(written.length);
    expect(model.calls.length - callsBefore).toBe(6 - written.length);
    expect(second.records).toHaveLength(6);
    expect(await readRecords(file)).toHaveLength(6);
  });

  it("skips a torn last line, refuses a damaged middle line and a changed prompt", async () => {
    const file = tmp();
    const variants = await toRunners({
      v: definePrompt({ name: "v", user: "Double {{n}}", model: doubler() }),
    });
    await runEvaluation({ variants, dataset: rows.slice(0, 2), score: exact, recordsFile: file });
    appendFileSync(file, '{"variant":"v","inputId":"r2","ru');
    expect(await readRecords(file)).toHaveLength(2);
    const lines = readFileSync(file, "utf8").split("\n");
    writeFileSync(file, [lines[0], "garbage", lines[1]].join("\n"));
    await expect(readRecords(file)).rejects.toThrow(/records\.jsonl:2 is not a record/);
    writeFileSync(file, `${lines[0]}\n`);
    const changed = await toRunners({
      v: definePrompt({ name: "v", user: "Twice {{n}}", model: doubler() }),
    });
    await expect(
      runEvaluation({ variants: changed, dataset: rows, score: exact, recordsFile: file }),
    ).rejects.toThrow(/variant "v" has changed since its records were written/);
  });

  it("estimates calls, tokens and cost before spending, and stops before passing a budget", async () => {
    setPrice("mock:priced-eval", { input: 1_000_000, output: 1_000_000 });
    const model = mockModel({
      modelId: "priced-eval",
      replies: [{ text: "0", usage: { inputTokens: 1, outputTokens: 1 } }],
    });
    const variants = await toRunners({
      v: definePrompt({ name: "v", user: "Double {{n}}", model, params: { maxOutputTokens: 1 } }),
    });
    const estimate = estimateEvaluation(variants, rows, 1);
    expect(estimate.calls).toBe(6);
    expect(estimate.inputTokens).toBeGreaterThan(0);
    expect(estimate.costUsd).toBeGreaterThan(0);
    const perCall = estimate.costUsd! / 6;
    const budgetUsd = perCall * 3.5;
    const result = await runEvaluation({ variants, dataset: rows, score: exact, budgetUsd, concurrency: 1 });
    expect(result.stopped).toBe("budget");
    expect(result.costUsd).toBeLessThanOrEqual(budgetUsd);
    expect(model.calls.length).toBe(result.records.length);
    expect(result.records.length).toBeGreaterThanOrEqual(3);
    expect(result.records.length).toBeLessThan(6);
  });

  it("stops early when asked, with complete inputs only", async () => {
    const variants = await toRunners({
      a: (i: { n: number }) => String(i.n * 2),
      b: (i: { n: number }) => String(i.n),
    });
    const result = await runEvaluation({
      variants,
      dataset: rows,
      score: exact,
      concurrency: 1,
      shouldStop: (records) => records.length >= 4,
    });
    expect(result.stopped).toBe("early");
    const perInput = new Map<string, number>();
    for (const r of result.records) perInput.set(r.inputId, (perInput.get(r.inputId) ?? 0) + 1);
    expect([...perInput.values()].every((count) => count === 2)).toBe(true);
    expect(result.records.length).toBeLessThan(12);
  });

  it("bounds the calls in flight and reports progress with an ETA", async () => {
    let active = 0;
    let peak = 0;
    const variants = await toRunners({
      slow: async (i: { n: number }) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return String(i.n * 2);
      },
    });
    const progress: number[] = [];
    await runEvaluation({
      variants,
      dataset: rows,
      score: exact,
      concurrency: 2,
      onProgress: (p) => progress.push(p.done),
    });
    expect(peak).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("stops at once on a configuration error (a missing key fails every call alike)", async () => {
    const { MissingApiKeyError } = await import("../../core/errors/missing-api-key-error.js");
    let calls = 0;
    const variants = await toRunners({
      a: () => {
        calls++;
        throw new MissingApiKeyError("openai", "OPENAI_API_KEY");
      },
    });
    await expect(runEvaluation({ variants, dataset: rows, score: exact, concurrency: 1 })).rejects.toThrow(
      /OPENAI_API_KEY is not set/,
    );
    expect(calls).toBe(1);
  });

  it("refuses bad arguments", async () => {
    const variants = await toRunners({ a: () => 1 });
    await expect(runEvaluation({ variants: [], dataset: rows, score: exact })).rejects.toThrow(/variants/);
    await expect(runEvaluation({ variants, dataset: [], score: exact })).rejects.toThrow(/no rows/);
    await expect(runEvaluation({ variants, dataset: rows, score: exact, runs: 0 })).rejects.toThrow(/runs/);
    await expect(toRunners({ x: 5 as never })).rejects.toThrow(/variant "x"/);
  });
});
