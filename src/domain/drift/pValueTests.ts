// The drift tests that give a p-value besides KS, as Evidently calls scipy for them.

import type { Bin } from './binning.js';
import { numpyMean, numpySum } from './numpySum.js';
import { chiSquareSf, studentTwoSidedP } from './specialFunctions.js';

export interface TestOutcome {
  /** null in JSON where it is infinite (a category the reference never saw). */
  statistic: number;
  pValue: number;
}

/**
 * Chi-square goodness of fit (scipy.stats.chisquare) of the current counts against the reference
 * shares scaled to the current total, over the union of categories, with k - 1 degrees of freedom.
 * A category absent from the reference expects 0: the statistic is infinite and p is 0.
 */
export function chiSquare(bins: readonly Bin[], referenceTotal: number, currentTotal: number): TestOutcome {
  const scale = currentTotal / referenceTotal;
  const terms = bins.map((bin) => {
    const expected = bin.referenceCount * scale;
    const diff = bin.currentCount - expected;
    if (expected === 0) return diff === 0 ? Number.NaN : Infinity;
    return (diff * diff) / expected;
  });
  // A category in neither sample cannot occur (bins are the union of what was seen).
  const statistic = numpySum(terms.map((t) => (Number.isNaN(t) ? 0 : t)));
  const dof = bins.length - 1;
  // One category in both samples: nothing can differ.
  if (dof <= 0) return { statistic: 0, pValue: 1 };
  return { statistic, pValue: chiSquareSf(statistic, dof) };
}

function sampleVariance(values: Float64Array, mean: number): number {
  const squares = values.map((v) => (v - mean) * (v - mean));
  return numpySum(squares) / (values.length - 1);
}

/**
 * Welch's t-test of the means (scipy.stats.ttest_ind(reference, current, equal_var=False)):
 * t = (mean_ref - mean_cur) / sqrt(s²_ref/n + s²_cur/m), Welch-Satterthwaite degrees of freedom,
 * two-sided. Where scipy answers NaN (both samples constant), the answer here is t = 0, p = 1 for
 * equal means and t = ±∞, p = 0 otherwise: a confidence stuck at 0.95 that was 0.80 has moved.
 */
export function welchTTest(reference: Float64Array, current: Float64Array): TestOutcome {
  const n = reference.length;
  const m = current.length;
  const refMean = numpyMean(reference);
  const curMean = numpyMean(current);
  const refVarN = sampleVariance(reference, refMean) / n;
  const curVarN = sampleVariance(current, curMean) / m;
  const se2 = refVarN + curVarN;
  const diff = refMean - curMean;
  if (!(se2 > 0)) return diff === 0 ? { statistic: 0, pValue: 1 } : { statistic: diff > 0 ? Infinity : -Infinity, pValue: 0 };
  // Variances so small that their squares underflow give 0/0 here; scipy takes 1 degree of freedom then.
  const ratio = (se2 * se2) / ((refVarN * refVarN) / (n - 1) + (curVarN * curVarN) / (m - 1));
  const dof = Number.isNaN(ratio) ? 1 : ratio;
  const t = diff / Math.sqrt(se2);
  return { statistic: t, pValue: studentTwoSidedP(t, dof) };
}
