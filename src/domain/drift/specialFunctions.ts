// The two tail probabilities the tests with a p-value need, from stdlib's ports of Boost's
// incomplete gamma and beta functions (accurate to a few ulps, upper tails computed directly).
//
// One exception, measured against scipy and mpmath: for x > 1000 stdlib's incomplete gamma takes
// an asymptotic series that loses three digits when the shape a is large too (Q(500, 1500) =
// 1.64368e-198 comes out 1.64533e-198). Such a chi-square statistic (above 2,000) with hundreds of
// categories is rare but possible, so there Q is computed from Legendre's continued fraction in
// logarithms (Numerical Recipes §6.2, modified Lentz), which converges fast for x > a + 1.

import { createRequire } from 'node:module';
import type gammaincFn from '@stdlib/math-base-special-gammainc';
import type gammalnFn from '@stdlib/math-base-special-gammaln';
import type betaincFn from '@stdlib/math-base-special-betainc';

// Loaded at the first p-value, not at import: stdlib is a few hundred small modules (about 0.15 s
// of a start) and only a drift check or a review's sample comparison needs them.
const require = createRequire(import.meta.url);
let stdlib: { gammainc: typeof gammaincFn; gammaln: typeof gammalnFn; betainc: typeof betaincFn } | undefined;
function special(): NonNullable<typeof stdlib> {
  stdlib ??= {
    gammainc: require('@stdlib/math-base-special-gammainc') as typeof gammaincFn,
    gammaln: require('@stdlib/math-base-special-gammaln') as typeof gammalnFn,
    betainc: require('@stdlib/math-base-special-betainc') as typeof betaincFn,
  };
  return stdlib;
}

const TINY = 1e-300;
const EPSILON = 2.220446049250313e-16;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Q(a, x) for x > a + 1 by the continued fraction, prefix in logs. */
function upperGammaByFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - special().gammaln(a) + Math.log(h));
}

/** P(X >= x) for X ~ chi-square with `dof` degrees of freedom: scipy.stats.chi2.sf. */
export function chiSquareSf(x: number, dof: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Infinity) return 0;
  if (x <= 0) return 1;
  const a = dof / 2;
  const half = x / 2;
  const q = half > 1000 && half > a + 1 ? upperGammaByFraction(a, half) : special().gammainc(half, a, true, true);
  // Below the smallest normal float scipy's incomplete gamma has underflowed to 0; so does this.
  return q < MIN_NORMAL ? 0 : q;
}

/** Two-sided p-value of Student's t with `dof` degrees of freedom: 2 · scipy.stats.t.sf(|t|, dof). */
export function studentTwoSidedP(t: number, dof: number): number {
  if (Number.isNaN(t) || Number.isNaN(dof)) return Number.NaN;
  if (!Number.isFinite(t)) return 0;
  // 2 · P(T >= |t|) = I_{dof/(dof+t²)}(dof/2, 1/2), the regularized incomplete beta.
  return special().betainc(dof / (dof + t * t), dof / 2, 0.5, true, false);
}
