import { describe, expect, it } from "vitest";
import type { ParamValue, Sampler, SearchSpace } from "../../../core/ports.js";
import { randomSampler } from "../random.js";
import { mixedRegret, mixedSpace } from "../test-utils/objectives.js";
import { tpeSampler } from "./tpe-sampler.js";

type Params = Record<string, ParamValue>;
type Make = (seed: number) => Sampler;

const SEEDS = Array.from({ length: 10 }, (_, i) => i + 1);

/** Mean over seeds of the lowest regret found in `n` trials (the objective maximized is −regret). */
async function meanBestRegret(make: Make, space: SearchSpace, regret: (p: Params) => number, n: number) {
  let total = 0;
  for (const seed of SEEDS) {
    const sampler = make(seed);
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const t = await sampler.ask(space);
      const r = regret(t.params);
      best = Math.min(best, r);
      await sampler.tell(t.number, { state: "complete", values: [-r] });
    }
    total += best;
  }
  return total / SEEDS.length;
}

/** Two equally good corners of the cube: sampling each coordinate alone mixes them up. */
const cube: SearchSpace = {
  x: { type: "float", low: 0, high: 1 },
  y: { type: "float", low: 0, high: 1 },
  z: { type: "float", low: 0, high: 1 },
};

function twoCorners(p: Params): number {
  const v = [p.x, p.y, p.z] as number[];
  const near = v.reduce((s, a) => s + (a - 0.15) ** 2, 0);
  const far = v.reduce((s, a) => s + (a - 0.85) ** 2, 0);
  return Math.min(near, far);
}

/** ZDT1 on three dimensions, as losses (f1, f2), both to minimize. */
function zdt1(p: Params): [number, number] {
  const x = p.x as number;
  const g = 1 + (9 * ((p.y as number) + (p.z as number))) / 2;
  return [x, g * (1 - Math.sqrt(x / g))];
}

/** The area dominated by `points` (losses) up to `reference`, computed directly in 2-D. */
function area(points: readonly [number, number][], reference: [number, number]): number {
  const sorted = [...points]
    .filter((p) => p[0] < reference[0] && p[1] < reference[1])
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let ceiling = reference[1];
  for (const [f1, f2] of sorted) {
    if (f2 >= ceiling) continue;
    total += (reference[0] - f1) * (ceiling - f2);
    ceiling = f2;
  }
  return total;
}

/** Mean over seeds of the area the trials found dominate; objective 1 is told negated (maximized). */
async function meanArea(make: (seed: number) => Sampler, n: number) {
  let total = 0;
  for (const seed of SEEDS) {
    const sampler = make(seed);
    const found: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const t = await sampler.ask(cube);
      const [f1, f2] = zdt1(t.params);
      found.push([f1, f2]);
      await sampler.tell(t.number, { state: "complete", values: [-f1, f2] });
    }
    total += area(found, [1.1, 11]);
  }
  return total / SEEDS.length;
}

describe("tpeSampler against random search", () => {
  it("finds clearly better points on a mixed float / log / stepped int / categorical problem", async () => {
    const random = await meanBestRegret((seed) => randomSampler({ seed }), mixedSpace, mixedRegret, 50);
    const tpe = await meanBestRegret((seed) => tpeSampler({ seed }), mixedSpace, mixedRegret, 50);
    expect(tpe).toBeLessThan(0.5 * random);
  });

  it("gains from modelling dimensions jointly when the optimum couples them", async () => {
    const joint = await meanBestRegret((seed) => tpeSampler({ seed }), cube, twoCorners, 50);
    const independent = await meanBestRegret(
      (seed) => tpeSampler({ seed, multivariate: false }),
      cube,
      twoCorners,
      50,
    );
    const random = await meanBestRegret((seed) => randomSampler({ seed }), cube, twoCorners, 50);
    expect(joint).toBeLessThan(independent);
    expect(independent).toBeLessThan(random);
  });

  it("pushes the Pareto front of a two-objective problem further than random search", async () => {
    const directions = ["maximize", "minimize"] as ("maximize" | "minimize")[];
    const random = await meanArea((seed) => randomSampler({ seed, directions }), 60);
    const tpe = await meanArea((seed) => tpeSampler({ seed, directions }), 60);
    // The true front f2 = 1 − √f1 dominates 1.1 × 11 − ∫₀¹ (1 − √f1) df1 = 12.1 − 1/3.
    const ideal = 12.1 - 1 / 3;
    expect(ideal - tpe).toBeLessThan(0.5 * (ideal - random));
  });
});
