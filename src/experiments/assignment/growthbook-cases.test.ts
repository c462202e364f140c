import { describe, expect, it } from "vitest";
import {
  chooseVariation,
  fnv1a32,
  getBucketRanges,
  getEqualWeights,
  hash,
  inNamespace,
  type Namespace,
  type VariationRange,
} from "./bucketing.js";
import cases from "./fixtures/growthbook-cases.json" with { type: "json" };

// GrowthBook's own test runner rounds ranges to 6 and equal weights to 8 decimals before comparing.
const round = (x: number, digits: number): number => Number(x.toFixed(digits));
const roundRanges = (ranges: VariationRange[]): number[][] => ranges.map((r) => r.map((x) => round(x, 6)));

type HashCase = [string, string, number, number | null];
type RangeCase = [string, [number, number, number[] | null], number[][]];
type ChooseCase = [string, number, VariationRange[], number];
type NamespaceCase = [string, string, Namespace, boolean];
type EqualCase = [number, number[]];

describe("GrowthBook SDK cases (vendored cases.json)", () => {
  it("vendors every section with cases", () => {
    expect(cases.hash.length).toBe(15);
    expect(cases.getBucketRange.length).toBe(13);
    expect(cases.chooseVariation.length).toBe(13);
    expect(cases.inNamespace.length).toBe(16);
    expect(cases.getEqualWeights.length).toBe(6);
  });

  describe("hash", () => {
    it.each(cases.hash as HashCase[])("hash(%j, %j, v%d) = %j", (seed, value, version, expected) => {
      expect(hash(seed, value, version)).toBe(expected);
    });
  });

  describe("getBucketRanges", () => {
    it.each(cases.getBucketRange as RangeCase[])("%s", (_name, [n, coverage, weights], expected) => {
      const warnings: string[] = [];
      const ranges = getBucketRanges(n, coverage, weights, (m) => warnings.push(m));
      expect(roundRanges(ranges)).toEqual(expected);
    });
  });

  describe("chooseVariation", () => {
    it.each(cases.chooseVariation as ChooseCase[])("%s", (_name, n, ranges, expected) => {
      expect(chooseVariation(n, ranges)).toBe(expected);
    });
  });

  describe("inNamespace", () => {
    it.each(cases.inNamespace as NamespaceCase[])("%s", (_name, id, namespace, expected) => {
      expect(inNamespace(id, namespace)).toBe(expected);
    });
  });

  describe("getEqualWeights", () => {
    it.each(cases.getEqualWeights as EqualCase[])("getEqualWeights(%d)", (n, expected) => {
      expect(getEqualWeights(n).map((w) => round(w, 8))).toEqual(expected);
    });
  });
});

describe("bucketing details", () => {
  it("fnv1a32 matches the published FNV-1a 32-bit test vectors", () => {
    expect(fnv1a32("")).toBe(0x811c9dc5);
    expect(fnv1a32("a")).toBe(0xe40c292c);
    expect(fnv1a32("foobar")).toBe(0xbf9cf968);
  });

  it("getBucketRanges reports each invalid input it replaces", () => {
    const warnings: string[] = [];
    const warn = (m: string): void => {
      warnings.push(m);
    };
    getBucketRanges(2, -0.2, null, warn);
    getBucketRanges(2, 1.5, null, warn);
    getBucketRanges(2, 1, [0.4, 0.1], warn);
    getBucketRanges(4, 1, [0.4, 0.4, 0.2], warn);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/coverage must be greater than or equal to 0/);
    expect(warnings[2]).toMatch(/weights must add up to 1/);
    expect(warnings[3]).toMatch(/3 entries for 4 variations/);
    expect(getBucketRanges(2, 1, [0.5, 0.5], warn)).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
    expect(warnings).toHaveLength(4);
  });

  it("getBucketRanges defaults coverage to 1 and weights to equal", () => {
    expect(getBucketRanges(2, undefined)).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
  });

  it("v2 hashes have 4 decimals, v1 hashes 3", () => {
    for (let i = 0; i < 200; i++) {
      const v2 = hash("s", `u${i}`, 2)!;
      const v1 = hash("s", `u${i}`, 1)!;
      expect(Math.round(v2 * 10000) / 10000).toBe(v2);
      expect(Math.round(v1 * 1000) / 1000).toBe(v1);
      expect(v2).toBeGreaterThanOrEqual(0);
      expect(v2).toBeLessThan(1);
    }
  });

  it("hashes UTF-16 code units like GrowthBook", () => {
    expect(hash("", "é", 1)).toBe((fnv1a32("é") % 1000) / 1000);
    expect(fnv1a32("😀")).toBe(fnv1a32("\ud83d\ude00"));
  });
});
