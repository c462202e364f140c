import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreOne } from "./score-one.js";
import {
  jaroSimilarity,
  jaroWinklerSimilarity,
  levenshteinSimilarity,
  SIMILARITY_METHODS,
  similarity,
  tokenF1,
  tokens,
} from "./similarity.js";

const MEASURES = { levenshteinSimilarity, jaroSimilarity, jaroWinklerSimilarity, tokenF1 };
const text = fc.string({ unit: "grapheme", maxLength: 30 });
const near = fc.string({ unit: fc.constantFrom("a", "b", "c", " ", "."), maxLength: 12 });

describe("similarity measures: reference values", () => {
  it("levenshtein: 1 - distance / longer length", () => {
    expect(levenshteinSimilarity("kitten", "sitting")).toBeCloseTo(1 - 3 / 7, 12);
    expect(levenshteinSimilarity("", "")).toBe(1);
    expect(levenshteinSimilarity("abc", "")).toBe(0);
    expect(levenshteinSimilarity("😀a", "😀b")).toBe(0.5);
  });

  it("jaro and jaro-winkler (Winkler 1990 examples)", () => {
    expect(jaroSimilarity("MARTHA", "MARHTA")).toBeCloseTo(0.9444, 4);
    expect(jaroWinklerSimilarity("MARTHA", "MARHTA")).toBeCloseTo(0.9611, 4);
    expect(jaroWinklerSimilarity("DWAYNE", "DUANE")).toBeCloseTo(0.84, 4);
    expect(jaroWinklerSimilarity("DIXON", "DICKSONX")).toBeCloseTo(0.8133, 4);
    expect(jaroWinklerSimilarity("abc", "xyz")).toBe(0);
  });

  it("token F1 (SQuAD style): bag-of-words precision and recall", () => {
    expect(tokenF1("the cat sat", "the cat")).toBeCloseTo(0.8, 12);
    expect(tokenF1("a a b", "a b b")).toBeCloseTo(2 / 3, 12);
    expect(tokens("Hello, world! (twice)")).toEqual(["Hello", "world", "twice"]);
    expect(tokenF1("...", "")).toBe(1);
    expect(tokenF1("x", "")).toBe(0);
  });
});

describe("similarity measures: properties", () => {
  for (const [name, f] of Object.entries(MEASURES)) {
    it(`${name} is in [0, 1], 1 for equal strings, and symmetric`, () => {
      fc.assert(
        fc.property(fc.oneof(text, near), fc.oneof(text, near), (a, b) => {
          const v = f(a, b);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          expect(f(a, a)).toBe(1);
          expect(f(b, a)).toBeCloseTo(v, 12);
        }),
        { numRuns: 400 },
      );
    });
  }
});

describe("similarity scorer", () => {
  it("is named similarity:<method>, levenshtein by default", () => {
    expect(similarity().name).toBe("similarity:levenshtein");
    expect(SIMILARITY_METHODS.map((method) => similarity({ method }).name)).toEqual([
      "similarity:levenshtein",
      "similarity:jaro-winkler",
      "similarity:token-f1",
    ]);
  });

  it("scores in [0, 1], the best over alternatives; token-f1 ignores case by default", async () => {
    expect((await scoreOne(similarity(), "kitten", "sitting", null)).score).toBeCloseTo(4 / 7, 12);
    expect((await scoreOne(similarity(), "kitten", ["sitting", "kitten"], null)).score).toBe(1);
    expect((await scoreOne(similarity({ method: "token-f1" }), "The Cat", "the cat", null)).score).toBe(1);
    const cs = similarity({ method: "token-f1", caseSensitive: true });
    expect((await scoreOne(cs, "The Cat", "the cat", null)).score).toBe(0);
  });

  it("with a threshold, gives pass/fail and keeps the similarity in details", async () => {
    const r = await scoreOne(similarity({ threshold: 0.5 }), "kitten", "sitting", null);
    expect(r.score).toBe(1);
    expect(r.details?.similarity).toBeCloseTo(4 / 7, 12);
    expect((await scoreOne(similarity({ threshold: 0.9 }), "kitten", "sitting", null)).score).toBe(0);
  });

  it("refuses an unknown method or a bad threshold", () => {
    expect(() => similarity({ method: "cosine" as "levenshtein" })).toThrow(
      "Invalid similarity() method: expected one of levenshtein, jaro-winkler, token-f1, got cosine.",
    );
    expect(() => similarity({ threshold: 2 })).toThrow(/threshold/);
  });
});
