// How far a current sample has moved from its reference: the two numbers a data scientist reads
// first. Pure; simple-statistics does the moments, the two-sample Kolmogorov-Smirnov test is here
// because simple-statistics has only the one-sample form.

import { mean, standardDeviation } from 'simple-statistics';

export interface DistributionShift {
  referenceN: number;
  currentN: number;
  referenceMean: number;
  currentMean: number;
  /** The mean's move in reference standard deviations (the population SD of the reference). */
  meanShiftSd: number | undefined;
  /** The largest gap between the two empirical CDFs (0..1). */
  ks: number;
  /** Asymptotic p-value of the KS statistic (Kolmogorov distribution). */
  pValue: number;
}

/** D = max |F_ref(x) - F_cur(x)| over the pooled values. */
export function ksStatistic(reference: readonly number[], current: readonly number[]): number {
  const a = [...reference].sort((x, y) => x - y);
  const b = [...current].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i]! <= x) i++;
    while (j < b.length && b[j]! <= x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/** Q_KS(λ) = 2 Σ (-1)^(k-1) e^(-2 k² λ²), with Stephens' small-sample correction of λ. */
export function ksPValue(d: number, n: number, m: number): number {
  const ne = (n * m) / (n + m);
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
  if (lambda < 1e-3) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-10) break;
  }
  return Math.min(1, Math.max(0, sum));
}

/** The shift of `current` from `reference`; both need at least two finite values. */
export function distributionShift(reference: readonly number[], current: readonly number[]): DistributionShift | undefined {
  const ref = reference.filter(Number.isFinite);
  const cur = current.filter(Number.isFinite);
  if (ref.length < 2 || cur.length < 2) return undefined;
  const sd = standardDeviation(ref);
  const ks = ksStatistic(ref, cur);
  return {
    referenceN: ref.length,
    currentN: cur.length,
    referenceMean: mean(ref),
    currentMean: mean(cur),
    meanShiftSd: sd > 0 ? (mean(cur) - mean(ref)) / sd : undefined,
    ks,
    pValue: ksPValue(ks, ref.length, cur.length),
  };
}
