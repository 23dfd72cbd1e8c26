// The two-sample Kolmogorov-Smirnov test as scipy.stats.ks_2samp computes it with its defaults
// (two-sided, method 'auto'), which is what Evidently reports: D is the largest gap between the
// two right-continuous empirical CDFs over the pooled values; the p-value is exact when both
// samples have at most 10,000 values (D rounded onto the 1/lcm(n, m) grid the exact distribution
// lives on, and reported so), else kstwo.sf(D, round(n·m/(n+m))).

import { kolmogorovSf } from './kolmogorovN.js';
import { probOutsideBand, probOutsideSquare } from './ksExact.js';

/** Largest sample size for which 'auto' counts paths exactly (scipy's MAX_AUTO_N). */
export const KS_EXACT_MAX_N = 10_000;

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * D = max over the pooled values of |F_ref(x) - F_cur(x)|, each F the share of its sample at or
 * below x; both arrays sorted ascending. The difference at each value is i/n - j/m, in that order,
 * so the float is scipy's own.
 */
export function ksStatistic(reference: Float64Array, current: Float64Array): number {
  const n = reference.length;
  const m = current.length;
  let i = 0;
  let j = 0;
  let max = -Infinity;
  let min = Infinity;
  while (i < n || j < m) {
    const x = j >= m || (i < n && reference[i]! <= current[j]!) ? reference[i]! : current[j]!;
    while (i < n && reference[i]! <= x) i++;
    while (j < m && current[j]! <= x) j++;
    const diff = i / n - j / m;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
  }
  const below = Math.min(1, Math.max(0, -min));
  return below > max ? below : max;
}

function exactPValue(n: number, m: number, d: number): { statistic: number; pValue: number } | undefined {
  const g = gcd(n, m);
  const lcm = (n / g) * m;
  const h = roundHalfEven(d * lcm);
  const statistic = h / lcm;
  if (h === 0) return { statistic, pValue: 1 };
  const p = n === m ? probOutsideSquare(n, h) : probOutsideBand(n, m, g, h);
  // Like scipy, fall back to the asymptotic distribution when the count broke down.
  if (!Number.isFinite(p) || p < 0 || p > 1) return undefined;
  return { statistic, pValue: p };
}

/** Both samples sorted ascending and non-empty. */
export function ksTwoSample(reference: Float64Array, current: Float64Array): KsResult {
  const n = reference.length;
  const m = current.length;
  let d = ksStatistic(reference, current);
  if (Math.max(n, m) <= KS_EXACT_MAX_N) {
    const exact = exactPValue(n, m, d);
    if (exact) return { statistic: exact.statistic, pValue: exact.pValue, method: 'exact' };
    const lcm = (n / gcd(n, m)) * m;
    d = roundHalfEven(d * lcm) / lcm;
  }
  const [larger, smaller] = n >= m ? [n, m] : [m, n];
  const effectiveN = (larger * smaller) / (larger + smaller);
  return { statistic: d, pValue: Math.min(1, Math.max(0, kolmogorovSf(roundHalfEven(effectiveN), d))), method: 'asymptotic' };
}

/** numpy's round: halves to the even neighbour (n·m/(n+m) can be exactly k + 1/2). */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
