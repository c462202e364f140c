/**
 * CUPED (A. Deng, Y. Xu, R. Kohavi & T. Walker 2013, "Improving the sensitivity of online controlled
 * experiments by utilizing pre-experiment data", WSDM): Y' = Y − θ (X − x̄) with θ = cov(X, Y) / var(X)
 * pooled over all variants. The mean difference stays unbiased (X is fixed before the experiment, so
 * it is independent of the assignment) and its variance shrinks by the factor 1 − ρ².
 */
export interface CupedFit {
  theta: number;
  /** 1 − var(Y') / var(Y), pooled (0 when there is nothing to adjust). */
  varianceReduction: number;
  adjusted: Float64Array[];
}

/** ys[g] and xs[g] are the outcome and covariate of the units of group g, in the same order. */
export function cuped(ys: readonly Float64Array[], xs: readonly Float64Array[]): CupedFit {
  let n = 0;
  let sx = 0;
  let sy = 0;
  ys.forEach((y, g) => {
    const x = xs[g]!;
    for (let i = 0; i < y.length; i++) {
      sx += x[i]!;
      sy += y[i]!;
    }
    n += y.length;
  });
  const mx = n > 0 ? sx / n : 0;
  const my = n > 0 ? sy / n : 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  ys.forEach((y, g) => {
    const x = xs[g]!;
    for (let i = 0; i < y.length; i++) {
      const dx = x[i]! - mx;
      const dy = y[i]! - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
  });
  const theta = sxx > 0 ? sxy / sxx : 0;
  const adjusted = ys.map((y, g) => {
    const x = xs[g]!;
    const out = new Float64Array(y.length);
    for (let i = 0; i < y.length; i++) out[i] = y[i]! - theta * (x[i]! - mx);
    return out;
  });
  const varianceReduction = syy > 0 && sxx > 0 ? (sxy * sxy) / (sxx * syy) : 0;
  return { theta, varianceReduction, adjusted };
}
