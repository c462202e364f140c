/**
 * Seeded samplers on top of Xoshiro128: standard normal (Marsaglia's polar method, both values used),
 * gamma (Marsaglia & Tsang 2000, "A simple method for generating gamma variables", ACM TOMS
 * 26:363-372) and beta (X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b)).
 */
import { InvalidArgumentError } from "../../core/errors/invalid-argument-error.js";
import type { Xoshiro128 } from "../../stats/rng.js";

/** Draws from one Xoshiro128 stream; the same seed gives the same draws. */
export class Sampler {
  private spare = Number.NaN;

  constructor(readonly rng: Xoshiro128) {}

  /** A uniform number in (0, 1): never exactly 0, so logarithms stay finite. */
  uniform(): number {
    return (this.rng.nextUint32() + 0.5) / 4294967296;
  }

  /** A standard normal draw. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** A Gamma(shape, 1) draw (divide by a rate for Gamma(shape, rate)); shape < 1 by Gamma(a + 1)·U^(1/a). */
  gamma(shape: number): number {
    if (!(shape > 0) || !Number.isFinite(shape)) {
      throw new InvalidArgumentError("shape", `expected a finite number > 0, got ${String(shape)}`);
    }
    if (shape < 1) return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** A Beta(a, b) draw. */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    return x / (x + this.gamma(b));
  }
}
