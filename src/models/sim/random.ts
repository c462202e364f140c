/** Deterministic hashing and seeded random numbers for the simulated model (no Math.random anywhere). */

/** A 32-bit hash of a string (FNV-1a, then mixed). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix(h) >>> 0;
}

/** A deterministic number in [0, 1) from a tuple of integers (seed, ids, sample index, salt, …). */
export function unit(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) h = mix(h ^ mix(Math.imul((p | 0) + 0x632be5ab, 0x85ebca6b)));
  return (mix(h) >>> 0) / 4294967296;
}

function mix(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h;
}

/** A seeded pseudo-random generator (mulberry32): numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over a generator: integers, picks, jitter. */
export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A number in [-size, size], rounded to 2 decimals. */
  jitter(size: number): number;
}

export function rng(seed: number): Rng {
  const next = prng(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    jitter: (size) => Math.round((next() * 2 - 1) * size * 100) / 100,
  };
}

/** The logistic function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
