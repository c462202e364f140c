/**
 * From raw experiment events to per-unit values: a unit belongs to the variant of its first exposure;
 * its value for a metric is the sum of its outcome events (binary: 1 if any is non-zero); exposed units
 * without outcomes count as 0. Outcomes of units never exposed are counted, never analysed.
 */
import type { ExperimentEvent } from "../../core/ports.js";
import type { UnexposedOutcomes } from "./types.js";

export interface UnitTable {
  /** Variant → unit ids in first-exposure order. */
  units: Map<string, string[]>;
  /** Metric → unit id → summed value. */
  values: Map<string, Map<string, number>>;
  unexposed: UnexposedOutcomes;
  crossoverUnits: number;
  /** Variants seen in exposures that are not in `weights`. */
  unknownVariants: string[];
}

export function tabulateUnits(events: readonly ExperimentEvent[], variants: readonly string[]): UnitTable {
  const variantOf = new Map<string, string>();
  const units = new Map<string, string[]>(variants.map((v) => [v, []]));
  const crossovers = new Set<string>();
  const unknown = new Set<string>();
  for (const e of events) {
    if (e.kind !== "exposure") continue;
    const first = variantOf.get(e.unitId);
    if (first !== undefined) {
      if (first !== e.variant) crossovers.add(e.unitId);
      continue;
    }
    variantOf.set(e.unitId, e.variant);
    const list = units.get(e.variant);
    if (list) list.push(e.unitId);
    else unknown.add(e.variant);
  }
  const values = new Map<string, Map<string, number>>();
  const unexposed: UnexposedOutcomes = { events: 0, units: 0, byMetric: {} };
  const unexposedUnits = new Set<string>();
  for (const e of events) {
    if (e.kind !== "outcome" || e.metric === undefined) continue;
    if (!variantOf.has(e.unitId)) {
      unexposed.events++;
      unexposedUnits.add(e.unitId);
      unexposed.byMetric[e.metric] = (unexposed.byMetric[e.metric] ?? 0) + 1;
      continue;
    }
    let perUnit = values.get(e.metric);
    if (!perUnit) {
      perUnit = new Map();
      values.set(e.metric, perUnit);
    }
    const value = typeof e.value === "number" && Number.isFinite(e.value) ? e.value : 1;
    perUnit.set(e.unitId, (perUnit.get(e.unitId) ?? 0) + value);
  }
  unexposed.units = unexposedUnits.size;
  return { units, values, unexposed, crossoverUnits: crossovers.size, unknownVariants: [...unknown] };
}

/** The per-unit values of one metric for one variant (binary: 0/1). */
export function unitValues(table: UnitTable, variant: string, metric: string, binary: boolean): Float64Array {
  const ids = table.units.get(variant) ?? [];
  const perUnit = table.values.get(metric);
  const out = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const v = perUnit?.get(ids[i]!) ?? 0;
    out[i] = binary ? (v !== 0 ? 1 : 0) : v;
  }
  return out;
}

export interface Moments {
  n: number;
  mean: number;
  /** Sample variance (n − 1 denominator; 0 below 2 values). */
  variance: number;
}

export function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : 0 };
}
