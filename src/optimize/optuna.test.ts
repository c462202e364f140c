import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import "../index.js";
import { loadPrompt } from "../files/load.js";
import { optimize } from "./optimize.js";
import { optunaTrials, skipReason } from "./samplers/optuna/test-utils/optuna-env.js";

const TASKS = new URL("../../examples/tasks/", import.meta.url).pathname;
const DATA = `${TASKS}sentiment/data.jsonl`;
const dir = () => mkdtempSync(join(tmpdir(), "fp-opt-optuna-"));
const saved = process.env.FLOWPROMPT_PYTHON;
afterEach(() => {
  if (saved === undefined) delete process.env.FLOWPROMPT_PYTHON;
  else process.env.FLOWPROMPT_PYTHON = saved;
});

/** A "python" that has no optuna: what a machine without it answers. */
function pythonWithoutOptuna(): string {
  const file = join(dir(), "python3");
  writeFileSync(file, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'optuna'\" >&2\nexit 1\n");
  chmodSync(file, 0o755);
  return file;
}

describe.skipIf(skipReason !== undefined)("optimize() with Optuna", () => {
  it("drives the search with Optuna's TPE", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const r = await optimize(base, {
      trainset: DATA,
      metric: "exact",
      optimizer: "mipro",
      sampler: "optuna",
      trials: 8,
      seed: 1,
      minibatch: 10,
    });
    expect(r.sampler).toBe("optuna:tpe");
    expect(r.history.map((t) => t.samplerTrial)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.score.val!).toBeGreaterThanOrEqual(r.baseline.val!);
  }, 60_000);

  it("two workers share one study in an SQLite storage, visible in Optuna's own tools", async () => {
    const storage = join(dir(), "study.db");
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const run = (seed: number) =>
      optimize(base, {
        trainset: DATA,
        metric: "exact",
        optimizer: "fewshot",
        sampler: "optuna",
        storage,
        studyName: "shared",
        trials: 6,
        seed,
        minibatch: 10,
      });
    const [a, b] = await Promise.all([run(1), run(2)]);
    const numbers = [...a.history, ...b.history].map((t) => t.samplerTrial);
    expect(new Set(numbers).size).toBe(12);
    const trials = optunaTrials("shared", `sqlite:///${storage}`);
    expect(trials.filter((t) => t.state === "COMPLETE")).toHaveLength(12);
    expect(Object.keys(trials[0]!.params).sort()).toEqual(["draw", "k", "strategy"]);
  }, 90_000);

  it('objectives ["score", "cost"] use Optuna\'s NSGA-II', async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const r = await optimize(base, {
      trainset: DATA,
      metric: "exact",
      optimizer: "fewshot",
      sampler: "optuna",
      objectives: ["score", "cost"],
      trials: 6,
      minibatch: 10,
    });
    expect(r.sampler).toBe("optuna:nsga-ii");
    expect(r.front.length).toBeGreaterThan(0);
  }, 60_000);

  it("a storage that cannot be reached is an error naming it, password masked", async () => {
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const err = await optimize(base, {
      trainset: DATA,
      metric: "exact",
      sampler: "optuna",
      storage: "postgresql://ada:secret@127.0.0.1:1/nope",
      trials: 2,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "FP_OPTUNA_STORAGE" });
    expect(String((err as Error).message)).toContain("127.0.0.1:1");
    expect(String((err as Error).message)).not.toContain("secret");
  }, 60_000);
});

describe("optimize() when Optuna is missing", () => {
  it("goes on with the native TPE and says how to install Optuna", async () => {
    process.env.FLOWPROMPT_PYTHON = pythonWithoutOptuna();
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    const notes: string[] = [];
    const r = await optimize(base, {
      trainset: DATA,
      metric: "exact",
      optimizer: "fewshot",
      sampler: "optuna",
      trials: 3,
      onNote: (n) => notes.push(n),
    });
    expect(r.sampler).toBe("tpe");
    expect(notes.join("\n")).toMatch(/apt-get install python3-optuna[\s\S]*native TPE/);
  });

  it("with a shared storage it is an error: a study cannot be shared without Optuna", async () => {
    process.env.FLOWPROMPT_PYTHON = pythonWithoutOptuna();
    const base = await loadPrompt(`${TASKS}sentiment/labels.prompt`);
    await expect(
      optimize(base, {
        trainset: DATA,
        metric: "exact",
        sampler: "optuna",
        storage: join(dir(), "s.db"),
        trials: 3,
      }),
    ).rejects.toMatchObject({ code: "FP_OPTUNA_NOT_INSTALLED" });
  });
});
