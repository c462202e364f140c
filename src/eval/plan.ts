import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import {
  minimumDiscordantPairs,
  powerPairedMeans,
  powerPairedProportions,
  projectCalls,
  sampleSizePairedMeans,
  sampleSizePairedProportions,
} from "../stats/index.js";
import { finite, openUnit, positiveInteger } from "../stats/validate.js";

export interface PlanCompareOptions {
  /** Expected score of the control: its pass rate (0..1) for pass/fail, its mean score for numeric. */
  baseline: number;
  /** Smallest difference worth detecting, as a proportion (0.05 = 5 points); its sign does not matter. */
  difference: number;
  /** Share of inputs where the two disagree (pass/fail). Default: estimated as if independent (see notes). */
  pDiscordant?: number;
  /** Family-wise error rate over all comparisons (default 0.05). */
  alpha?: number;
  /** Chance of detecting a challenger that is `difference` better or worse (default 0.8). */
  power?: number;
  /** Prompts compared, control included (default 2). */
  variants?: number;
  /** Repeats per input (default 1). */
  runs?: number;
  /** USD per model call, for `costUsd`. */
  costPerCall?: number;
  /** "control" (default): each challenger against the control; "all": every pair. */
  comparisons?: "control" | "all";
  /** "binary" (pass/fail) or "numeric" (scores in [0, 1]); default "numeric" when `sdDiff` is given. */
  metric?: "binary" | "numeric";
  /** Standard deviation of the per-input score differences (numeric only), e.g. from a pilot run. */
  sdDiff?: number;
}

export interface ComparePlan {
  /** Inputs (dataset rows) to run, rounded up. */
  inputs: number;
  /** inputs × variants × runs. */
  calls: number;
  /** calls × costPerCall, when a cost per call was given. */
  costUsd?: number;
  method: "connor-1987" | "normal-approximation";
  /** Number of tested pairs. */
  comparisons: number;
  /** alpha / comparisons (Bonferroni; compare() uses Holm, which is never less powerful). */
  alphaPerComparison: number;
  /** The discordant share the plan assumed (pass/fail). */
  pDiscordant?: number;
  /** Expected discordant inputs, inputs × pDiscordant (pass/fail). */
  discordantPairs?: number;
  /** What the plan assumed, in words. */
  notes: string[];
}

export type PlanPowerOptions = Omit<PlanCompareOptions, "power" | "costPerCall"> & {
  /** Inputs the comparison will run. */
  inputs: number;
};

export interface ComparePower extends Omit<ComparePlan, "calls" | "costUsd"> {
  /** Chance that one comparison with a true `difference` comes out significant at `inputs` inputs. */
  power: number;
}

/**
 * How many inputs a comparison needs to detect `difference` with the requested power, and what that
 * costs in model calls: Connor (1987) for pass/fail with the exact McNemar test, the normal
 * approximation for numeric scores, at alpha split evenly over the comparisons.
 *
 * ```ts
 * planCompare({ baseline: 0.7, difference: 0.1, costPerCall: 0.002 });
 * // { inputs: 296, calls: 592, costUsd: 1.184, method: "connor-1987", alphaPerComparison: 0.05, ... }
 * ```
 */
export function planCompare(options: PlanCompareOptions): ComparePlan {
  const r = resolve(options);
  const power = openUnit(options.power ?? 0.8, "power");
  const plan = { difference: r.delta, alpha: r.alphaPer, power };
  const binary = r.metric === "binary";
  const { n, method } = binary
    ? sampleSizePairedProportions({ ...plan, pDiscordant: r.psi })
    : sampleSizePairedMeans({ ...plan, sdDiff: r.sd });
  // The exact tests need a minimum of discordant pairs (non-zero differences) to reach alpha at all.
  const minimum = minimumDiscordantPairs(r.alphaPer);
  const share = binary ? r.psi : 1;
  const inputs = Math.max(n, Math.ceil(minimum / share - 1e-9));
  if (inputs > n) {
    r.notes.push(
      `Raised from ${n} to ${inputs} inputs: with fewer than ${minimum} ${binary ? "discordant pairs" : "inputs"} ` +
        `no result can be significant at ${fmt(r.alphaPer)}.`,
    );
  }
  const calls = projectCalls(inputs, {
    variants: options.variants ?? 2,
    runs: options.runs ?? 1,
    ...(options.costPerCall !== undefined && { costPerCall: options.costPerCall }),
  });
  return {
    inputs,
    calls: calls.calls,
    ...(calls.cost !== undefined && { costUsd: calls.cost }),
    method,
    comparisons: r.comparisons,
    alphaPerComparison: r.alphaPer,
    ...(r.metric === "binary" && { pDiscordant: r.psi, discordantPairs: inputs * r.psi }),
    notes: r.notes,
  };
}

/** The other direction: the power of a comparison on `inputs` inputs, under the same assumptions. */
export function planPower(options: PlanPowerOptions): ComparePower {
  const r = resolve(options);
  const n = positiveInteger(options.inputs, "inputs");
  const binary = r.metric === "binary";
  const power = binary
    ? powerPairedProportions({ pDiscordant: r.psi, difference: r.delta, alpha: r.alphaPer, n })
    : powerPairedMeans({ sdDiff: r.sd, difference: r.delta, alpha: r.alphaPer, n });
  if (binary && n * r.psi < minimumDiscordantPairs(r.alphaPer)) {
    r.notes.push("Too few discordant pairs are expected for the exact test: its real power is lower.");
  }
  return {
    power,
    inputs: n,
    method: binary ? "connor-1987" : "normal-approximation",
    comparisons: r.comparisons,
    alphaPerComparison: r.alphaPer,
    ...(binary && { pDiscordant: r.psi, discordantPairs: n * r.psi }),
    notes: r.notes,
  };
}

function resolve(options: Omit<PlanCompareOptions, "power">) {
  if (options === null || typeof options !== "object")
    throw bad("options", "expected { baseline, difference }");
  const baseline = finite(options.baseline, "baseline");
  if (baseline < 0 || baseline > 1) {
    throw bad("baseline", `expected the control's expected score in [0, 1], got ${baseline}`);
  }
  const difference = finite(options.difference, "difference");
  if (difference === 0) {
    const hint =
      "No number of inputs detects a difference of 0: pass the smallest worth acting on, e.g. 0.05.";
    throw bad("difference", "expected a non-zero difference to detect", hint);
  }
  const challenger = baseline + difference;
  if (challenger < 0 || challenger > 1) {
    const problem = `baseline + difference = ${round(challenger)} is not a score in [0, 1] (baseline ${baseline})`;
    throw bad("difference", problem, "The difference is in proportion points: 0.05 means 5 points.");
  }
  const alpha = openUnit(options.alpha ?? 0.05, "alpha");
  const variants = options.variants ?? 2;
  if (typeof variants !== "number" || !Number.isSafeInteger(variants) || variants < 2) {
    throw bad("variants", `a comparison needs at least two variants, got ${String(variants)}`);
  }
  positiveInteger(options.runs ?? 1, "runs");
  if (options.costPerCall !== undefined && !(finite(options.costPerCall, "costPerCall") >= 0)) {
    throw bad("costPerCall", `expected a cost of at least 0, got ${options.costPerCall}`);
  }
  const mode = options.comparisons ?? "control";
  if (mode !== "control" && mode !== "all")
    throw bad("comparisons", `expected "control" or "all", got ${mode}`);
  const comparisons = mode === "all" ? (variants * (variants - 1)) / 2 : variants - 1;
  const alphaPer = alpha / comparisons;
  const metric = options.metric ?? (options.sdDiff !== undefined ? "numeric" : "binary");
  if (metric !== "binary" && metric !== "numeric") {
    throw bad("metric", `expected "binary" or "numeric", got ${String(metric)}`);
  }
  const delta = Math.abs(difference);
  const notes: string[] = [];
  if (comparisons > 1) {
    notes.push(
      `alpha ${alpha} is split over ${comparisons} comparisons (Bonferroni, ${fmt(alphaPer)} each); compare() ` +
        "corrects with Holm, never less powerful, so the plan is slightly conservative. Power is per comparison.",
    );
  }
  if (metric === "numeric") {
    if (options.pDiscordant !== undefined)
      throw bad("pDiscordant", 'applies to metric "binary", not "numeric"');
    if (options.sdDiff === undefined) {
      const hint =
        "Estimate it on a pilot run: the standard deviation of score(b) − score(a) over its inputs.";
      throw bad("sdDiff", 'metric "numeric" needs the standard deviation of the per-input differences', hint);
    }
    const sd = finite(options.sdDiff, "sdDiff", true);
    const most = Math.sqrt(1 - delta * delta); // Bhatia–Davis: differences in [−1, 1] with mean δ
    if (sd > most + 1e-12) {
      throw bad(
        "sdDiff",
        `score differences with mean ${delta} have a standard deviation of at most ${round(most)}, got ${sd}`,
      );
    }
    notes.push("Normal approximation without the t correction: at small n add about 2 inputs.");
    return { metric, delta, alphaPer, comparisons, psi: 0, sd, notes };
  }
  if (options.sdDiff !== undefined) throw bad("sdDiff", 'applies to metric "numeric", not "binary"');
  const psi = discordant(baseline, challenger, options.pDiscordant, notes);
  notes.push(
    "Connor's formula is for the large-sample McNemar test; compare()'s exact test falls a little short of it " +
      "when few inputs are discordant (78% instead of 80% power with ~90 of them); midP: true closes the gap.",
  );
  if ((options.runs ?? 1) > 1) {
    notes.push(
      "Planned as one run per input: repeats average out noise within an input and can only lower the inputs " +
        "needed, so with several runs this is conservative.",
    );
  }
  return { metric, delta, alphaPer, comparisons, psi, sd: 0, notes };
}

/** ψ = p10 + p01, given or estimated under independence within an input, and checked for feasibility. */
function discordant(pA: number, pB: number, given: number | undefined, notes: string[]): number {
  const delta = pB - pA;
  if (given === undefined) {
    const psi = pA * (1 - pB) + pB * (1 - pA);
    notes.push(
      `pDiscordant ${round(psi)} estimated as pA(1 − pB) + pB(1 − pA), as if the outcomes on an input were ` +
        "independent; inputs that are hard (or easy) for both make disagreement rarer, so the real share is " +
        "usually lower and this plan conservative. Pass pDiscordant measured on a pilot run for a tighter plan.",
    );
    return psi;
  }
  const psi = finite(given, "pDiscordant", true);
  if (psi > 1 || psi < Math.abs(delta)) {
    const hint =
      "p01 − p10 (the difference) can be at most p01 + p10 (the share where the variants disagree).";
    throw bad(
      "pDiscordant",
      `expected a share from |difference| (${Math.abs(delta)}) to 1, got ${psi}`,
      hint,
    );
  }
  const p10 = (psi - delta) / 2;
  const p01 = (psi + delta) / 2;
  if (p10 > pA + 1e-12 || p01 > 1 - pA + 1e-12) {
    throw bad(
      "pDiscordant",
      `${psi} is impossible with pass rates ${pA} and ${round(pB)}: it needs ${round(p10)} of inputs where only ` +
        `the control passes (at most ${pA}) and ${round(p01)} where only the challenger does (at most ${round(1 - pA)})`,
    );
  }
  return psi;
}

function bad(argument: string, problem: string, hint?: string): InvalidArgumentError {
  return new InvalidArgumentError(argument, problem, hint);
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function fmt(alpha: number): string {
  return `α = ${round(alpha)}`;
}
