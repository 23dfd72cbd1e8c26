import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DriftSample } from '../../src/domain/drift/binning.js';
import { driftVerdict, DRIFT_TESTS, type DriftTestName } from '../../src/domain/drift/driftTest.js';
import { ksTwoSample } from '../../src/domain/drift/ks.js';

// Properties of the drift statistics that must hold for any samples (issue 16): identical samples
// give D = 0 and PSI = 0 (and no breach); D lies in [0, 1]; every p-value in [0, 1]. Seeded:
// FC_SEED=<n> tries another seed, FC_RUNS=<n> more samples.

const SEED = Number(process.env['FC_SEED'] ?? 20261122);
const RUNS = Number(process.env['FC_RUNS'] ?? 200);
const settings = { seed: SEED, numRuns: RUNS };

// Values as models log them: a few distinct ones (ties) or many, spread or clustered, large or tiny.
const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), fc.double({ min: 0, max: 1, noNaN: true }));
const numbers = (min: number, max: number) => fc.array(value, { minLength: min, maxLength: max }).map((values) => Float64Array.from(values));
const numeric = (values: Float64Array): DriftSample => ({ kind: 'numeric', values });
const sorted = (values: Float64Array) => Float64Array.from(values).sort();
const labels = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { minLength: 2, maxLength: 300 });

describe('drift statistics, for any samples', () => {
  it('identical samples: D = 0, PSI = 0, p = 1 for KS, and no test breaches at its default', () => {
    fc.assert(
      fc.property(numbers(2, 400), (values) => {
        const ks = ksTwoSample(sorted(values), sorted(values));
        expect(ks.statistic).toBe(0);
        expect(ks.pValue).toBe(1);
        expect(driftVerdict(numeric(values), numeric(values), 'psi').statistic).toBe(0);
        expect(driftVerdict(numeric(values), numeric(values), 'jensenshannon').statistic).toBe(0);
        expect(driftVerdict(numeric(values), numeric(values), 'wasserstein').statistic).toBe(0);
        for (const test of DRIFT_TESTS) expect(driftVerdict(numeric(values), numeric(values), test).breached, test).toBe(false);
      }),
      settings,
    );
  });

  it('identical label samples: PSI = 0 and chi-square finds nothing', () => {
    fc.assert(
      fc.property(labels, (values) => {
        const sample: DriftSample = { kind: 'categorical', values };
        expect(driftVerdict(sample, sample, 'psi').statistic).toBe(0);
        expect(driftVerdict(sample, sample, 'chi2').pValue).toBe(1);
      }),
      settings,
    );
  });

  it('D lies in [0, 1] and every p-value in [0, 1], exact and asymptotic alike', () => {
    fc.assert(
      fc.property(numbers(2, 300), numbers(2, 300), (reference, current) => {
        for (const test of DRIFT_TESTS as readonly DriftTestName[]) {
          if (test === 'chi2') continue;
          const verdict = driftVerdict(numeric(reference), numeric(current), test);
          if (test === 'ks') expect(verdict.statistic).toBeGreaterThanOrEqual(0);
          if (test === 'ks') expect(verdict.statistic).toBeLessThanOrEqual(1);
          if (verdict.pValue !== null) {
            expect(verdict.pValue, test).toBeGreaterThanOrEqual(0);
            expect(verdict.pValue, test).toBeLessThanOrEqual(1);
          }
          if (test === 'psi' || test === 'jensenshannon' || test === 'wasserstein') expect(verdict.statistic, test).toBeGreaterThanOrEqual(0);
        }
      }),
      settings,
    );
  });

  it('the asymptotic KS p-value (samples over 10,000) lies in [0, 1] too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_001, max: 12_000 }), fc.integer({ min: 2, max: 3000 }), fc.double({ min: -3, max: 3, noNaN: true }), (n, m, shift) => {
        const reference = Float64Array.from({ length: n }, (_, i) => i / n);
        const current = Float64Array.from({ length: m }, (_, i) => i / m + shift);
        const ks = ksTwoSample(reference, sorted(current));
        expect(ks.method).toBe('asymptotic');
        expect(ks.statistic).toBeGreaterThanOrEqual(0);
        expect(ks.statistic).toBeLessThanOrEqual(1);
        expect(ks.pValue).toBeGreaterThanOrEqual(0);
        expect(ks.pValue).toBeLessThanOrEqual(1);
      }),
      { ...settings, numRuns: Math.min(RUNS, 60) },
    );
  });

  it('chi-square p-values lie in [0, 1] for any label samples', () => {
    fc.assert(
      fc.property(labels, labels, (reference, current) => {
        const verdict = driftVerdict({ kind: 'categorical', values: reference }, { kind: 'categorical', values: current }, 'chi2');
        expect(verdict.pValue).toBeGreaterThanOrEqual(0);
        expect(verdict.pValue).toBeLessThanOrEqual(1);
      }),
      settings,
    );
  });
});
