import fc from "fast-check";
import type { ParamSpec, ParamValue, SearchSpace } from "../../core/ports.js";

const floatSpec: fc.Arbitrary<ParamSpec> = fc.oneof(
  fc
    .record({
      low: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
      width: fc.double({ min: 0, max: 1e4, noNaN: true }),
    })
    .map(({ low, width }) => ({ type: "float" as const, low, high: low + width })),
  fc
    .record({
      low: fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
      factor: fc.double({ min: 1, max: 1e6, noNaN: true }),
    })
    .map(({ low, factor }) => ({ type: "float" as const, low, high: low * factor, log: true })),
  fc
    .record({
      low: fc.integer({ min: -1000, max: 1000 }).map((n) => n / 8),
      step: fc.constantFrom(0.001, 0.01, 0.1, 0.25, 0.5, 1, 2.5, 10),
      count: fc.integer({ min: 0, max: 60 }),
    })
    .map(({ low, step, count }) => ({ type: "float" as const, low, high: low + count * step, step })),
);

const intSpec: fc.Arbitrary<ParamSpec> = fc.oneof(
  fc
    .record({ low: fc.integer({ min: -1000, max: 1000 }), width: fc.integer({ min: 0, max: 1000 }) })
    .map(({ low, width }) => ({ type: "int" as const, low, high: low + width })),
  fc
    .record({ low: fc.integer({ min: 1, max: 1000 }), width: fc.integer({ min: 0, max: 100_000 }) })
    .map(({ low, width }) => ({ type: "int" as const, low, high: low + width, log: true })),
  fc
    .record({
      low: fc.integer({ min: -100, max: 100 }),
      step: fc.integer({ min: 1, max: 10 }),
      count: fc.integer({ min: 0, max: 30 }),
    })
    .map(({ low, step, count }) => ({ type: "int" as const, low, high: low + count * step, step })),
);

const choice: fc.Arbitrary<ParamValue> = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -5, max: 5 }),
  fc.boolean(),
  fc.constant(null),
);

const categoricalSpec: fc.Arbitrary<ParamSpec> = fc
  .uniqueArray(choice, { minLength: 1, maxLength: 6, comparator: "SameValue" })
  .map((choices) => ({ type: "categorical" as const, choices }));

/** Any valid dimension. */
export const paramSpec: fc.Arbitrary<ParamSpec> = fc.oneof(floatSpec, intSpec, categoricalSpec);

/** Any valid search space of one to five dimensions. */
export const searchSpace: fc.Arbitrary<SearchSpace> = fc
  .uniqueArray(fc.stringMatching(/^[a-z]{1,5}$/), { minLength: 1, maxLength: 5 })
  .chain((names) =>
    fc
      .tuple(...names.map(() => paramSpec))
      .map((specs) => Object.fromEntries(names.map((n, i) => [n, specs[i]!]))),
  );

/** A deterministic, bumpy score of any params (so a model has something to fit). */
export function anyScore(params: Record<string, ParamValue>): number {
  let score = 0;
  for (const [name, value] of Object.entries(params)) {
    const v =
      typeof value === "number"
        ? value
        : value === null
          ? 0.5
          : String(value).length + (value === true ? 1 : 0);
    score += Math.sin(v * (name.length + 1)) + (typeof value === "number" ? -Math.abs(v) * 1e-4 : 0);
  }
  return score;
}
