/** Test data for the dashboard tests: stored experiments and interleaved exposure/outcome events. */
import type { ExperimentEvent, ExperimentStore } from "../core/ports.js";

/** Saves a running 50/50 experiment (control vs friendly) on the binary metric "converted". */
export async function saveExperiment(store: ExperimentStore, id: string): Promise<void> {
  await store.saveExperiment({
    id,
    status: "running",
    config: {
      id,
      variants: [
        { name: "control", weight: 0.5, control: true },
        { name: "friendly", weight: 0.5 },
      ],
      primaryMetric: { name: "converted", kind: "binary" },
      minSamples: 100,
    },
    createdAt: 1,
    updatedAt: 1,
  });
}

let n = 0;
/** An exposure of a new unit (with bandit attributes when `bandit` is given). */
export function exposure(id: string, unitId: string, variant: string, bandit?: number): ExperimentEvent {
  return {
    id: `e${n++}`,
    experimentId: id,
    unitId,
    variant,
    kind: "exposure",
    propensity: 0.5,
    at: 1000 + n,
    ...(bandit !== undefined && {
      attributes: {
        bandit: {
          policy: "thompson-beta",
          decisionId: `d${bandit}`,
          probabilities: { control: 0.5, friendly: 0.5 },
        },
      },
    }),
  };
}

/**
 * Interleaved traffic: `counts[v]` exposed units per variant, `converted[v]` of them converting, spread
 * evenly. Units alternate between variants so every prefix holds both.
 */
export function traffic(
  id: string,
  counts: Record<string, number>,
  converted: Record<string, number>,
  options: { bandit?: boolean } = {},
): ExperimentEvent[] {
  const out: ExperimentEvent[] = [];
  const max = Math.max(...Object.values(counts));
  for (let i = 0; i < max; i++) {
    for (const [variant, units] of Object.entries(counts)) {
      if (i >= units) continue;
      const unitId = `${id}-${variant}-${i}`;
      out.push(exposure(id, unitId, variant, options.bandit ? out.length + 1 : undefined));
      const c = converted[variant] ?? 0;
      if (Math.floor(((i + 1) * c) / units) > Math.floor((i * c) / units)) {
        out.push({
          id: `e${n++}`,
          experimentId: id,
          unitId,
          variant,
          kind: "outcome",
          metric: "converted",
          value: 1,
          at: 1000 + n,
        });
      }
    }
  }
  return out;
}
