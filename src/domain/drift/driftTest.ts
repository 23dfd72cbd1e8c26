// One drift check on two samples: which test runs (Evidently's choice for 'auto'), its statistic
// and p-value, the verdict against the threshold, and the bins that moved most. Pure.

import { binSamples, distinctCount, distinctValueBins, shares, type Binned, type DriftSample } from './binning.js';
import { ksTwoSample } from './ks.js';
import { chiSquare, welchTTest } from './pValueTests.js';
import { jensenShannon, normedWasserstein, psi } from './statistics.js';

export const DRIFT_TESTS = ['ks', 'psi', 'chi2', 'jensenshannon', 'wasserstein', 'mean_shift'] as const;
export type DriftTestName = (typeof DRIFT_TESTS)[number];
export type DriftTestChoice = DriftTestName | 'auto';

/** Tests whose decision value is a p-value (breach when p <= threshold); the others breach when the statistic >= threshold. */
export const P_VALUE_TESTS: ReadonlySet<DriftTestName> = new Set(['ks', 'chi2', 'mean_shift']);

/** Evidently's default thresholds. */
export const DEFAULT_THRESHOLDS: Record<DriftTestName, number> = { ks: 0.05, chi2: 0.05, mean_shift: 0.05, psi: 0.1, jensenshannon: 0.1, wasserstein: 0.1 };

/** Tests that need numbers; the others take labels as well. */
export const NUMERIC_ONLY_TESTS: ReadonlySet<DriftTestName> = new Set(['ks', 'wasserstein', 'mean_shift']);

/** Readers' names for each test, for Slack and charts. */
export const TEST_TITLES: Record<DriftTestName, string> = {
  ks: 'two-sample Kolmogorov-Smirnov',
  psi: 'Population Stability Index',
  chi2: 'chi-square',
  jensenshannon: 'Jensen-Shannon distance',
  wasserstein: 'Wasserstein distance (normed)',
  mean_shift: "Welch's t-test of the means",
};

/** PSI's reading bands: below 0.1 stable, 0.1 to 0.25 moderate, above 0.25 significant. */
export function psiBand(value: number): 'stable' | 'moderate' | 'significant' {
  if (value < 0.1) return 'stable';
  return value <= 0.25 ? 'moderate' : 'significant';
}

/** Evidently's 'auto': up to 1,000 reference values, KS for numbers with more than 5 distinct values, else chi-square; more, Wasserstein for numbers, else Jensen-Shannon. */
export function pickTest(reference: DriftSample): DriftTestName {
  const numeric = reference.kind === 'numeric';
  if (reference.values.length <= 1000) return numeric && distinctCount(reference.values) > 5 ? 'ks' : 'chi2';
  return numeric ? 'wasserstein' : 'jensenshannon';
}

export interface MovedBin {
  label: string;
  referenceShare: number;
  currentShare: number;
}

export interface DriftVerdict {
  test: DriftTestName;
  /** Infinite for chi-square when the current sample has a category the reference lacks. */
  statistic: number;
  pValue: number | null;
  /** p for p-value tests, the statistic otherwise: what is compared with the threshold. */
  decisionValue: number;
  threshold: number;
  breached: boolean;
  /** n, the reference size, and m, the current size. */
  n: number;
  m: number;
  /** Current categories the reference never had. */
  unseen: string[];
  /** Every bin with both shares (no zero fill), for the chart. */
  bins: MovedBin[];
  ranges: boolean;
}

export class DriftTestError extends Error {}

const sortedCopy = (values: Float64Array): Float64Array => Float64Array.from(values).sort();

function run(test: DriftTestName, reference: DriftSample, current: DriftSample, binned: Binned): { statistic: number; pValue: number | null } {
  if (NUMERIC_ONLY_TESTS.has(test)) {
    if (reference.kind !== 'numeric' || current.kind !== 'numeric') throw new DriftTestError(`${test} needs numeric values in both samples`);
    const ref = sortedCopy(reference.values);
    const cur = sortedCopy(current.values);
    if (test === 'ks') {
      const ks = ksTwoSample(ref, cur);
      return { statistic: ks.statistic, pValue: ks.pValue };
    }
    if (test === 'wasserstein') return { statistic: normedWasserstein(ref, cur), pValue: null };
    return welchTTest(reference.values, current.values);
  }
  if (test === 'chi2') return chiSquare(binned.ranges ? distinctValueBins(reference, current) : binned.bins, binned.referenceTotal, binned.currentTotal);
  if (test === 'psi') return { statistic: psi(binned), pValue: null };
  return { statistic: jensenShannon(binned), pValue: null };
}

/** Run `choice` on the two samples (both non-empty, of the same kind) and judge it against `threshold` (the test's default when absent). */
export function driftVerdict(reference: DriftSample, current: DriftSample, choice: DriftTestChoice, threshold?: number): DriftVerdict {
  if (reference.kind !== current.kind) throw new DriftTestError(`the reference holds ${reference.kind} values and the current window ${current.kind} ones`);
  const test = choice === 'auto' ? pickTest(reference) : choice;
  const binned = binSamples(reference, current);
  const { statistic, pValue } = run(test, reference, current, binned);
  const limit = threshold ?? DEFAULT_THRESHOLDS[test];
  const decisionValue = pValue ?? statistic;
  const breached = pValue !== null ? pValue <= limit : statistic >= limit;
  const refShares = shares(binned.bins.map((b) => b.referenceCount), binned.referenceTotal, false);
  const curShares = shares(binned.bins.map((b) => b.currentCount), binned.currentTotal, false);
  return {
    test,
    statistic,
    pValue,
    decisionValue,
    threshold: limit,
    breached,
    n: reference.values.length,
    m: current.values.length,
    unseen: binned.ranges ? [] : binned.bins.filter((b) => b.referenceCount === 0).map((b) => b.label),
    bins: binned.bins.map((b, i) => ({ label: b.label, referenceShare: refShares[i]!, currentShare: curShares[i]! })),
    ranges: binned.ranges,
  };
}

/** The bins whose share changed most (absolute change, reference share vs current share), largest first. */
export function mostMovedBins(bins: readonly MovedBin[], count: number): MovedBin[] {
  return [...bins]
    .filter((b) => b.referenceShare !== b.currentShare)
    .sort((a, b) => Math.abs(b.currentShare - b.referenceShare) - Math.abs(a.currentShare - a.referenceShare))
    .slice(0, count);
}
