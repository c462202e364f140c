/**
 * GrowthBook-compatible bucketing helpers: the same names, arguments and results as the helpers of
 * GrowthBook's JS SDK (`@growthbook/growthbook`, `src/util.ts`), checked against its published SDK test
 * cases (`fixtures/growthbook-cases.json`). A unit hashed here lands in the same bucket, and so the same
 * variation, as in any GrowthBook SDK given the same seed, hash version, weights and coverage.
 */

/** A half-open interval `[start, end)` of the unit interval. */
export type VariationRange = [start: number, end: number];

/** `[namespace id, start, end]`: the slice of the namespace an experiment occupies. */
export type Namespace = [id: string, start: number, end: number];

/** Called with a description of each invalid input that `getBucketRanges` replaced by a default. */
export type BucketWarning = (message: string) => void;

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a over the UTF-16 code units of `text` (as GrowthBook does, so non-ASCII text hashes
 * the same as in its SDKs). Returns an unsigned 32-bit integer.
 */
export function fnv1a32(text: string): number {
  let h = FNV_OFFSET_BASIS;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/**
 * Hashes `value` with `seed` to a number in `[0, 1)`.
 * - version 2 (current, unbiased): `fnv1a(String(fnv1a(seed + value))) % 10000 / 10000`;
 * - version 1 (legacy, kept for compatibility): `fnv1a(value + seed) % 1000 / 1000`;
 * - any other version: `null`.
 */
export function hash(seed: string, value: string, version: number): number | null {
  if (version === 2) return (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000;
  if (version === 1) return (fnv1a32(value + seed) % 1000) / 1000;
  return null;
}

/** `n` equal weights summing to 1; `[]` when `n <= 0`. */
export function getEqualWeights(n: number): number[] {
  return n > 0 ? new Array<number>(n).fill(1 / n) : [];
}

/** Whether `n` is in the half-open range `[start, end)`. */
export function inRange(n: number, range: VariationRange): boolean {
  return n >= range[0] && n < range[1];
}

/**
 * Whether a unit falls in an experiment's slice of a namespace. Experiments of one namespace with
 * non-overlapping slices never share a unit. Uses the version-1 hash seeded `"__" + namespace`, like
 * GrowthBook.
 */
export function inNamespace(hashValue: string, namespace: Namespace): boolean {
  const n = hash(`__${namespace[0]}`, hashValue, 1);
  return n !== null && n >= namespace[1] && n < namespace[2];
}

/** The index of the range containing `n`, or -1 when `n` is in none (outside the coverage). */
export function chooseVariation(n: number, ranges: readonly VariationRange[]): number {
  for (let i = 0; i < ranges.length; i++) {
    if (inRange(n, ranges[i]!)) return i;
  }
  return -1;
}

/**
 * The bucket range of each variation. Variation `i` starts where the weights of the variations
 * before it end and covers `coverage × weights[i]` of the unit interval, so lowering the coverage
 * shrinks every range from its end and keeps already included units in their variation.
 *
 * Lenient as GrowthBook is: a coverage below 0 or above 1 is clamped, and weights of the wrong length
 * or not summing to 1 (± 0.01) are replaced by equal weights; each such fix is reported to `warn`.
 * FlowPrompt's own `assign` rejects those configurations instead (see `validateExperiment`).
 */
export function getBucketRanges(
  numVariations: number,
  coverage: number | undefined,
  weights?: readonly number[] | null,
  warn?: BucketWarning,
): VariationRange[] {
  let cover = coverage ?? 1;
  if (cover < 0) {
    warn?.(`coverage must be greater than or equal to 0, got ${cover}: using 0`);
    cover = 0;
  } else if (cover > 1) {
    warn?.(`coverage must be less than or equal to 1, got ${cover}: using 1`);
    cover = 1;
  }
  const equal = getEqualWeights(numVariations);
  let w: readonly number[] = weights ?? equal;
  if (w.length !== numVariations) {
    warn?.(`weights has ${w.length} entries for ${numVariations} variations: using equal weights`);
    w = equal;
  }
  const total = w.reduce((sum, x) => sum + x, 0);
  if (total < 0.99 || total > 1.01) {
    warn?.(`weights must add up to 1, got ${total}: using equal weights`);
    w = equal;
  }
  let cumulative = 0;
  return w.map((x) => {
    const start = cumulative;
    cumulative += x;
    return [start, start + cover * x];
  });
}
