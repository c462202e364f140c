import { contentHash } from "../core/canonical.js";
import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import type { Prompt } from "../core/prompt.js";
import { isPrompt } from "../core/prompt.js";
import { toScorer } from "../eval/scorers/registry.js";
import { checkSeed, DEFAULT_SEED } from "../stats/rng.js";
import { BudgetTooSmallError } from "./errors/budget-too-small-error.js";
import { bootstrapOptimizer } from "./optimizers/bootstrap.js";
import { fewshotOptimizer } from "./optimizers/fewshot.js";
import { gepaOptimizer } from "./optimizers/gepa.js";
import { instructionOptimizer } from "./optimizers/instruction.js";
import { miproOptimizer } from "./optimizers/mipro.js";
import { type OptimizeOptions, type OptimizerName, resolveSettings } from "./options.js";
import { baseProgram } from "./program.js";
import { type OptimizeResult, toResult } from "./result.js";
import { BudgetExhausted, BudgetTracker, type StopReason } from "./run/budget.js";
import { SearchContext } from "./run/context.js";
import { prepareData } from "./run/data.js";
import { estimateCallCost } from "./run/estimate.js";
import { Evaluator } from "./run/evaluator.js";
import { Memo } from "./run/memo.js";
import { makeSampler } from "./run/sampler.js";
import type { Optimizer } from "./types.js";

export const OPTIMIZERS: Readonly<Record<OptimizerName, Optimizer>> = {
  fewshot: fewshotOptimizer,
  bootstrap: bootstrapOptimizer,
  instruction: instructionOptimizer,
  mipro: miproOptimizer,
  gepa: gepaOptimizer,
};

/** The optimizer an option names (or the one given). */
export function optimizerOf(o: OptimizeOptions["optimizer"]): Optimizer {
  if (typeof o === "object" && o !== null && typeof o.run === "function") return o;
  const name = o ?? "mipro";
  const found = typeof name === "string" && Object.hasOwn(OPTIMIZERS, name) ? OPTIMIZERS[name] : undefined;
  if (found === undefined) {
    throw new InvalidArgumentError(
      "optimizer",
      `unknown optimizer ${JSON.stringify(name)}; known: ${Object.keys(OPTIMIZERS).join(", ")}.`,
    );
  }
  return found;
}

/** `validate: false` only with an optimizer that can choose without scores. */
function checkBlind(optimizer: Optimizer, settings: ReturnType<typeof resolveSettings>): void {
  if (settings.validate || optimizer.blind) return;
  throw new InvalidArgumentError(
    "validate",
    `the ${optimizer.name} optimizer needs validation scores to search; only bootstrap runs with validate: false.`,
    'Use { optimizer: "bootstrap", validate: false } for a budget of a few calls, or give the budget validation needs.',
  );
}

function checkPrompt(prompt: Prompt): void {
  if (!isPrompt(prompt)) {
    throw new InvalidArgumentError("prompt", "expected a prompt made with definePrompt() or loadPrompt().");
  }
}

/** What a run would cost, before anything is spent. */
export interface OptimizeEstimate {
  calls: number;
  /** USD, or null when the task model has no known price. */
  costUsd: number | null;
  data: { train: number; val: number; test: number; source: string };
  optimizer: string;
  trials: number;
}

/** A dry run: the projected calls and cost of `optimize()` with these options (no model call). */
export async function estimateOptimize(prompt: Prompt, options: OptimizeOptions): Promise<OptimizeEstimate> {
  checkPrompt(prompt);
  const seed = checkSeed(options.seed ?? DEFAULT_SEED);
  const optimizer = optimizerOf(options.optimizer);
  const settings = resolveSettings(options);
  const data = await prepareData(options, seed);
  const trials = options.trials ?? 30;
  const calls =
    (settings.validate ? data.val.length : 0) +
    optimizer.estimateCalls({ train: data.train.length, val: data.val.length, trials, settings }) +
    2 * data.test.length;
  const perCall = estimateCallCost(prompt, data.val, options.model);
  return {
    calls,
    costUsd: perCall === null ? null : perCall * calls,
    data: { train: data.train.length, val: data.val.length, test: data.test.length, source: data.source },
    optimizer: optimizer.name,
    trials,
  };
}

/**
 * Improves a prompt on a metric: searches instructions, demos and parameters with the chosen
 * optimizer and sampler, on a budget, and returns the best program as a prompt with the whole history.
 *
 * ```ts
 * const result = await optimize(prompt, { trainset: "data.jsonl", metric: "exact", optimizer: "mipro", trials: 30 });
 * result.score;            // { val, test } of the chosen program; result.baseline likewise
 * await result.save("prompts/classify.optimized.prompt");
 * ```
 */
export async function optimize(prompt: Prompt, options: OptimizeOptions): Promise<OptimizeResult> {
  checkPrompt(prompt);
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("optimize options", "expected { trainset, metric, … }.");
  }
  const seed = checkSeed(options.seed ?? DEFAULT_SEED);
  const optimizer = optimizerOf(options.optimizer);
  const settings = resolveSettings(options);
  checkBlind(optimizer, settings);
  const scorer = toScorer(options.metric);
  const trials = options.trials ?? 30;
  if (!Number.isInteger(trials) || trials < 1) {
    throw new InvalidArgumentError("trials", `expected an integer ≥ 1, got ${String(trials)}.`);
  }
  const data = await prepareData(options, seed);
  const budget = new BudgetTracker(options.budget);
  checkBudget(prompt, options, data, optimizer, settings, trials);
  const notes: string[] = [];
  const note = (m: string) => {
    notes.push(m);
    options.onNote?.(m);
  };
  const sampler = await makeSampler(options, seed, note);
  try {
    const fingerprintOptions = {
      prompt: prompt.hash,
      data: data.hashes,
      metric: scorer.name,
      optimizer: optimizer.name,
      sampler: sampler.kind,
      seed,
      settings: {
        ...settings,
        model: modelName(settings.model),
        proposer: modelName(settings.proposer),
        reflection: modelName(settings.reflection),
        teacher: modelName(settings.teacher),
      },
    };
    const memo = new Memo(options.historyFile, contentHash(fingerprintOptions), fingerprintOptions);
    return await search({
      prompt,
      options,
      data,
      budget,
      memo,
      scorer,
      optimizer,
      sampler,
      settings,
      seed,
      trials,
      notes,
      note,
    });
  } finally {
    await sampler.close().catch(() => undefined);
  }
}

/** A model in the history's fingerprint: its string, or the provider and id of a model object. */
function modelName(model: unknown): string | null {
  if (model === undefined) return null;
  if (typeof model === "string") return model;
  const m = model as { provider?: unknown; modelId?: unknown };
  return `${String(m.provider)}:${String(m.modelId)}`;
}

interface SearchInputs {
  prompt: Prompt;
  options: OptimizeOptions;
  data: Awaited<ReturnType<typeof prepareData>>;
  budget: BudgetTracker;
  memo: Memo;
  scorer: ReturnType<typeof toScorer>;
  optimizer: Optimizer;
  sampler: Awaited<ReturnType<typeof makeSampler>>;
  settings: ReturnType<typeof resolveSettings>;
  seed: number;
  trials: number;
  notes: string[];
  note: (m: string) => void;
}

/** Runs the optimizer from the baseline on, and turns what it found into the result. */
async function search(i: SearchInputs): Promise<OptimizeResult> {
  const { prompt, options, data, budget, memo, scorer, optimizer, sampler, settings, seed, trials } = i;
  const started = Date.now();
  const evaluator = new Evaluator({
    base: prompt,
    scorer,
    memo,
    budget,
    model: options.model,
    concurrency: options.concurrency ?? 8,
    feedback: options.feedback,
    historyFile: options.historyFile,
    signal: options.signal,
  });
  const base = baseProgram(prompt);
  let baseline = 0;
  const ctx = new SearchContext({
    base: prompt,
    baseProgram: base,
    train: data.train,
    val: data.val,
    seed,
    trials,
    sampler,
    budget,
    memo,
    evaluator,
    settings,
    optimizerName: optimizer.name,
    signal: options.signal,
    onTrial: (trial, best) =>
      options.onProgress?.({
        trial,
        trials,
        best,
        baseline,
        calls: budget.calls,
        costUsd: budget.costUsd,
        elapsedMs: Date.now() - started,
      }),
    onNote: i.note,
  });
  // The final test scoring is kept back from the search, so a run stopped by its budget still has it.
  const perCall = estimateCallCost(prompt, [...data.val, ...data.test], options.model) ?? 0;
  budget.priorCostPerCall = perCall;
  budget.holdback = { calls: 2 * data.test.length, costUsd: 2 * data.test.length * perCall };
  let stopReason: StopReason = "trials";
  try {
    if (settings.validate) baseline = (await ctx.validate(base, "baseline")).score;
    await optimizer.run(ctx);
    if (options.signal?.aborted) stopReason = "aborted";
    else if (budget.timeIsUp()) stopReason = "time";
    else if (ctx.history.length < trials) stopReason = "converged";
  } catch (error) {
    if (!(error instanceof BudgetExhausted)) throw error;
    stopReason = error.reason;
  }
  budget.endSearch();
  return toResult({
    prompt,
    ctx,
    evaluator,
    data,
    budget,
    memo,
    optimizer,
    sampler,
    seed,
    stopReason,
    notes: i.notes,
    scorer,
    started,
  });
}

/** Refuses a budget that cannot pay for the baseline and one trial. */
function checkBudget(
  prompt: Prompt,
  o: OptimizeOptions,
  data: Awaited<ReturnType<typeof prepareData>>,
  optimizer: Optimizer,
  settings: ReturnType<typeof resolveSettings>,
  trials: number,
): void {
  const b = o.budget;
  if (b === undefined) return;
  const perTrial = Math.ceil(
    optimizer.estimateCalls({ train: data.train.length, val: data.val.length, trials, settings }) / trials,
  );
  // The baseline, one trial, and the final test scoring of the baseline and the result; without
  // validation, one teacher call and the test scoring.
  const needed = settings.validate
    ? data.val.length + Math.min(perTrial, data.val.length + data.train.length) + 2 * data.test.length
    : 1 + 2 * data.test.length;
  if (b.maxCalls !== undefined && b.maxCalls < needed)
    throw new BudgetTooSmallError(needed, b.maxCalls, "calls");
  if (b.maxCostUsd !== undefined) {
    const perCall = estimateCallCost(prompt, data.val, o.model);
    if (perCall !== null && perCall * needed > b.maxCostUsd) {
      throw new BudgetTooSmallError(perCall * needed, b.maxCostUsd, "USD");
    }
  }
}
