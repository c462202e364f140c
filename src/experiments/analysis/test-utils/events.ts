/** Event builders shared by the analysis tests. */
import type { ExperimentEvent } from "../../../core/ports.js";

let counter = 0;

export function exposure(unitId: string, variant: string): ExperimentEvent {
  return {
    id: `e${counter++}`,
    experimentId: "x",
    unitId,
    variant,
    kind: "exposure",
    propensity: 0.5,
    at: 0,
  };
}

export function outcome(unitId: string, variant: string, metric: string, value: number): ExperimentEvent {
  return { id: `e${counter++}`, experimentId: "x", unitId, variant, kind: "outcome", metric, value, at: 0 };
}

/** n exposed units of a variant, the first `converted` of them with one "converted" outcome. */
export function binaryArm(variant: string, n: number, converted: number): ExperimentEvent[] {
  const out: ExperimentEvent[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${variant}-${i}`;
    out.push(exposure(id, variant));
    if (i < converted) out.push(outcome(id, variant, "converted", 1));
  }
  return out;
}

/** One exposed unit per value, each with one outcome of `metric`. */
export function continuousArm(
  variant: string,
  values: readonly number[],
  metric = "revenue",
): ExperimentEvent[] {
  return values.flatMap((v, i) => [
    exposure(`${variant}-${i}`, variant),
    outcome(`${variant}-${i}`, variant, metric, v),
  ]);
}
