import { contentHash } from "../../core/canonical.js";
import type { DatasetRow } from "../../core/ports.js";
import { loadDataset } from "../../eval/datasets/load.js";
import { splitDataset } from "../../eval/datasets/split.js";
import { DatasetTooSmallError } from "../errors/dataset-too-small-error.js";
import type { DataLike, OptimizeOptions } from "../options.js";

/** The three sets an optimization uses, and how they were made. */
export interface OptimizeData {
  train: DatasetRow[];
  val: DatasetRow[];
  test: DatasetRow[];
  /** "given" or "split from the trainset (val 0.3, test 0.2)". */
  source: string;
  hashes: { train: string; val: string; test: string };
}

const MIN_TRAIN = 2;
const MIN_VAL = 2;
const MIN_TO_SPLIT = 10;

async function load(data: DataLike | undefined): Promise<DatasetRow[] | undefined> {
  if (data === undefined) return undefined;
  if (Array.isArray(data) && data.length === 0) return []; // "no such set", checked below
  return (await loadDataset(data as string | readonly unknown[])) as DatasetRow[];
}

/** A hash of the rows (ids, inputs, expected answers): provenance and resume checks key on it. */
export function dataHash(rows: readonly DatasetRow[]): string {
  return contentHash(rows.map((r) => [r.id, r.input, r.expected ?? null])).slice(0, 16);
}

/** Loads the sets; splits what is not given off the trainset (stratified by category), seeded. */
export async function prepareData(o: OptimizeOptions, seed: number): Promise<OptimizeData> {
  let train = (await load(o.trainset)) ?? [];
  let val = await load(o.valset);
  let test = await load(o.testset);
  let source = "given";
  if (val === undefined || test === undefined) {
    const fractions = {
      val: val === undefined ? (o.split?.val ?? 0.3) : 0,
      test: test === undefined ? (o.split?.test ?? 0.2) : 0,
    };
    if (train.length < MIN_TO_SPLIT) {
      throw new DatasetTooSmallError(
        "trainset",
        train.length,
        MIN_TO_SPLIT,
        `with no ${val === undefined ? "valset" : "testset"} given, part of the trainset is split off for it.`,
      );
    }
    const parts = splitDataset(train, {
      train: 1 - fractions.val - fractions.test,
      val: fractions.val,
      test: fractions.test,
      seed,
      stratify: "category",
    });
    train = parts.train;
    val ??= parts.val;
    test ??= parts.test;
    source = `split from the trainset (val ${fractions.val}, test ${fractions.test})`;
  }
  if (train.length < MIN_TRAIN)
    throw new DatasetTooSmallError(
      "trainset",
      train.length,
      MIN_TRAIN,
      "demos and proposals are drawn from it.",
    );
  if (val.length < MIN_VAL)
    throw new DatasetTooSmallError("valset", val.length, MIN_VAL, "trials are scored on it.");
  return {
    train,
    val,
    test,
    source,
    hashes: { train: dataHash(train), val: dataHash(val), test: dataHash(test) },
  };
}
