import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type { SearchSpace } from "../../../core/ports.js";
import { OptunaNotInstalledError } from "../../errors/optuna-not-installed-error.js";
import { expectValidParams, richObjective, richSpace } from "../sampler.case.js";
import { type OptunaSamplerName, optunaAvailable, optunaSampler } from "./index.js";
import { PYTHON, skipReason } from "./test-utils/optuna-env.js";

const dir = mkdtempSync(join(tmpdir(), "fp-optuna-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A "python" that behaves like an interpreter without the optuna package. */
function fakePython(): string {
  const path = join(dir, "python-without-optuna");
  writeFileSync(
    path,
    "#!/bin/sh\necho 'Traceback (most recent call last):' >&2\n" +
      "echo \"ModuleNotFoundError: No module named 'optuna'\" >&2\nexit 1\n",
  );
  chmodSync(path, 0o755);
  return path;
}

describe("optuna bridge: Python or Optuna missing", () => {
  it("throws OptunaNotInstalledError naming the interpreter, the import error and the fixes", async () => {
    const python = fakePython();
    const error = await optunaSampler({ python }).catch((e: unknown) => e);
    expect(OptunaNotInstalledError.isInstance(error)).toBe(true);
    const e = error as OptunaNotInstalledError;
    expect(e.code).toBe("FP_OPTUNA_NOT_INSTALLED");
    expect(e.python).toBe(python);
    expect(e.message).toContain(python);
    expect(e.message).toContain("No module named 'optuna'");
    expect(e.hint).toContain("sudo apt-get install python3-optuna");
    expect(e.hint).toContain("pip install optuna");
    expect(e.hint).toContain("--sampler tpe");
  });

  it("throws it too when the interpreter does not exist, and optunaAvailable reports both", async () => {
    const python = join(dir, "no-such-python");
    const error = await optunaSampler({ python }).catch((e: unknown) => e);
    expect(OptunaNotInstalledError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(python);
    const missing = await optunaAvailable({ python });
    expect(missing.ok).toBe(false);
    const fake = await optunaAvailable({ python: fakePython() });
    expect(!fake.ok && OptunaNotInstalledError.isInstance(fake.error)).toBe(true);
  });

  it("checks options before starting Python", async () => {
    const bad = [
      { storage: "optuna.db" },
      { storage: "not-a-db.txt", studyName: "s" },
      { sampler: "cmaes" as const, directions: ["maximize", "minimize"] as const },
      { sampler: "grid" as OptunaSamplerName },
      { directions: [] },
    ];
    for (const options of bad) {
      const error = await optunaSampler(options).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error), JSON.stringify(options)).toBe(true);
    }
  });
});

describe.skipIf(skipReason !== undefined)("optuna bridge: samplers and pruners", { timeout: 90_000 }, () => {
  it.concurrent.each(["tpe", "cmaes", "qmc"] as const)(
    "%s asks within every dimension's spec",
    async (name) => {
      const made = await optunaSampler({ sampler: name, seed: 5, samplerOptions: {} }).catch(
        (e: unknown) => e,
      );
      if (OptunaNotInstalledError.isInstance(made)) {
        // The Debian package only recommends these: the error says which package to add.
        expect({ name, module: made.module }).toEqual({ name, module: name === "qmc" ? "scipy" : "cmaes" });
        expect(made.hint).toContain(`pip install ${made.module}`);
        return;
      }
      const sampler = made as Awaited<ReturnType<typeof optunaSampler>>;
      expect(sampler.kind).toBe(`optuna:${name}`);
      for (let i = 0; i < 8; i++) {
        const t = await sampler.ask(richSpace);
        expectValidParams(richSpace, t.params);
        await sampler.tell(t.number, { state: "complete", values: [richObjective(t.params)] });
      }
      expect(await sampler.trials()).toHaveLength(8);
      await sampler.close();
    },
  );

  it.concurrent("nsga2 (the default for two directions) optimizes two objectives", async () => {
    const sampler = await optunaSampler({ directions: ["maximize", "minimize"], seed: 2 });
    expect(sampler.kind).toBe("optuna:nsga-ii");
    const space: SearchSpace = { x: { type: "float", low: 0, high: 1 }, k: { type: "int", low: 1, high: 5 } };
    for (let i = 0; i < 10; i++) {
      const t = await sampler.ask(space);
      expectValidParams(space, t.params);
      const x = t.params.x as number;
      await sampler.tell(t.number, {
        state: "complete",
        values: [x, (x - 0.5) ** 2 + (t.params.k as number)],
      });
    }
    const trials = await sampler.trials();
    expect(trials.every((t) => t.outcome.state === "complete" && t.outcome.values.length === 2)).toBe(true);
    const open = await sampler.ask(space);
    expect(await sampler.report(open.number, 0, 1e9), "pruners judge single objectives only").toEqual({
      prune: false,
    });
    await sampler.close();
  });

  it.concurrent("random: keeps true apart from 1, prunes a clearly bad trial, rejects bad values", async () => {
    const sampler = await optunaSampler({
      sampler: "random",
      seed: 1,
      pruner: "median",
      prunerOptions: { n_startup_trials: 2, n_warmup_steps: 0 },
    });
    expect(sampler.kind).toBe("optuna:random");
    const space: SearchSpace = { c: { type: "categorical", choices: [1, true, 0, false] } };
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const t = await sampler.ask(space);
      seen.add(`${typeof t.params.c}:${t.params.c}`);
      for (let step = 0; step < 2; step++) {
        expect((await sampler.report(t.number, step, 0.8 + i / 100)).prune).toBe(false);
      }
      await sampler.tell(t.number, { state: "complete", values: [0.8] });
    }
    expect([...seen].sort()).toEqual(["boolean:false", "boolean:true", "number:0", "number:1"]);

    const bad = await sampler.ask(space);
    expect(await sampler.report(bad.number, 0, 0.01)).toEqual({ prune: true });
    await expect(sampler.report(bad.number, -1, 1)).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await expect(sampler.report(bad.number, 1, Number.NaN)).rejects.toSatisfy(
      InvalidArgumentError.isInstance,
    );
    const infinite = { state: "pruned", value: Number.POSITIVE_INFINITY } as const;
    await expect(sampler.tell(bad.number, infinite)).rejects.toSatisfy(InvalidArgumentError.isInstance);
    await expect(sampler.tell(bad.number, { state: "done" } as never)).rejects.toSatisfy(
      InvalidArgumentError.isInstance,
    );
    const wrongKind: SearchSpace = { c: { type: "int", low: 0, high: 3 } };
    const mismatch = await sampler.ask(wrongKind).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(mismatch) && (mismatch as Error).message).toMatch(/"c"/);
    await sampler.tell(bad.number, { state: "pruned" });
    const failed = await sampler.ask(space);
    await sampler.tell(failed.number, { state: "fail", reason: "no luck" });
    const trials = await sampler.trials();
    expect(trials.at(-2)!.outcome).toEqual({ state: "pruned", value: 0.01 });
    expect(trials.at(-1)!.outcome).toEqual({ state: "fail", reason: "no luck" });
    expect(trials).toHaveLength(22); // the mismatched ask left no trial behind
    await sampler.close();
  });

  it("optunaAvailable reports the Optuna version and interpreter", async () => {
    const available = await optunaAvailable();
    expect(available).toMatchObject({ ok: true, python: PYTHON });
    expect(available.ok && available.version).toMatch(/^\d+\.\d+/);
  });
});
