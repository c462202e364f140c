import { FlowPromptError, hasCode } from "../../core/errors/flowprompt-error.js";

/** The budget cannot pay for even the baseline and one trial, so nothing would be learnt. */
export class BudgetTooSmallError extends FlowPromptError {
  static readonly code = "FP_OPTIMIZE_BUDGET";
  /** Calls (or USD) one trial needs, and what the budget allows. */
  readonly needed: number;
  readonly allowed: number;
  readonly unit: "calls" | "USD";

  constructor(needed: number, allowed: number, unit: "calls" | "USD") {
    const fmt = (v: number) => (unit === "USD" ? `$${v.toFixed(4)}` : `${v} calls`);
    super(
      BudgetTooSmallError.code,
      `The budget allows ${fmt(allowed)}, but scoring the baseline, one trial and the held-out test needs about ${fmt(needed)}.`,
      {
        hint:
          unit === "USD"
            ? "Raise --budget-usd, use a smaller valset or --minibatch, or check the dry run (--dry-run) first."
            : "Raise the call budget, use a smaller valset or --minibatch, or check the dry run (--dry-run) first.",
      },
    );
    this.name = "BudgetTooSmallError";
    this.needed = needed;
    this.allowed = allowed;
    this.unit = unit;
  }

  static override isInstance(error: unknown): error is BudgetTooSmallError {
    return hasCode(error, BudgetTooSmallError.code);
  }
}
