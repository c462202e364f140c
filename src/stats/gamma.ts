/**
 * The continued fraction of the regularized upper incomplete gamma function Q(a, z), by the modified
 * Lentz method (Press et al., "Numerical Recipes", 3rd ed., §6.2). It converges quickly for z > a + 1;
 * the normal tail (a = ½) and the chi-square tail (a = k/2) both use it.
 */

const TINY = 1e-300;

/**
 * The fraction 1/(z+1−a− 1·(1−a)/(z+3−a− …)); Q(a, z) = e^(−z) z^a / Γ(a) times this value.
 * Stops when a step changes the value by less than `eps` (relative) or after `maxSteps`.
 */
export function upperGammaFraction(a: number, z: number, eps: number, maxSteps: number): number {
  let b = z + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < maxSteps; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < eps) break;
  }
  return h;
}
