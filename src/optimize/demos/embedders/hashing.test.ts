import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../../../core/errors/invalid-argument-error.js";
import { cosine } from "./embedder.js";
import { hashingEmbedder } from "./hashing.js";
import { murmurHash3 } from "./murmur.js";

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe("murmurHash3", () => {
  it("matches the reference MurmurHash3_x86_32 test vectors", () => {
    expect(murmurHash3("", 0)).toBe(0);
    expect(murmurHash3("", 1)).toBe(0x514e28b7);
    expect(murmurHash3("", 0xffffffff)).toBe(0x81f16f39);
    expect(murmurHash3("\0\0\0\0", 0)).toBe(0x2362f9de);
    expect(murmurHash3("a", 0x9747b28c)).toBe(0x7fa09ea6);
    expect(murmurHash3("aa", 0x9747b28c)).toBe(0x5d211726);
    expect(murmurHash3("aaa", 0x9747b28c)).toBe(0x283e0130);
    expect(murmurHash3("aaaa", 0x9747b28c)).toBe(0x5a97808a);
    expect(murmurHash3("Hello, world!", 0x9747b28c)).toBe(0x24884cba);
    expect(murmurHash3("The quick brown fox jumps over the lazy dog", 0x9747b28c)).toBe(0x2fa826cd);
  });
});

describe("hashingEmbedder", () => {
  it("gives the same vector for the same text, of unit norm, of the requested length", async () => {
    const e = hashingEmbedder({ dimensions: 256, charNgrams: [2, 4] });
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 0, maxLength: 40 }), async (text) => {
        const [a, b] = await e.embed([text, text]);
        expect(a).toHaveLength(256);
        expect([...a!]).toEqual([...b!]);
        const n = norm(a!);
        // Unit norm unless the text has no feature (then the zero vector); colliding features can cancel.
        expect(n === 0 || Math.abs(n - 1) < 1e-5).toBe(true);
        if (text.trim() !== "") expect(n).toBeCloseTo(1, 5);
      }),
    );
  });

  it("puts each feature in its hashed bucket with the hash's top bit as sign", async () => {
    const e = hashingEmbedder({ dimensions: 2 ** 16, ngrams: [1, 1] });
    const [v] = await e.embed(["good good bad"]);
    const good = murmurHash3("w:good");
    const bad = murmurHash3("w:bad");
    const sign = (h: number) => (h >>> 31 === 1 ? -1 : 1);
    expect(v![good % 2 ** 16]).toBeCloseTo((sign(good) * 2) / Math.sqrt(5), 6);
    expect(v![bad % 2 ** 16]).toBeCloseTo(sign(bad) / Math.sqrt(5), 6);
    expect([...v!].filter((x) => x !== 0)).toHaveLength(2);
  });

  it("weights repeats by 1 + ln(count) with sublinearTf", async () => {
    const e = hashingEmbedder({ dimensions: 2 ** 16, ngrams: [1, 1], sublinearTf: true });
    const [v] = await e.embed(["good good bad"]);
    const w = 1 + Math.log(2);
    expect(Math.abs(v![murmurHash3("w:good") % 2 ** 16]!)).toBeCloseTo(w / Math.sqrt(w * w + 1), 6);
  });

  it("puts similar texts closer than unrelated ones", async () => {
    const e = hashingEmbedder();
    const [a, b, c] = await e.embed([
      "The battery life of this phone is excellent",
      "Excellent battery life on this phone",
      "The soup was cold and the waiter rude",
    ]);
    expect(cosine(a!, b!)).toBeGreaterThan(0.4);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!) + 0.2);
  });

  it("lowercases by default, and a seed changes the buckets", async () => {
    const [upper, lower] = await hashingEmbedder().embed(["Great Film", "great film"]);
    expect([...upper!]).toEqual([...lower!]);
    const [cased] = await hashingEmbedder({ lowercase: false }).embed(["Great Film"]);
    expect([...cased!]).not.toEqual([...lower!]);
    const [seeded] = await hashingEmbedder({ seed: 7 }).embed(["great film"]);
    expect([...seeded!]).not.toEqual([...lower!]);
  });

  it("gives the zero vector to a text without features, and stops when aborted", async () => {
    const e = hashingEmbedder({ dimensions: 8 });
    expect([...(await e.embed(["", "a !"]))[0]!]).toEqual(new Array(8).fill(0));
    await expect(e.embed(["x"], { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    expect(e.name).toBe("hashing(8)");
  });

  it("rejects bad options", () => {
    expect(() => hashingEmbedder({ dimensions: 0 })).toThrow(InvalidArgumentError);
    expect(() => hashingEmbedder({ dimensions: 1.5 })).toThrow(/dimensions/);
    expect(() => hashingEmbedder({ seed: 0.5 })).toThrow(/seed/);
    expect(() => hashingEmbedder({ charNgrams: [0, 2] })).toThrow(/charNgrams/);
  });
});
