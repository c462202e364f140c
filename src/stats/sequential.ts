import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { finite, openUnit } from "./validate.js";

export interface SequentialOptions {
  /** Error rate controlled over the whole run, however often it is looked at (default 0.05). */
  alpha?: number;
  /** Keep the confidence sequence for the mean difference (default true); false makes updates O(1). */
  interval?: boolean;
  /** Grid step of the confidence sequence on the difference scale (default 0.01). */
  resolution?: number;
  /** Largest fraction of wealth bet on one observation, c in (0, 1) (default 0.5, as in the paper). */
  truncation?: number;
}

export interface SequentialState {
  /** Observations so far. */
  n: number;
  /** True once "no difference" is rejected; stays true (stop here). */
  decided: boolean;
  /** 1: b is better, −1: a is better, 0: undecided. */
  direction: -1 | 0 | 1;
  /** When `decided` became true. */
  decidedAt?: number;
  /** Confidence sequence for the mean difference, widened outward to the grid (open bounds). */
  lower: number;
  upper: number;
  meanDiff: number;
  /** The test martingale at "no difference" (an e-value). */
  eValue: number;
  /** Anytime-valid p-value, min(1, 1 / max wealth so far). */
  pValue: number;
}

export interface SequentialTest {
  /** Adds one paired difference b − a in [−1, 1] (scores in [0, 1]) and returns the new state. */
  update(diff: number): SequentialState;
  state(): SequentialState;
}

const LOG_HALF = Math.log(0.5);

function logMeanExp(x: number, y: number): number {
  const hi = Math.max(x, y);
  return hi + LOG_HALF + Math.log(Math.exp(x - hi) + Math.exp(y - hi));
}

/**
 * An anytime-valid test of "no difference" for paired differences d ∈ [−1, 1], by betting
 * (I. Waudby-Smith & A. Ramdas 2023, "Estimating means of bounded random variables by betting",
 * JRSS-B 86:1-27, the hedged capital process of Theorem 3 with predictable plug-in bets). With
 * X = (d + 1)/2 ∈ [0, 1] and candidate mean m, two gamblers bet λ⁺ᵢ and λ⁻ᵢ on X above and below m:
 *
 *   K⁺ₜ(m) = Π (1 + λ⁺ᵢ (Xᵢ − m)),  K⁻ₜ(m) = Π (1 − λ⁻ᵢ (Xᵢ − m)),  Kₜ(m) = ½ K⁺ₜ(m) + ½ K⁻ₜ(m)
 *
 *   λᵢ = min(c, √(2 log(2/α) / (σ̂²ᵢ₋₁ · i · log(1 + i)))),  λ⁺ᵢ = min(λᵢ, c/m),  λ⁻ᵢ = min(λᵢ, c/(1 − m))
 *
 * where σ̂² is a running variance estimate from the earlier observations only. If the mean of each
 * difference given the past is m, Kₜ(m) is a non-negative martingale with K₀ = 1, so by Ville's
 * inequality P(∃t: Kₜ(m) ≥ 1/α) ≤ α: checking after every observation and stopping at the first
 * Kₜ(½) ≥ 1/α ("no difference" is d̄ = 0) keeps the false-positive rate at most α. The confidence
 * sequence {m : Kₛ(m) < 1/α for all s ≤ t} is kept on a grid (running intersection).
 *
 * Validity needs the differences to arrive in an order unrelated to their values (shuffle inputs).
 */
export function createSequentialTest(options: SequentialOptions = {}): SequentialTest {
  const alpha = openUnit(options.alpha ?? 0.05, "alpha");
  const c = openUnit(options.truncation ?? 0.5, "truncation");
  const resolution = finite(options.resolution ?? 0.01, "resolution", true);
  const steps = Math.round(1 / resolution); // grid X = j / (2 steps), j = 0..2 steps; 0.5 is on it
  if (steps < 1 || steps > 100_000) {
    throw new InvalidArgumentError("resolution", `expected a grid step from 1e-5 to 1, got ${resolution}`);
  }
  const size = options.interval === false ? 0 : 2 * steps + 1;
  const grid = new Float64Array(size);
  for (let j = 0; j < size; j++) grid[j] = j / (2 * steps);
  const logPlus = new Float64Array(size);
  const logMinus = new Float64Array(size);
  const rejected = new Uint8Array(size);
  const threshold = Math.log(1 / alpha);
  const betScale = 2 * Math.log(2 / alpha);

  let n = 0;
  let sumX = 0;
  let sumSq = 0; // Σ (Xᵢ − μ̂ᵢ)²
  let variance = 0.25; // σ̂² before any data (prior ¼ with weight 1)
  let plus0 = 0; // log K⁺(½)
  let minus0 = 0;
  let maxLogWealth = 0;
  let decidedAt: number | undefined;
  let direction: -1 | 0 | 1 = 0;

  function state(): SequentialState {
    let lo = -1;
    let hi = 1;
    if (size > 0) {
      let first = -1;
      let last = -1;
      for (let j = 0; j < size; j++) {
        if (rejected[j] === 0) {
          if (first < 0) first = j;
          last = j;
        }
      }
      if (first >= 0) {
        lo = 2 * grid[Math.max(0, first - 1)]! - 1;
        hi = 2 * grid[Math.min(size - 1, last + 1)]! - 1;
      }
    }
    const logWealth = logMeanExp(plus0, minus0);
    const out: SequentialState = {
      n,
      decided: decidedAt !== undefined,
      direction,
      lower: lo,
      upper: hi,
      meanDiff: n === 0 ? 0 : (2 * sumX) / n - 1,
      eValue: Math.exp(logWealth),
      pValue: Math.min(1, Math.exp(-maxLogWealth)),
    };
    if (decidedAt !== undefined) out.decidedAt = decidedAt;
    return out;
  }

  function update(diff: number): SequentialState {
    if (typeof diff !== "number" || !(diff >= -1 - 1e-9 && diff <= 1 + 1e-9)) {
      throw new InvalidArgumentError(
        "diff",
        `expected a paired difference in [-1, 1], got ${String(diff)}`,
        "Scores must be in [0, 1]; pass score(b) − score(a).",
      );
    }
    const x = (Math.min(1, Math.max(-1, diff)) + 1) / 2;
    n++;
    const lambda = Math.min(c, Math.sqrt(betScale / (variance * n * Math.log(1 + n))));
    // At m = ½ both caps c/m and c/(1 − m) are 2c ≥ λ, so both gamblers bet λ.
    plus0 += Math.log1p(lambda * (x - 0.5));
    minus0 += Math.log1p(-lambda * (x - 0.5));
    for (let j = 0; j < size; j++) {
      if (rejected[j] === 1) continue; // excluded for good (running intersection): no need to track
      const m = grid[j]!;
      const lp = m > 0 ? Math.min(lambda, c / m) : lambda;
      const lm = m < 1 ? Math.min(lambda, c / (1 - m)) : lambda;
      const up = logPlus[j]! + Math.log1p(lp * (x - m));
      const down = logMinus[j]! + Math.log1p(-lm * (x - m));
      logPlus[j] = up;
      logMinus[j] = down;
      // ½(e^u + e^d) ≥ 1/α needs max(u, d) ≥ log(1/α); only then is the mixture worth computing.
      if (Math.max(up, down) >= threshold && logMeanExp(up, down) >= threshold) rejected[j] = 1;
    }
    // Predictable plug-ins for the next bet (means and variance with a ½ and ¼ prior of weight 1).
    sumX += x;
    const mean = (0.5 + sumX) / (n + 1);
    sumSq += (x - mean) ** 2;
    variance = (0.25 + sumSq) / (n + 1);
    const logWealth = logMeanExp(plus0, minus0);
    if (logWealth > maxLogWealth) maxLogWealth = logWealth;
    if (decidedAt === undefined && logWealth >= threshold) {
      decidedAt = n;
      direction = plus0 >= minus0 ? 1 : -1;
    }
    return state();
  }

  return { update, state };
}
