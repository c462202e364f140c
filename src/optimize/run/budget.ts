import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";

/** Hard caps on an optimization run. Each is checked before a model call is started. */
export interface Budget {
  /** Prompt runs (model calls; a repair of an invalid reply counts in `attempts`, not here). */
  maxCalls?: number;
  /** USD; the run stops before the spend could pass it (each call in flight counted at the dearest call so far). */
  maxCostUsd?: number;
  /** Wall-clock milliseconds from the start. */
  maxTimeMs?: number;
}

/** Why a run stopped early. */
export type StopReason = "trials" | "calls" | "cost" | "time" | "aborted" | "converged";

/** Thrown inside the run when a cap is reached; optimize() catches it and returns what it has. */
export class BudgetExhausted extends Error {
  constructor(readonly reason: "calls" | "cost" | "time") {
    super(`budget exhausted: ${reason}`);
    this.name = "BudgetExhausted";
  }
}

function checkCap(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`budget.${name}`, `expected a positive number, got ${String(value)}.`);
  }
}

/** Counts calls, cost and time against a Budget. Calls are reserved before they start (concurrency-safe). */
export class BudgetTracker {
  calls = 0;
  attempts = 0;
  costUsd = 0;
  inputTokens = 0;
  outputTokens = 0;
  #inFlight = 0;
  #dearest = 0;
  /** The estimated USD of one call before any was made (the cost cap counts calls at least at this). */
  priorCostPerCall = 0;
  /** Calls and USD kept back for the final test scoring; the search may not use them. */
  holdback = { calls: 0, costUsd: 0 };
  readonly #started = Date.now();
  readonly #deadline: number | undefined;

  constructor(readonly budget: Budget = {}) {
    checkCap("maxCalls", budget.maxCalls);
    checkCap("maxCostUsd", budget.maxCostUsd);
    checkCap("maxTimeMs", budget.maxTimeMs);
    this.#deadline = budget.maxTimeMs === undefined ? undefined : this.#started + budget.maxTimeMs;
  }

  get elapsedMs(): number {
    return Date.now() - this.#started;
  }

  /** Set once a cap is reached: the search makes no further call, even where one would still fit. */
  #exhausted: BudgetExhausted | undefined;

  /** Throws BudgetExhausted unless one more call fits every cap. */
  reserve(): void {
    if (this.#exhausted) throw this.#exhausted;
    try {
      this.#check();
    } catch (error) {
      if (error instanceof BudgetExhausted) this.#exhausted = error;
      throw error;
    }
    this.#inFlight++;
  }

  /** Ends the search: the held-back calls become available (for the final test scoring). */
  endSearch(): void {
    this.holdback = { calls: 0, costUsd: 0 };
    this.#exhausted = undefined;
  }

  #check(): void {
    const b = this.budget;
    if (this.#deadline !== undefined && Date.now() >= this.#deadline) throw new BudgetExhausted("time");
    const { holdback } = this;
    if (b.maxCalls !== undefined && this.calls + this.#inFlight + 1 + holdback.calls > b.maxCalls) {
      throw new BudgetExhausted("calls");
    }
    if (b.maxCostUsd !== undefined) {
      // The dearest call so far stands for each call in flight and the next: a cap is a cap.
      const perCall = Math.max(this.#dearest, this.priorCostPerCall);
      if (this.costUsd + perCall * (this.#inFlight + 1) + holdback.costUsd > b.maxCostUsd) {
        throw new BudgetExhausted("cost");
      }
    }
  }

  /** Settles a reserved call with what it used (nothing when it was read from the memo). */
  settle(
    used: { attempts: number; costUsd: number | null; inputTokens: number; outputTokens: number } | undefined,
  ): void {
    this.#inFlight--;
    if (used === undefined) return;
    this.calls++;
    this.attempts += used.attempts;
    this.costUsd += used.costUsd ?? 0;
    this.#dearest = Math.max(this.#dearest, used.costUsd ?? 0);
    this.inputTokens += used.inputTokens;
    this.outputTokens += used.outputTokens;
  }

  /** Whether the time cap has passed (checked between trials). */
  timeIsUp(): boolean {
    return this.#deadline !== undefined && Date.now() >= this.#deadline;
  }
}
