import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";
import { normalQuantile } from "./normal.js";
import { count, openUnit } from "./validate.js";

export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface PairedProportionDiffCI extends ProportionInterval {
  /** pB − pA, where pA = (n11 + n10) / n and pB = (n11 + n01) / n. */
  estimate: number;
  confidence: number;
  method: "newcombe-hybrid-score";
}

/** Wilson's (1927) score interval for a single proportion x / n. */
export function wilsonInterval(x: number, n: number, confidence = 0.95): ProportionInterval {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / (n + z2);
  return { estimate: x / n, lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * Confidence interval for the difference of two paired proportions, pB − pA, by Newcombe's hybrid
 * score ("square-and-add") method for paired data: method 10 of R. G. Newcombe (1998), "Improved
 * confidence intervals for the difference between binomial proportions based on paired data",
 * Statistics in Medicine 17:2635-2650, with his corrected correlation estimate, as recommended by
 * Fagerland, Lydersen & Laake (2014), Statistics in Medicine 33:2850-2875. It combines the Wilson
 * intervals of the two marginal proportions, allowing for their correlation; it stays inside
 * [−1, 1], is never degenerate at 0 or 1, and keeps close to nominal coverage in small samples.
 *
 * The table counts pairs (inputs): n11 both pass, n10 only A passes, n01 only B passes, n00 neither.
 */
export function pairedProportionDiffCI(
  n11: number,
  n10: number,
  n01: number,
  n00: number,
  confidence = 0.95,
): PairedProportionDiffCI {
  count(n11, "n11");
  count(n10, "n10");
  count(n01, "n01");
  count(n00, "n00");
  openUnit(confidence, "confidence");
  const n = n11 + n10 + n01 + n00;
  if (n === 0) {
    throw new InvalidArgumentError(
      "n11 + n10 + n01 + n00",
      "the table has no pairs",
      "Score at least one input.",
    );
  }
  const xA = n11 + n10;
  const xB = n11 + n01;
  const pA = xA / n;
  const pB = xB / n;
  const estimate = pB - pA;
  const a = wilsonInterval(xA, n, confidence);
  const b = wilsonInterval(xB, n, confidence);

  // The correlation of the two marginal proportions, with Newcombe's continuity-type correction.
  let psi = 0;
  if (xA > 0 && xA < n && xB > 0 && xB < n) {
    const det = n11 * n00 - n10 * n01;
    const scale = Math.sqrt(xA * (n - xA) * xB * (n - xB));
    if (det > n / 2) psi = (det - n / 2) / scale;
    else if (det < 0) psi = det / scale;
  }

  const dB = pB - b.lower;
  const uA = a.upper - pA;
  const lower = estimate - Math.sqrt(Math.max(0, dB * dB + uA * uA - 2 * psi * dB * uA));
  const dA = pA - a.lower;
  const uB = b.upper - pB;
  const upper = estimate + Math.sqrt(Math.max(0, dA * dA + uB * uB - 2 * psi * dA * uB));
  return {
    estimate,
    lower: Math.max(-1, lower),
    upper: Math.min(1, upper),
    confidence,
    method: "newcombe-hybrid-score",
  };
}
