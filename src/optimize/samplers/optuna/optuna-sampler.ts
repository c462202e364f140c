import { randomUUID } from "node:crypto";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import type {
  AskedTrial,
  FinishedTrial,
  ParamSpec,
  Sampler,
  SearchSpace,
  TrialOutcome,
} from "../../../core/ports.js";
import { OptunaBridgeError } from "../../errors/optuna-bridge-error.js";
import { type Direction, validateSpace } from "../space.js";
import { BridgeProcess } from "./bridge-process.js";
import { type OptunaSamplerOptions, type ResolvedOptions, resolveOptions } from "./options.js";
import { translateRemote } from "./remote-error.js";
import { checkOutcome, checkSeed, fromRow, toWire, type WireRow, type WireTrial } from "./trial-codec.js";

/** A Sampler backed by an Optuna study in a Python child process. */
export interface OptunaSampler extends Sampler {
  /** The study's name (Optuna's generated one for an in-memory study). */
  readonly studyName: string;
  /** How many times the Python process was restarted after a crash. */
  readonly restarts: number;
  /** @internal The child's pid, for tests (undefined when no process runs). */
  _pid(): number | undefined;
}

/**
 * Makes a Sampler that drives Optuna (Python) over a child process: starts it, creates or loads the
 * study, and resolves once it is ready. Rejects with OptunaNotInstalledError when Python or Optuna
 * is missing, OptunaStorageError when the storage cannot be reached, InvalidArgumentError for bad options.
 */
export async function optunaSampler(options: OptunaSamplerOptions = {}): Promise<OptunaSampler> {
  const sampler = new OptunaBridgeSampler(resolveOptions(options));
  try {
    await sampler.start();
  } catch (error) {
    await sampler.close();
    throw error;
  }
  return sampler;
}

class OptunaBridgeSampler implements OptunaSampler {
  readonly portVersion = 1 as const;
  readonly kind: string;
  readonly directions: readonly Direction[];
  studyName = "";
  restarts = 0;
  private proc: BridgeProcess | undefined;
  private starting: Promise<BridgeProcess> | undefined;
  private closed = false;
  /** In-memory studies only: every trial this client made or seeded, replayed after a crash. */
  private readonly log = new Map<number, WireTrial>();
  /** Trials asked and not told yet (with a storage they stay open across a restart). */
  private readonly open = new Set<number>();
  /** Seeded trials waiting for the first ask, which gives their distributions. */
  private seeds: FinishedTrial[] = [];
  private readonly worker = randomUUID();

  constructor(private readonly o: ResolvedOptions) {
    this.kind = `optuna:${o.sampler === "nsga2" ? "nsga-ii" : o.sampler}`;
    this.directions = o.directions;
  }

  async start(): Promise<void> {
    await this.live();
  }

  _pid(): number | undefined {
    return this.proc && !this.proc.dead ? this.proc.pid : undefined;
  }

  async ask(space: SearchSpace): Promise<AskedTrial> {
    validateSpace(space);
    await this.flushSeeds(space);
    const asked = await this.call<AskedTrial>("ask", { space });
    this.open.add(asked.number);
    if (this.o.storage === undefined) {
      const distributions: Record<string, ParamSpec> = {};
      for (const name of Object.keys(asked.params)) distributions[name] = space[name]!;
      const params = { ...asked.params };
      this.log.set(asked.number, {
        number: asked.number,
        params,
        distributions,
        state: "running",
        intermediate: {},
      });
    }
    return { number: asked.number, params: asked.params };
  }

  async report(trial: number, step: number, value: number): Promise<{ prune: boolean }> {
    if (!Number.isSafeInteger(step) || step < 0) {
      throw new InvalidArgumentError("step", `expected an integer >= 0, got ${step}`);
    }
    if (!Number.isFinite(value)) throw new InvalidArgumentError("value", `not a finite number: ${value}`);
    const verdict = await this.call<{ prune: boolean }>("report", { trial, step, value });
    const logged = this.log.get(trial);
    if (logged) logged.intermediate[step] = value;
    return verdict;
  }

  async tell(trial: number, outcome: TrialOutcome): Promise<void> {
    checkOutcome(outcome, this.directions.length);
    const o = outcome as { values?: number[]; value?: number; reason?: string };
    await this.call("tell", {
      trial,
      state: outcome.state,
      values: o.values,
      value: o.value,
      reason: o.reason,
    });
    this.open.delete(trial);
    const logged = this.log.get(trial);
    if (logged) {
      logged.state = outcome.state;
      if (o.values) logged.values = [...o.values];
      if (o.value !== undefined) logged.value = o.value;
      if (o.reason !== undefined) logged.reason = o.reason;
    }
  }

  async seed(trials: readonly FinishedTrial[]): Promise<void> {
    for (const t of trials) checkSeed(t, this.directions.length);
    if (this.closed) throw closedError("seed");
    const byNumber = new Map(this.seeds.map((t) => [t.number, t]));
    for (const t of trials) byNumber.set(t.number, t);
    this.seeds = [...byNumber.values()].sort((a, b) => a.number - b.number);
  }

  async trials(): Promise<FinishedTrial[]> {
    const rows = await this.call<WireRow[]>("trials");
    const out = rows.map(fromRow);
    const listed = new Set(out.map((t) => t.number));
    for (const s of this.seeds) if (!listed.has(s.number)) out.push(structuredClone(s));
    return out.sort((a, b) => a.number - b.number);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.proc?.close();
  }

  /** Adds the seeded trials to the study (numbers kept where free), using `space` for their distributions. */
  private async flushSeeds(space: SearchSpace): Promise<void> {
    if (this.seeds.length === 0) return;
    const wire = this.seeds.map((t) => toWire(t, space));
    const { added } = await this.call<{ added: number[] }>("add_trials", { trials: wire });
    this.seeds = [];
    if (this.o.storage !== undefined) return;
    for (const t of wire) if (added.includes(t.number)) this.log.set(t.number, t);
  }

  /** The running bridge, starting it (first use) or restarting it after a crash. */
  private live(): Promise<BridgeProcess> {
    if (this.closed) return Promise.reject(closedError());
    if (this.starting) return this.starting;
    if (this.proc && !this.proc.dead) return Promise.resolve(this.proc);
    const restart = this.proc !== undefined;
    if (restart) {
      if (this.restarts >= this.o.maxRestarts) {
        return Promise.reject(
          new OptunaBridgeError(
            "gave-up",
            `the Python process crashed ${this.restarts + 1} times; not restarting it again`,
            {
              stderr: this.proc?.stderrTail(),
            },
          ),
        );
      }
      this.restarts++;
    }
    this.starting = this.boot(restart).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Starts a process, creates or loads the study and, after a crash, brings it back. */
  private async boot(restart: boolean): Promise<BridgeProcess> {
    const o = this.o;
    const proc = new BridgeProcess(o.python, o.timeoutMs, Math.max(o.timeoutMs, 30_000));
    this.proc = proc;
    try {
      await proc.ready;
      const created = await this.send<{ study_name: string }>(proc, "create", {
        study_name: o.studyName ?? null,
        storage: o.storage ?? null,
        directions: o.directions,
        sampler: o.sampler,
        sampler_options: o.samplerOptions,
        seed: o.seed === undefined ? null : o.seed + this.restarts,
        pruner: o.pruner,
        pruner_options: o.prunerOptions,
        worker: this.worker,
      });
      this.studyName = created.study_name;
      if (restart && o.storage === undefined) {
        const trials = [...this.log.values()].sort((a, b) => a.number - b.number);
        await this.send(proc, "add_trials", { trials });
      } else if (restart) {
        await this.send(proc, "reap", { keep: [...this.open] });
      }
      return proc;
    } catch (error) {
      proc.kill("start failed");
      throw error;
    }
  }

  private async call<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    return this.send<T>(await this.live(), op, args);
  }

  private async send<T>(proc: BridgeProcess, op: string, args: Record<string, unknown>): Promise<T> {
    try {
      return await proc.request<T>(op, args);
    } catch (error) {
      throw translateRemote(error, op, {
        python: this.o.python,
        storage: this.o.storage,
        stderr: () => proc.stderrTail(),
      });
    }
  }
}

function closedError(op?: string): OptunaBridgeError {
  return new OptunaBridgeError("closed", "the sampler is closed", op ? { op } : {});
}
