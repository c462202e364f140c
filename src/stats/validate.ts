import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";

/** Every number finite; returns a Float64Array copy. Names the first bad index. */
export function finiteArray(values: ArrayLike<number>, argument: string, minLength = 1): Float64Array {
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new InvalidArgumentError(argument, "expected an array of numbers");
  }
  if (values.length < minLength) {
    throw new InvalidArgumentError(
      argument,
      `expected at least ${minLength} value${minLength === 1 ? "" : "s"}, got ${values.length}`,
    );
  }
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new InvalidArgumentError(
        `${argument}[${i}]`,
        `expected a finite number, got ${String(v)}`,
        "Remove or score missing values before testing (an error is usually scored as 0).",
      );
    }
    out[i] = v;
  }
  return out;
}

/** Paired arrays of the same length: returns the differences b[i] − a[i]. */
export function pairedDifferences(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const x = finiteArray(a, "a");
  const y = finiteArray(b, "b");
  if (x.length !== y.length) {
    throw new InvalidArgumentError(
      "b",
      `paired scores need the same length, got a: ${x.length} and b: ${y.length}`,
      "Score both variants on the same inputs, in the same order.",
    );
  }
  const d = new Float64Array(x.length);
  for (let i = 0; i < d.length; i++) d[i] = y[i]! - x[i]!;
  return d;
}

/** A count: a non-negative safe integer. */
export function count(value: unknown, argument: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError(argument, `expected a non-negative integer count, got ${String(value)}`);
  }
  return value;
}

/** A probability strictly between 0 and 1 (a confidence level, alpha, power). */
export function openUnit(value: unknown, argument: string): number {
  if (typeof value !== "number" || !(value > 0 && value < 1)) {
    throw new InvalidArgumentError(
      argument,
      `expected a number strictly between 0 and 1, got ${String(value)}`,
    );
  }
  return value;
}

/** A positive integer no larger than `max`. */
export function positiveInteger(value: unknown, argument: string, max = 1e9): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new InvalidArgumentError(argument, `expected an integer from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

/** A finite number (optionally required to be positive). */
export function finite(value: unknown, argument: string, positive = false): number {
  if (typeof value !== "number" || !Number.isFinite(value) || (positive && value <= 0)) {
    throw new InvalidArgumentError(
      argument,
      `expected a finite ${positive ? "positive " : ""}number, got ${String(value)}`,
    );
  }
  return value;
}

export type Alternative = "two-sided" | "greater" | "less";

export function alternative(value: unknown, argument = "alternative"): Alternative {
  if (value === undefined) return "two-sided";
  if (value === "two-sided" || value === "greater" || value === "less") return value;
  throw new InvalidArgumentError(argument, `expected "two-sided", "greater" or "less", got ${String(value)}`);
}
