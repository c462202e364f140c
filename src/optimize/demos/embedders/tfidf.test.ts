import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import { tfidfEmbedder } from "./tfidf.js";

// Hand computation, scikit-learn's TfidfVectorizer formulas, n = 3 texts:
//   df: the 3, cat 2, sat 2, dog 1, ran 1
//   smooth idf = ln((1 + n) / (1 + df)) + 1: the ln(4/4) + 1 = 1, cat ln(4/3) + 1 = 1.2876820724517808,
//   dog ln(4/2) + 1 = 1.6931471805599454
//   "the cat sat", tf 1 each: (1, 1.28768, 1.28768) / sqrt(1 + 2 · 1.28768²) → cat 0.6198053799406072,
//   the 0.48133416873660545
const corpus = ["the cat sat", "the dog sat", "the cat ran"];
const words = { ngrams: [1, 1] as const };

describe("tfidfEmbedder", () => {
  it("learns an alphabetical vocabulary and the smoothed idf", () => {
    const e = tfidfEmbedder(words);
    e.fit(corpus);
    expect([...e.vocabulary.keys()]).toEqual(["w:cat", "w:dog", "w:ran", "w:sat", "w:the"]);
    expect(e.idf[0]).toBeCloseTo(1.2876820724517808, 12);
    expect(e.idf[1]).toBeCloseTo(1.6931471805599454, 12);
    expect(e.idf[4]).toBe(1);
  });

  it("gives the hand-computed, L2-normalised vectors", async () => {
    const e = tfidfEmbedder({ ...words, sublinearTf: false });
    e.fit(corpus);
    const [v] = await e.embed(["the cat sat"]);
    expect(v![0]).toBeCloseTo(0.6198053799406072, 6); // cat
    expect(v![3]).toBeCloseTo(0.6198053799406072, 6); // sat
    expect(v![4]).toBeCloseTo(0.48133416873660545, 6); // the
    expect(v![1]).toBe(0);
  });

  it("weights repeats by 1 + ln(tf) by default, by tf when sublinearTf is false", async () => {
    // "cat cat dog": cat (1 + ln 2) · 1.28768 = 2.17997, dog 1.69315 → (0.7898069, 0.6133555);
    // raw tf: cat 2 · 1.28768 = 2.57536 → (0.8355915, 0.5493512).
    const sub = tfidfEmbedder(words);
    sub.fit(corpus);
    const [s] = await sub.embed(["cat cat dog"]);
    expect([s![0]!, s![1]!].map((x) => Number(x.toFixed(6)))).toEqual([0.789807, 0.613356]);
    const raw = tfidfEmbedder({ ...words, sublinearTf: false });
    raw.fit(corpus);
    const [r] = await raw.embed(["cat cat dog"]);
    expect([r![0]!, r![1]!].map((x) => Number(x.toFixed(6)))).toEqual([0.835592, 0.549351]);
  });

  it("uses ln(n / df) + 1 without smoothing", () => {
    const e = tfidfEmbedder({ ...words, smoothIdf: false });
    e.fit(corpus);
    expect(e.idf[0]).toBeCloseTo(Math.log(3 / 2) + 1, 12);
    expect(e.idf[1]).toBeCloseTo(Math.log(3) + 1, 12);
  });

  it("drops rare features (minDf) and keeps the most frequent (maxFeatures, ties alphabetical)", () => {
    const rare = tfidfEmbedder({ ...words, minDf: 2 });
    rare.fit(corpus);
    expect([...rare.vocabulary.keys()]).toEqual(["w:cat", "w:sat", "w:the"]);
    const top = tfidfEmbedder({ ...words, maxFeatures: 2 });
    top.fit(corpus);
    expect([...top.vocabulary.keys()]).toEqual(["w:cat", "w:the"]);
  });

  it("fits on the texts of the first embed when never fitted, and keeps that vocabulary", async () => {
    const e = tfidfEmbedder(words);
    const vectors = await e.embed(corpus);
    expect(e.vocabulary.size).toBe(5);
    expect(vectors[0]![0]).toBeCloseTo(0.6198, 3);
    const [unknown] = await e.embed(["zebra yak"]);
    expect(e.vocabulary.size).toBe(5);
    expect([...unknown!].every((x) => x === 0)).toBe(true);
  });

  it("counts word pairs with ngrams [1, 2] and char n-grams within words", () => {
    const pairs = tfidfEmbedder();
    pairs.fit(["the cat sat"]);
    expect([...pairs.vocabulary.keys()]).toEqual(["w:cat", "w:cat sat", "w:sat", "w:the", "w:the cat"]);
    const chars = tfidfEmbedder({ ngrams: false, charNgrams: [3, 3] });
    chars.fit(["Cat"]);
    expect([...chars.vocabulary.keys()]).toEqual(["c: ca", "c:at ", "c:cat"]);
  });

  it("keeps one zero slot when minDf empties the vocabulary", async () => {
    const e = tfidfEmbedder({ ...words, minDf: 5 });
    e.fit(corpus);
    expect([...(await e.embed(["the cat"]))[0]!]).toEqual([0]);
  });

  it("rejects bad options", () => {
    expect(() => tfidfEmbedder({ minDf: 0 })).toThrow(InvalidArgumentError);
    expect(() => tfidfEmbedder({ maxFeatures: 1.5 })).toThrow(/maxFeatures/);
    expect(() => tfidfEmbedder({ ngrams: [2, 1] })).toThrow(/ngrams/);
    expect(() => tfidfEmbedder({ ngrams: false })).toThrow(/no features/);
  });
});
