import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import "../index.js";
import { loadDataset } from "../eval/datasets/load.js";
import { loadPrompt } from "../files/load.js";
import { sharedSimModel } from "../models/sim/index.js";
import { estimateOptimize, optimize } from "./optimize.js";
import type { OptimizerName } from "./options.js";

const TASKS = new URL("../../examples/tasks/", import.meta.url).pathname;
const DATA = `${TASKS}sentiment/data.jsonl`;
const dir = () => mkdtempSync(join(tmpdir(), "fp-opt-"));

beforeEach(() => sharedSimModel("sentiment").reset());

describe("optimize() on the simulated sentiment task", () => {
  it("bootstrapped demos lift the bare prompt on validation and on the held-out test split", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/bare.prompt`);
    const r = await optimize(base, {
      trainset: DATA,
      metric: "exact",
      optimizer: "bootstrap",
      trials: 8,
      seed: 1,
    });
    expect(r.data.train.length + r.data.val.length + r.data.test.length).toBe(150);
    expect(r.baseline.val).toBeLessThan(0.45);
    expect(r.score.val!).toBeGreaterThan(r.baseline.val! + 0.3);
    expect(r.score.test!).toBeGreaterThan(r.baseline.test! + 0.2);
    expect(r.program.demos.length).toBeGreaterThan(0);
    expect(r.program.demos.some((d) => d.source === "bootstrapped")).toBe(true);
    // The returned prompt is the chosen program, and runs.
    const out = await r.prompt.execute(r.data.test[0]!.input as never);
    expect(["positive", "negative", "neutral"]).toContain(out.output);
  });

  it.each(["fewshot", "bootstrap", "mipro"] as OptimizerName[])(
    "%s keeps a full history and never does worse than the baseline on validation",
    async (optimizer) => {
      const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
      const r = await optimize(base, {
        trainset: DATA,
        metric: "exact",
        optimizer,
        trials: 10,
        seed: 2,
        minibatch: 15,
      });
      expect(r.history.length).toBeGreaterThan(0);
      expect(r.history.length).toBeLessThanOrEqual(10);
      expect(r.history.map((t) => t.number)).toEqual(r.history.map((_, i) => i));
      for (let i = 1; i < r.history.length; i++)
        expect(r.history[i]!.callsSoFar).toBeGreaterThanOrEqual(r.history[i - 1]!.callsSoFar);
      expect(r.score.val!).toBeGreaterThanOrEqual(r.baseline.val!);
      expect(r.candidates[0]!.score).toBe(r.score.val);
      expect(r.optimizer).toBe(optimizer);
      expect(r.sampler).toBe("tpe");
      expect(r.stopReason).toMatch(/trials|converged/);
    },
  );

  it("a repeated candidate costs nothing, and a rerun with the history file makes no call at all", async () => {
    const historyFile = join(dir(), "history.jsonl");
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const options = {
      trainset: DATA,
      metric: "exact",
      optimizer: "fewshot",
      trials: 12,
      seed: 3,
      historyFile,
    } as const;
    const first = await optimize(base, options);
    expect(first.usage.calls).toBeGreaterThan(0);
    expect(first.usage.memoHits).toBeGreaterThan(0); // full validation reuses minibatch rows
    const again = await optimize(base, options);
    expect(again.usage.calls).toBe(0);
    expect(again.usage.resumed).toBeGreaterThan(0);
    expect(again.program).toEqual(first.program);
    expect(again.score).toEqual(first.score);
  });

  it("an interrupted run resumes from its history file and ends where an uninterrupted one does", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const common = {
      trainset: DATA,
      metric: "exact",
      optimizer: "mipro",
      trials: 12,
      seed: 4,
      minibatch: 10,
    } as const;
    const whole = await optimize(base, { ...common, historyFile: join(dir(), "h.jsonl") });
    sharedSimModel("sentiment").reset();
    const historyFile = join(dir(), "h.jsonl");
    const stop = new AbortController();
    const cut = await optimize(base, {
      ...common,
      historyFile,
      signal: stop.signal,
      onProgress: (p) => p.trial.number === 4 && stop.abort(),
    }).catch((e: unknown) => e);
    expect(cut).toMatchObject({ name: "AbortError" });
    const lines = readFileSync(historyFile, "utf8").trim().split("\n");
    expect(lines.length).toBeGreaterThan(10);
    sharedSimModel("sentiment").reset();
    const resumed = await optimize(base, { ...common, historyFile });
    expect(resumed.usage.resumed).toBeGreaterThan(0);
    expect(resumed.usage.calls).toBeLessThan(whole.usage.calls);
    expect(resumed.program).toEqual(whole.program);
  });
});

describe("quality against cost", () => {
  it('objectives ["score", "cost"] give the sampler two objectives and a Pareto front of validated programs', async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const r = await optimize(base, {
      trainset: DATA,
      metric: "exact",
      optimizer: "fewshot",
      objectives: ["score", "cost"],
      trials: 16,
      seed: 7,
      minibatch: 0,
    });
    expect(r.front.length).toBeGreaterThanOrEqual(2);
    // Along the front, a better score costs more: demos add input tokens.
    for (let i = 1; i < r.front.length; i++) {
      expect(r.front[i]!.score).toBeLessThanOrEqual(r.front[i - 1]!.score);
      expect(r.front[i]!.costPerRow).toBeLessThanOrEqual(r.front[i - 1]!.costPerRow);
    }
    expect(r.front[0]!.costPerRow).toBeGreaterThan(r.front.at(-1)!.costPerRow);
    for (const c of r.candidates) {
      if (r.front.includes(c)) continue;
      expect(r.front.some((f) => f.score >= c.score && f.costPerRow <= c.costPerRow)).toBe(true);
    }
    expect(r.history.every((t) => typeof t.costPerRow === "number" && t.costPerRow > 0)).toBe(true);
    await expect(
      optimize(base, { trainset: DATA, metric: "exact", objectives: ["cost"] as never }),
    ).rejects.toThrow(/objectives/);
  });
});

describe("budgets and dry runs", () => {
  it("never makes more calls than maxCalls, and says it stopped for the budget", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const r = await optimize(base, {
      trainset: DATA,
      metric: "exact",
      optimizer: "mipro",
      trials: 50,
      seed: 5,
      budget: { maxCalls: 200 },
    });
    expect(r.usage.calls).toBeLessThanOrEqual(200);
    expect(r.stopReason).toBe("calls");
    expect(r.score.test).not.toBeNull(); // the test scoring was kept back from the search
  });

  it.each([
    ["gepa", 258],
    ["mipro", 233],
    ["bootstrap", 211],
  ] as const)(
    "%s stopped by maxCalls %i mid-evaluation: no call runs on, and the test scoring still happens",
    async (optimizer, maxCalls) => {
      const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
      const { trackUsage } = await import("../core/usage.js");
      const { value: r, usage } = await trackUsage(() =>
        optimize(base, {
          trainset: DATA,
          metric: "exact",
          optimizer,
          trials: 60,
          seed: 8,
          budget: { maxCalls },
        }),
      );
      await new Promise((done) => setTimeout(done, 20));
      expect(r.stopReason).toBe("calls");
      expect(usage.calls).toBe(r.usage.calls);
      expect(usage.calls).toBeLessThanOrEqual(maxCalls);
      expect(r.score.test).not.toBeNull();
    },
  );

  it("stops before the cost cap (the sim model has a price)", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const r = await optimize(base, {
      trainset: DATA,
      metric: "exact",
      optimizer: "bootstrap",
      trials: 50,
      seed: 5,
      budget: { maxCostUsd: 0.004 },
    });
    expect(r.usage.costUsd).toBeLessThanOrEqual(0.004);
    expect(r.stopReason).toBe("cost");
  });

  it("refuses a budget too small for the baseline and one trial, before any call", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    await expect(
      optimize(base, { trainset: DATA, metric: "exact", budget: { maxCalls: 10 } }),
    ).rejects.toMatchObject({
      code: "FP_OPTIMIZE_BUDGET",
      message: expect.stringMatching(
        /allows 10 calls, but scoring the baseline, one trial and the held-out test needs about \d+ calls/,
      ),
    });
  });

  it.each(["fewshot", "bootstrap", "instruction", "mipro", "gepa"] as OptimizerName[])(
    "the dry run of %s is an upper bound of the calls made",
    async (optimizer) => {
      const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
      const options = { trainset: DATA, metric: "exact", optimizer, trials: 8, seed: 6 } as const;
      const plan = await estimateOptimize(base, options);
      const r = await optimize(base, options);
      expect(plan.calls).toBeGreaterThanOrEqual(r.usage.calls);
      expect(plan.costUsd).toBeGreaterThan(0);
      expect(plan.data).toMatchObject({ train: 75, val: 45, test: 30 });
    },
  );
});

describe("without validation (a budget of a few calls)", () => {
  it("bootstrap runs the teacher until the budget ends and fills up with labelled demos, unscored", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/bare.prompt`);
    const rows = await loadDataset(DATA);
    const r = await optimize(base, {
      trainset: rows.slice(0, 100),
      valset: rows.slice(100, 120),
      testset: [],
      metric: "exact",
      optimizer: "bootstrap",
      validate: false,
      maxDemos: 6,
      budget: { maxCalls: 7 },
    });
    expect(r.usage.calls).toBeLessThanOrEqual(7);
    expect(r.stopReason).toBe("calls");
    expect(r.score.val).toBeNull();
    expect(r.candidates).toEqual([]);
    expect(r.program.demos).toHaveLength(6);
    const boot = r.program.demos.filter((d) => d.source === "bootstrapped").length;
    expect(boot).toBeGreaterThan(0);
    expect(r.history).toHaveLength(1);
    expect(r.history[0]!.choices).toMatchObject({ bootstrapped: boot, labelled: 6 - boot });
    // The demos lift the bare prompt (exactly, from the simulator's formula).
    const { expectedAccuracy } = await import("../models/sim/index.js");
    expect(expectedAccuracy(r.prompt).accuracy).toBeGreaterThan(expectedAccuracy(base).accuracy + 0.3);
  });

  it("only bootstrap can run without validation; the budget check needs one call", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/bare.prompt`);
    await expect(
      optimize(base, { trainset: DATA, metric: "exact", optimizer: "mipro", validate: false }),
    ).rejects.toThrow(/only bootstrap runs with validate: false/);
    const plan = await estimateOptimize(base, {
      trainset: DATA,
      metric: "exact",
      optimizer: "bootstrap",
      validate: false,
    });
    expect(plan.calls).toBe(75 + 2 * 30);
  });
});

describe("bad input gets a clear error", () => {
  it("a tiny trainset", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const rows = (await loadDataset(DATA)).slice(0, 4);
    await expect(optimize(base, { trainset: rows, metric: "exact" })).rejects.toMatchObject({
      code: "FP_OPTIMIZE_DATA",
      message: expect.stringMatching(/The trainset has 4 rows; optimizing needs at least 10/),
    });
    await expect(
      optimize(base, { trainset: rows, valset: rows.slice(0, 1), testset: [], metric: "exact" }),
    ).rejects.toMatchObject({
      code: "FP_OPTIMIZE_DATA",
      message: expect.stringMatching(/valset has 1 row;/),
    });
  });

  it("a metric that throws or answers NaN stops the run naming the row; paid calls are kept", async () => {
    const historyFile = join(dir(), "h.jsonl");
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    let n = 0;
    const metric = () => {
      if (++n === 30) throw new Error("lookup table missing");
      return 1;
    };
    const err = await optimize(base, {
      trainset: DATA,
      metric,
      trials: 3,
      historyFile,
      concurrency: 1,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "FP_OPTIMIZE_METRIC",
      message: expect.stringMatching(/failed on row "sentiment-\d+": lookup table missing/),
    });
    expect((err as { hint: string }).hint).toContain(historyFile);
    expect(readFileSync(historyFile, "utf8").split("\n").length).toBeGreaterThan(29);
    await expect(
      optimize(base, { trainset: DATA, metric: () => Number.NaN, trials: 3 }),
    ).rejects.toMatchObject({
      code: "FP_OPTIMIZE_METRIC",
      message: expect.stringMatching(/NaN/),
    });
  });

  it("a set-up problem (unknown provider) is thrown, not scored as 0", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    await expect(
      optimize(base, { trainset: DATA, metric: "exact", model: "nosuch:model" }),
    ).rejects.toMatchObject({ code: "FP_UNKNOWN_PROVIDER" });
  });

  it("resuming with other settings, unknown optimizers and bad options", async () => {
    const historyFile = join(dir(), "h.jsonl");
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    await optimize(base, { trainset: DATA, metric: "exact", optimizer: "fewshot", trials: 2, historyFile });
    await expect(
      optimize(base, {
        trainset: DATA,
        metric: "exact",
        optimizer: "fewshot",
        trials: 2,
        historyFile,
        seed: 9,
      }),
    ).rejects.toMatchObject({
      code: "FP_OPTIMIZE_RESUME",
      message: expect.stringMatching(/seed differ/),
    });
    await expect(
      optimize(base, { trainset: DATA, metric: "exact", optimizer: "mipr" as never }),
    ).rejects.toThrow(/unknown optimizer "mipr"; known: fewshot, bootstrap/);
    await expect(optimize(base, { trainset: DATA, metric: "exact", trials: 0 })).rejects.toThrow(/trials/);
    await expect(optimize(base, { trainset: DATA, metric: "exact", maxDemos: -1 })).rejects.toThrow(
      /maxDemos/,
    );
    await expect(optimize(base, { trainset: DATA, metric: "exactly" })).rejects.toMatchObject({
      code: "FP_UNKNOWN_SCORER",
    });
  });
});
