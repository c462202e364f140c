import { InvalidArgumentError } from "../../core/errors/index.js";
import type { Unit } from "../assignment/index.js";
import type { MetricKind } from "../config/index.js";

export const toUnit = (unit: Unit | string): Unit => (typeof unit === "string" ? { id: unit } : unit);

export function checkUnitId(unit: Unit | undefined): asserts unit is Unit {
  if (typeof unit?.id !== "string" || unit.id === "") {
    throw new InvalidArgumentError("unit.id", `must be a non-empty string, got ${JSON.stringify(unit?.id)}`);
  }
}

/** Throws unless `name` is one of `variants`, naming the experiment's variants. */
export function checkVariant(
  argument: string,
  experimentId: string,
  name: string,
  variants: ReadonlyMap<string, unknown>,
): void {
  if (variants.has(name)) return;
  throw new InvalidArgumentError(
    argument,
    `${JSON.stringify(name)} is not a variant of ${JSON.stringify(experimentId)}; variants: ${[...variants.keys()].join(", ")}`,
  );
}

/** The numeric value of an outcome, after checking the metric is known and the value fits its kind. */
export function checkOutcome(
  experimentId: string,
  metrics: readonly string[],
  kinds: ReadonlyMap<string, MetricKind>,
  metric: string,
  raw: number | boolean,
): number {
  if (!metrics.includes(metric)) {
    throw new InvalidArgumentError(
      "metric",
      `${JSON.stringify(metric)} is not a metric of experiment ${JSON.stringify(experimentId)}; known metrics: ${metrics.join(", ")}`,
      "Add it to primaryMetric or guardrails in the experiment's config.",
    );
  }
  const value = typeof raw === "boolean" ? (raw ? 1 : 0) : raw;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new InvalidArgumentError("value", `must be a finite number or a boolean, got ${String(raw)}`);
  }
  if (kinds.get(metric) === "binary" && value !== 0 && value !== 1) {
    throw new InvalidArgumentError(
      "value",
      `metric ${JSON.stringify(metric)} is binary: expected 0, 1, true or false, got ${value}`,
    );
  }
  return value;
}
