// The drift statistics without a p-value, each as Evidently computes it (which is scipy's and
// numpy's arithmetic): the same sums in the same order, so the float matches a notebook's.

import { shares, type Binned } from './binning.js';
import { numpyStd, numpySum } from './numpySum.js';

/** Population Stability Index: Σ (ref - cur) · ln(ref / cur) over the bins, empty shares zero-filled. */
export function psi(binned: Binned): number {
  const ref = shares(binned.bins.map((b) => b.referenceCount), binned.referenceTotal, true);
  const cur = shares(binned.bins.map((b) => b.currentCount), binned.currentTotal, true);
  const terms = ref.map((r, i) => (r - cur[i]!) * Math.log(r / cur[i]!));
  return numpySum(terms);
}

/** scipy.special.rel_entr. */
function relativeEntropy(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

/** scipy.spatial.distance.jensenshannon of the bin shares (no zero fill), natural log. */
export function jensenShannon(binned: Binned): number {
  const refShares = shares(binned.bins.map((b) => b.referenceCount), binned.referenceTotal, false);
  const curShares = shares(binned.bins.map((b) => b.currentCount), binned.currentTotal, false);
  const refSum = numpySum(refShares);
  const curSum = numpySum(curShares);
  const p = refShares.map((x) => x / refSum);
  const q = curShares.map((x) => x / curSum);
  const m = p.map((x, i) => (x + q[i]!) / 2);
  const left = numpySum(p.map((x, i) => relativeEntropy(x, m[i]!)));
  const right = numpySum(q.map((x, i) => relativeEntropy(x, m[i]!)));
  return Math.sqrt((left + right) / 2);
}

/**
 * scipy.stats.wasserstein_distance (W1) of two sorted samples: the area between their empirical
 * CDFs, Σ |F_ref - F_cur| · Δx over the pooled sorted values.
 */
export function wasserstein(reference: Float64Array, current: Float64Array): number {
  const n = reference.length;
  const m = current.length;
  const pooled = mergeSorted(reference, current);
  const terms = new Float64Array(pooled.length - 1);
  let i = 0;
  let j = 0;
  for (let k = 0; k < terms.length; k++) {
    const x = pooled[k]!;
    // Each CDF counts its values at or below x (numpy's searchsorted 'right').
    while (i < n && reference[i]! <= x) i++;
    while (j < m && current[j]! <= x) j++;
    terms[k] = Math.abs(i / n - j / m) * (pooled[k + 1]! - x);
  }
  return numpySum(terms);
}

export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! <= b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** Evidently's normed Wasserstein: W1 / max(population std of the reference, 0.001). */
export function normedWasserstein(reference: Float64Array, current: Float64Array): number {
  return wasserstein(reference, current) / Math.max(numpyStd(reference), 0.001);
}
