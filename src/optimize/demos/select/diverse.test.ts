import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cos, tableEmbedder, vectorPoolArb } from "../test-utils/fixtures.js";
import { diverseDemos } from "./diverse.js";

const text = (r: { id: string }) => r.id;

/** Euclidean distance between the unit vectors of a and b: sqrt(2 − 2·cos). */
const dist = (a: readonly number[], b: readonly number[]) => Math.sqrt(Math.max(0, 2 - 2 * cos(a, b)));

/** The k-center radius: how far the farthest point is from its nearest center. */
function radius(points: readonly (readonly number[])[], centers: readonly (readonly number[])[]): number {
  return Math.max(...points.map((p) => Math.min(...centers.map((c) => dist(p, c)))));
}

function* subsets(n: number, k: number, start = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= n - k; i++) for (const rest of subsets(n, k - 1, i + 1)) yield [i, ...rest];
}

describe("diverseDemos", () => {
  it("covers the pool within twice the optimal k-center radius (brute force)", async () => {
    await fc.assert(
      fc.asyncProperty(
        vectorPoolArb,
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        async ({ rows, table }, k, seed) => {
          const points = rows.map((r) => table.get(r.id)!);
          const demos = await diverseDemos(rows, { embedder: tableEmbedder(table), text, seed }).select(
            undefined,
            k,
          );
          const greedy = radius(
            points,
            demos.map((r) => table.get(r.id)!),
          );
          let optimum = Number.POSITIVE_INFINITY;
          for (const s of subsets(points.length, Math.min(k, points.length))) {
            optimum = Math.min(
              optimum,
              radius(
                points,
                s.map((i) => points[i]!),
              ),
            );
          }
          expect(greedy).toBeLessThanOrEqual(2 * optimum + 1e-5);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("takes one row from each cluster when k equals the number of clusters, for every seed", async () => {
    const table = new Map<string, number[]>();
    for (let i = 0; i < 5; i++) {
      table.set(`x${i}`, [1, 0.02 * i, 0]);
      table.set(`y${i}`, [0, 1, 0.02 * i]);
      table.set(`z${i}`, [0.02 * i, 0, 1]);
    }
    const rows = [...table.keys()].map((id) => ({ id, input: id, expected: 0 }));
    const embedder = tableEmbedder(table);
    const firsts = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      const demos = await diverseDemos(rows, { embedder, text, seed }).select(undefined, 3);
      expect(demos.map((r) => r.id[0]).sort()).toEqual(["x", "y", "z"]);
      firsts.add(demos[0]!.id);
    }
    // The seed picks the first row, so different seeds start in different places.
    expect(firsts.size).toBeGreaterThan(3);
    expect(embedder.calls).toHaveLength(12); // one pool embedding per selector, none per call
  });

  it("rejects a bad seed", () => {
    const table = new Map([["a", [1]]]);
    expect(() =>
      diverseDemos([{ id: "a", input: "a", expected: 1 }], {
        embedder: tableEmbedder(table),
        seed: Number.NaN,
      }),
    ).toThrow(/seed/);
  });
});
