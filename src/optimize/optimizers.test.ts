import { beforeEach, describe, expect, it } from "vitest";
import "../index.js";
import { loadPrompt } from "../files/load.js";
import { expectedAccuracy, sharedSimModel } from "../models/sim/index.js";
import { optimize } from "./optimize.js";

const TASKS = new URL("../../examples/tasks/", import.meta.url).pathname;

beforeEach(() => {
  for (const t of ["sentiment", "extract", "math"]) sharedSimModel(t).reset();
});

describe("the optimizers find the known improvements of the simulated tasks", () => {
  it("instruction search: the proposer's instructions beat the bare math prompt's, refined halfway", async () => {
    const base = await loadPrompt(`${TASKS}math/direct.prompt`);
    const notes: string[] = [];
    const r = await optimize(base, {
      trainset: `${TASKS}math/data.jsonl`,
      metric: "structured",
      optimizer: "instruction",
      trials: 16,
      seed: 1,
      temperatures: [0, 1],
      onNote: (n) => notes.push(n),
    });
    expect(notes.join("\n")).toMatch(/instruction: 6 proposals[\s\S]*refined proposals/);
    expect((r.artifacts.instructions as string[]).length).toBe(7);
    expect(r.program.instruction).not.toBe(
      r.candidates.find((c) => c.origin === "baseline")!.program.instruction,
    );
    // Exact, noise-free: the chosen prompt's expected accuracy beats the baseline's by far.
    expect(expectedAccuracy(r.prompt).accuracy).toBeGreaterThan(expectedAccuracy(base).accuracy + 0.3);
    expect(r.history.some((t) => t.choices.refined === true)).toBe(true);
  });

  it("gepa: reflection on failures writes better instructions, kept on minibatch evidence", async () => {
    const base = await loadPrompt(`${TASKS}extract/basic.prompt`);
    const r = await optimize(base, {
      trainset: `${TASKS}extract/data.jsonl`,
      metric: "exact",
      optimizer: "gepa",
      trials: 15,
      seed: 2,
    });
    const accepted = r.history.filter((t) => t.choices.accepted === true);
    expect(accepted.length).toBeGreaterThan(0);
    // Every kept child was validated and joined the candidates (a child equal to one already there counts once).
    expect(r.candidates.length).toBeGreaterThan(1);
    expect(r.candidates.length).toBeLessThanOrEqual(1 + accepted.length);
    expect(r.candidates.some((c) => c.origin.startsWith("gepa"))).toBe(true);
    expect(expectedAccuracy(r.prompt).accuracy).toBeGreaterThan(expectedAccuracy(base).accuracy + 0.1);
    expect(r.program.instruction).toMatch(/YYYY-MM-DD/);
  });

  it("gepa reads the metric's reasons as feedback", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/bare.prompt`);
    const reasons: string[] = [];
    const metric = (output: unknown, expected: unknown) => {
      const ok = output === expected;
      return { score: ok ? 1 : 0, reason: ok ? "right" : `expected the label ${String(expected)}` };
    };
    const r = await optimize(base, {
      trainset: `${TASKS}sentiment/data.jsonl`,
      metric,
      optimizer: "gepa",
      trials: 6,
      seed: 3,
      feedback: ({ reason }) => {
        reasons.push(String(reason));
        return reason;
      },
    });
    expect(reasons.some((x) => x.startsWith("expected the label"))).toBe(true);
    expect(r.history.length).toBe(6);
  });

  it("bootstrap rounds: the best program teaches the next round, until no round improves", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/bare.prompt`);
    const notes: string[] = [];
    const r = await optimize(base, {
      trainset: `${TASKS}sentiment/data.jsonl`,
      metric: "exact",
      optimizer: "bootstrap",
      trials: 24,
      rounds: 4,
      patience: 1,
      seed: 4,
      onNote: (n) => notes.push(n),
    });
    const rounds = new Set(r.history.map((t) => t.choices.round));
    expect(rounds.size).toBeGreaterThanOrEqual(2);
    expect(r.history.filter((t) => t.choices.round === 0).map((t) => t.choices.set)).toContain("zero-shot");
    if (rounds.size < 4) expect(notes.join("\n")).toMatch(/no improvement for 1 round|reached the threshold/);
    expect(r.score.val!).toBeGreaterThan(r.baseline.val! + 0.3);
  });

  it("bootstrap stops once the threshold is reached", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/bare.prompt`);
    const notes: string[] = [];
    const r = await optimize(base, {
      trainset: `${TASKS}sentiment/data.jsonl`,
      metric: "exact",
      optimizer: "bootstrap",
      trials: 40,
      rounds: 4,
      patience: 3,
      threshold: 0.5,
      seed: 4,
      onNote: (n) => notes.push(n),
    });
    expect(notes.join("\n")).toMatch(/reached the threshold 0.5/);
    expect(new Set(r.history.map((t) => t.choices.round)).size).toBe(1);
  });

  it("few-shot selection tries per-input (kNN / MMR) demos as well as static ones", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const r = await optimize(base, {
      trainset: `${TASKS}sentiment/data.jsonl`,
      metric: "exact",
      optimizer: "fewshot",
      trials: 30,
      seed: 5,
      sampler: "random",
    });
    const strategies = new Set(r.history.map((t) => t.choices.strategy));
    for (const s of ["random", "stratified", "diverse", "knn", "mmr"]) expect(strategies).toContain(s);
    expect(r.candidates.some((c) => c.program.dynamicDemos !== undefined)).toBe(true);
  });
});

describe("byAnswerInTurn", () => {
  it("is a permutation that shows every answer before any repeats (property)", async () => {
    const fc = (await import("fast-check")).default;
    const { byAnswerInTurn } = await import("./optimizers/bootstrap.js");
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 40 }), (labels) => {
        const rows = labels.map((expected, i) => ({ id: `r${i}`, input: i, expected }));
        const out = byAnswerInTurn(rows);
        expect(out.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
        const distinct = new Set(labels).size;
        expect(new Set(out.slice(0, distinct).map((r) => r.expected)).size).toBe(distinct);
      }),
    );
  });
});
