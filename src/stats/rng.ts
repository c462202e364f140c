import { InvalidArgumentError } from "../core/errors/invalid-argument-error.js";

const MASK64 = (1n << 64n) - 1n;
const TWO_POW_32 = 4294967296;
const TWO_POW_21 = 2097152;

/** The default seed: results are reproducible unless a seed is given. */
export const DEFAULT_SEED = 0;

/** One SplitMix64 step (Steele, Lea & Flood 2014), the seeding recommended for the xoshiro family. */
function splitMix64(state: bigint): [next: bigint, output: bigint] {
  const next = (state + 0x9e3779b97f4a7c15n) & MASK64;
  let z = next;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return [next, z ^ (z >> 31n)];
}

/** Checks a seed (a safe integer, negative allowed) and names the option when it is not one. */
export function checkSeed(seed: unknown, argument = "seed"): number {
  if (typeof seed !== "number" || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError(
      argument,
      `expected a safe integer, got ${String(seed)}`,
      "Pass e.g. { seed: 42 }.",
    );
  }
  return seed;
}

/**
 * xoshiro128** 1.1 (Blackman & Vigna 2018), a small, fast generator with 128 bits of state and good
 * statistical quality, seeded from a 64-bit integer through SplitMix64. The same seed gives the same
 * stream on every platform; `src/stats/fixtures/generate.py` re-implements it to check the stream.
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number = DEFAULT_SEED) {
    checkSeed(seed);
    const [state1, first] = splitMix64(BigInt.asUintN(64, BigInt(seed)));
    const [, second] = splitMix64(state1);
    this.s0 = Number(first & 0xffffffffn) | 0;
    this.s1 = Number(first >> 32n) | 0;
    this.s2 = Number(second & 0xffffffffn) | 0;
    this.s3 = Number(second >> 32n) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next 32 random bits as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /**
   * Fills `out` with uniform integers in [0, n), n ≤ 2^21, exactly as `out.length` calls of
   * `nextBelow(n)` would, keeping the state in locals (about twice as fast in a hot loop).
   */
  fillBelow(out: Int32Array, n: number): void {
    if (n > TWO_POW_21) {
      for (let i = 0; i < out.length; i++) out[i] = this.nextBelow(n);
      return;
    }
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < out.length; i++) {
      const x = Math.imul(s1, 5);
      const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = Math.floor((result * n) / TWO_POW_32);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /**
   * A uniform integer in [0, n): `floor(u32 * n / 2^32)` (Lemire's multiply-shift without the
   * rejection step; its bias is below n / 2^32, far under any Monte Carlo error here).
   */
  nextBelow(n: number): number {
    if (n <= TWO_POW_21) return Math.floor((this.nextUint32() * n) / TWO_POW_32);
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return Math.min(n - 1, Math.floor(((hi * 67108864 + lo) / 9007199254740992) * n));
  }
}
