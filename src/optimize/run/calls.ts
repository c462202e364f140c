import { FlowPromptError } from "../../core/errors/flowprompt-error.js";
import type { RunResult } from "../../core/types.js";
import type { BudgetTracker } from "./budget.js";
import type { Memo } from "./memo.js";

/** What an optimizer's own call gave: its output, or the error that stopped it. */
export type CallOutcome<T> = { output: T } | { error: { code: string; message: string } };

/**
 * A model call made by an optimizer itself (a proposal, a reflection, a teacher's trace): memoised
 * under `key` (a resumed run reads it back), and counted against the budget. A call that fails with a
 * FlowPrompt error gives undefined (the optimizer skips that proposal); an abort is thrown.
 */
export async function memoCall<T>(
  deps: { memo: Memo; budget: BudgetTracker; signal: AbortSignal | undefined },
  key: string,
  call: () => Promise<RunResult<T>>,
): Promise<CallOutcome<T>> {
  const known = deps.memo.get<CallOutcome<T>>(key);
  if (known !== undefined) return known;
  deps.budget.reserve();
  let run: RunResult<T>;
  try {
    run = await call();
  } catch (error) {
    if (deps.signal?.aborted || !FlowPromptError.isInstance(error)) {
      deps.budget.settle(undefined);
      throw error;
    }
    deps.budget.settle({ attempts: 1, costUsd: 0, inputTokens: 0, outputTokens: 0 });
    const failed = { error: { code: error.code, message: error.message } };
    deps.memo.set(key, failed);
    return failed;
  }
  deps.budget.settle({
    attempts: run.attempts,
    costUsd: run.costUsd,
    inputTokens: run.usage.inputTokens,
    outputTokens: run.usage.outputTokens,
  });
  deps.memo.set(key, { output: run.output });
  return { output: run.output };
}
