/**
 * Off-policy evaluation from logged decisions: inverse propensity scoring (Horvitz & Thompson 1952)
 * and its self-normalised form (SNIPS; Swaminathan & Joachims 2015).
 */
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { checkNumber } from "./policy.js";
import type { LoggedDecision } from "./types.js";

/**
 * The target policy's probability of each logged arm: an array aligned with the logs, a map from arm
 * to probability (a non-contextual target), or a function of the log and its index.
 */
export type TargetProbabilities =
  | readonly number[]
  | Readonly<Record<string, number>>
  | ((log: LoggedDecision, index: number) => number);

export interface IpsEstimate {
  /** Logged decisions used. */
  n: number;
  /** IPS: mean of w_i·r_i with w_i = π(a_i) / μ(a_i); unbiased when every μ(a_i) > 0 where π > 0. */
  ips: number;
  /** Standard error of the IPS estimate: sd(w·r) / √n. */
  standardError: number;
  /** Self-normalised IPS: Σ w_i·r_i / Σ w_i; slightly biased, far lower variance (NaN if Σ w = 0). */
  snips: number;
  /** Kish's effective sample size (Σ w)² / Σ w²: how many logs the estimate is worth. */
  effectiveSampleSize: number;
  /** Largest importance weight (a large one means the estimate rests on few logs). */
  maxWeight: number;
}

function targetOf(target: TargetProbabilities, logs: readonly LoggedDecision[]): (i: number) => unknown {
  if (typeof target === "function") return (i) => target(logs[i]!, i);
  if (Array.isArray(target)) {
    if (target.length !== logs.length) {
      throw new InvalidArgumentError(
        "targetPolicyProbabilities",
        `expected one probability per log (${logs.length}), got ${target.length}`,
      );
    }
    return (i) => target[i];
  }
  if (target === null || typeof target !== "object") {
    throw new InvalidArgumentError(
      "targetPolicyProbabilities",
      "expected an array, a map from arm, or a function",
    );
  }
  const byArm = target as Readonly<Record<string, number>>;
  return (i) => {
    const arm = logs[i]!.arm;
    if (!Object.hasOwn(byArm, arm)) {
      throw new InvalidArgumentError(
        `targetPolicyProbabilities.${arm}`,
        `no probability for logged arm "${arm}"`,
      );
    }
    return byArm[arm];
  };
}

/** Estimates the mean reward the target policy would have earned, from another policy's logs. */
export function ipsEstimate(
  logs: readonly LoggedDecision[],
  targetPolicyProbabilities: TargetProbabilities,
): IpsEstimate {
  if (!Array.isArray(logs) || logs.length === 0) {
    throw new InvalidArgumentError("logs", "expected a non-empty array of { arm, propensity, reward }");
  }
  const probability = targetOf(targetPolicyProbabilities, logs);
  let sumW = 0;
  let sumW2 = 0;
  let sumWR = 0;
  let sumWR2 = 0;
  let maxWeight = 0;
  logs.forEach((log, i) => {
    if (log === null || typeof log !== "object" || typeof log.arm !== "string") {
      throw new InvalidArgumentError(`logs[${i}]`, "expected { arm, propensity, reward }");
    }
    const mu = log.propensity;
    if (typeof mu !== "number" || !(mu > 0 && mu <= 1)) {
      throw new InvalidArgumentError(
        `logs[${i}].propensity`,
        `expected a probability in (0, 1], got ${String(mu)}`,
        "A zero propensity means the logging policy could not have chosen this arm; log choose()'s propensity.",
      );
    }
    const reward = checkNumber(log.reward, `logs[${i}].reward`, Number.NEGATIVE_INFINITY);
    const pi = checkNumber(probability(i), `targetPolicyProbabilities[${i}]`, 0, 1);
    const w = pi / mu;
    sumW += w;
    sumW2 += w * w;
    sumWR += w * reward;
    sumWR2 += (w * reward) ** 2;
    maxWeight = Math.max(maxWeight, w);
  });
  const n = logs.length;
  const ips = sumWR / n;
  const variance = n > 1 ? Math.max(0, (sumWR2 - n * ips * ips) / (n - 1)) : Number.NaN;
  return {
    n,
    ips,
    standardError: Math.sqrt(variance / n),
    snips: sumW > 0 ? sumWR / sumW : Number.NaN,
    effectiveSampleSize: sumW2 > 0 ? (sumW * sumW) / sumW2 : 0,
    maxWeight,
  };
}
