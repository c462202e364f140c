import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import { EmptyDatasetError } from "../errors/empty-dataset-error.js";
import { seededRandom, shuffled } from "./random.js";

const SPLITS = ["train", "val", "test"] as const;
type SplitName = (typeof SPLITS)[number];

export interface SplitOptions<R> {
  /** Proportions in [0, 1]. One left out takes the remainder (train first, then test, then val); none given: 0.8 / 0 / 0.2. */
  train?: number;
  val?: number;
  test?: number;
  /** The same seed and rows (in the same order) give the same splits. */
  seed: number;
  /** Keep each category's proportions in every split: "category" (the row's field) or a function. */
  stratify?: "category" | ((row: R) => string | undefined);
}

export interface DatasetSplits<R> {
  train: R[];
  val: R[];
  test: R[];
}

function proportions(options: { train?: number; val?: number; test?: number }): number[] {
  const given = SPLITS.map((s) => options[s]);
  for (const [i, p] of given.entries()) {
    if (p !== undefined && (typeof p !== "number" || !Number.isFinite(p) || p < 0 || p > 1)) {
      throw new InvalidArgumentError(
        `split proportion "${SPLITS[i]}"`,
        `expected a number in [0, 1], got ${String(p)}.`,
      );
    }
  }
  if (given.every((p) => p === undefined)) return [0.8, 0, 0.2];
  const known = given.reduce<number>((sum, p) => sum + (p ?? 0), 0);
  const fill = [0, 2, 1].find((i) => given[i] === undefined);
  const out = given.map((p) => p ?? 0);
  if (fill !== undefined) out[fill] = Math.max(0, 1 - known);
  const total = out.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) {
    throw new InvalidArgumentError(
      "split proportions",
      `train + val + test must be 1, got ${out.map((p) => String(p)).join(" + ")} = ${total}.`,
      "Give proportions that add up to 1, or leave one out to take the remainder.",
    );
  }
  return out;
}

/** Hamilton's largest-remainder apportionment: counts that add up to n, each within 1 of n·p. */
export function apportion(n: number, props: readonly number[]): number[] {
  const exact = props.map((p) => n * p);
  const counts = exact.map((x) => Math.floor(x + 1e-9));
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x + 1e-9) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}

/** Per-stratum counts whose column sums are the global apportionment, each cell within 1 of n_s·p where possible. */
function stratifiedCounts(sizes: readonly number[], props: readonly number[]): number[][] {
  const n = sizes.reduce((a, b) => a + b, 0);
  const totals = apportion(n, props);
  const counts = sizes.map((size) => props.map((p) => Math.floor(size * p + 1e-9)));
  const residual = totals.map((t, k) => t - counts.reduce((sum, row) => sum + row[k]!, 0));
  const leftover = sizes.map((size, s) => size - counts[s]!.reduce((a, b) => a + b, 0));
  const cells: { s: number; k: number; frac: number }[] = [];
  for (const [s, size] of sizes.entries()) {
    for (const [k, p] of props.entries()) cells.push({ s, k, frac: size * p - counts[s]![k]! });
  }
  cells.sort((a, b) => b.frac - a.frac || a.s - b.s || a.k - b.k);
  // First the cells with the largest fractional parts, one unit each; then whatever the totals still need.
  for (const { s, k, frac } of cells) {
    if (frac <= 1e-9 || leftover[s]! <= 0 || residual[k]! <= 0) continue;
    counts[s]![k]!++;
    leftover[s]!--;
    residual[k]!--;
  }
  for (const { s, k } of cells) {
    const take = Math.min(leftover[s]!, residual[k]!);
    counts[s]![k]! += take;
    leftover[s]! -= take;
    residual[k]! -= take;
  }
  return counts;
}

/**
 * Splits rows into train, val and test, deterministically for a seed: every row lands in exactly one
 * split, the sizes are the largest-remainder apportionment of the proportions, and with `stratify`
 * each category is spread in the same proportions. Rows keep their original order within a split.
 *
 * ```ts
 * const { train, test } = splitDataset(rows, { train: 0.8, test: 0.2, seed: 42, stratify: "category" });
 * ```
 */
export function splitDataset<R extends { category?: string | undefined }>(
  rows: readonly R[],
  options: SplitOptions<R>,
): DatasetSplits<R> {
  if (!Array.isArray(rows)) throw new InvalidArgumentError("rows", "expected an array of dataset rows.");
  if (typeof options?.seed !== "number" || !Number.isFinite(options.seed)) {
    throw new InvalidArgumentError(
      "split seed",
      `expected a number, got ${String(options?.seed)}.`,
      "splitDataset(rows, { train: 0.8, seed: 42 })",
    );
  }
  const { stratify } = options;
  if (stratify !== undefined && stratify !== "category" && typeof stratify !== "function") {
    throw new InvalidArgumentError(
      "split stratify",
      `expected "category" or a function, got ${String(stratify)}.`,
    );
  }
  const props = proportions(options);
  if (rows.length === 0) throw new EmptyDatasetError(undefined);

  const strata = new Map<string, number[]>();
  for (const [i, row] of rows.entries()) {
    const key =
      stratify === undefined ? "" : String((stratify === "category" ? row.category : stratify(row)) ?? "");
    const list = strata.get(key);
    if (list) list.push(i);
    else strata.set(key, [i]);
  }
  const groups = [...strata.values()];
  const counts = stratifiedCounts(
    groups.map((g) => g.length),
    props,
  );
  const random = seededRandom(options.seed);
  const label = new Array<SplitName>(rows.length);
  for (const [s, group] of groups.entries()) {
    const order = shuffled(group, random);
    let at = 0;
    for (const [k, name] of SPLITS.entries()) {
      for (let c = 0; c < counts[s]![k]!; c++) label[order[at++]!] = name;
    }
  }
  const out: DatasetSplits<R> = { train: [], val: [], test: [] };
  for (const [i, row] of rows.entries()) out[label[i]!].push(row);
  return out;
}
