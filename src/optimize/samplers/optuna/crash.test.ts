import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { SearchSpace } from "../../../core/ports.js";
import { OptunaBridgeError } from "../../errors/optuna-bridge-error.js";
import { expectValidParams } from "../sampler.case.js";
import { type OptunaSampler, optunaSampler } from "./index.js";
import { optunaTrials, processGone, skipReason } from "./test-utils/optuna-env.js";

const space: SearchSpace = {
  x: { type: "float", low: 0, high: 1 },
  c: { type: "categorical", choices: ["a", "b", true] },
};
const dir = mkdtempSync(join(tmpdir(), "fp-optuna-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function completeSome(sampler: OptunaSampler, count: number): Promise<number[]> {
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = await sampler.ask(space);
    await sampler.report(t.number, 0, i);
    await sampler.tell(t.number, { state: "complete", values: [i] });
    numbers.push(t.number);
  }
  return numbers;
}

async function waitGone(pid: number): Promise<void> {
  for (let i = 0; i < 100 && !processGone(pid); i++) await new Promise((r) => setTimeout(r, 20));
  expect(processGone(pid), `process ${pid} is gone (no zombie)`).toBe(true);
}

describe.skipIf(skipReason !== undefined)(
  "optuna bridge: crashes, timeouts, close",
  { timeout: 90_000 },
  () => {
    it.concurrent("survives SIGKILL and a hung process, replaying the in-memory study; close() leaves no zombie", async () => {
      const sampler = await optunaSampler({ seed: 3, timeoutMs: 2000 });
      const done = await completeSome(sampler, 3);
      const open = await sampler.ask(space);
      await sampler.report(open.number, 0, 0.5);
      let pid = sampler._pid()!;
      process.kill(pid, "SIGKILL"); // between requests
      await waitGone(pid);

      const next = await sampler.ask(space); // restarts the process and replays the log
      expect(sampler._pid()).not.toBe(pid);
      expect(sampler.restarts).toBe(1);
      expect(next.number).toBe(open.number + 1);
      expectValidParams(space, next.params);
      await sampler.tell(open.number, { state: "complete", values: [9] }); // asked before the crash
      await sampler.tell(next.number, { state: "pruned", value: 1 });

      pid = sampler._pid()!;
      process.kill(pid, "SIGSTOP"); // hangs: the next request times out and the process is killed
      const started = Date.now();
      const error = await sampler.ask(space).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(error).toMatchObject({ code: "FP_OPTUNA_BRIDGE", failure: "timeout", op: "ask" });
      expect((error as Error).message).toContain("within 2000 ms");
      await waitGone(pid);

      const trials = await sampler.trials(); // restart 2
      expect(sampler.restarts).toBe(2);
      expect(trials.map((t) => t.number)).toEqual([...done, open.number, next.number]);
      expect(trials[1]!.intermediate).toEqual({ 0: 1 });
      expect(trials[3]!.outcome).toEqual({ state: "complete", values: [9] });
      expect(trials[3]!.intermediate).toEqual({ 0: 0.5 });
      expect(trials[4]!.outcome).toEqual({ state: "pruned", value: 1 });
      expect((await sampler.ask(space)).number).toBe(next.number + 1);

      pid = sampler._pid()!;
      await sampler.close();
      expect(processGone(pid)).toBe(true);
      expect(sampler._pid()).toBeUndefined();
      await sampler.close();
      await expect(sampler.ask(space)).rejects.toMatchObject({ code: "FP_OPTUNA_BRIDGE", failure: "closed" });
    });

    it.concurrent("rejects a pending request with the signal, then gives up after maxRestarts", async () => {
      const sampler = await optunaSampler({ maxRestarts: 1 });
      await completeSome(sampler, 1);
      let pid = sampler._pid()!;
      process.kill(pid, "SIGSTOP"); // the request below cannot be answered before the kill
      const pending = sampler.ask(space);
      await new Promise((r) => setTimeout(r, 50));
      process.kill(pid, "SIGKILL");
      const error = await pending.catch((e: unknown) => e);
      expect(OptunaBridgeError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ failure: "exit", signal: "SIGKILL", op: "ask" });
      expect((error as Error).message).toMatch(/killed by SIGKILL while handling "ask"/);

      expect((await sampler.trials()).length).toBe(1); // restart 1 of 1
      pid = sampler._pid()!;
      process.kill(pid, "SIGKILL");
      await waitGone(pid);
      const gaveUp = await sampler.ask(space).catch((e: unknown) => e);
      expect(gaveUp).toMatchObject({ code: "FP_OPTUNA_BRIDGE", failure: "gave-up" });
      await sampler.close();
    });

    it.concurrent("with a storage, a restart reloads the study and open trials can still be told", async () => {
      const storage = join(dir, "crash.db");
      const sampler = await optunaSampler({ storage, studyName: "crash", seed: 1 });
      await completeSome(sampler, 2);
      const open = await sampler.ask(space);
      const pid = sampler._pid()!;
      process.kill(pid, "SIGKILL");
      await waitGone(pid);
      await expect(sampler.report(open.number, 1, 0.5)).resolves.toEqual({ prune: false });
      await sampler.tell(open.number, { state: "complete", values: [5] });
      expect((await sampler.trials()).map((t) => t.number)).toEqual([0, 1, 2]);
      await sampler.close();
      const seen = optunaTrials("crash", `sqlite:///${storage}`);
      expect(seen.map((t) => t.state)).toEqual(["COMPLETE", "COMPLETE", "COMPLETE"]);
    });
  },
);
