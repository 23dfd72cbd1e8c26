// Every drift statistic against scipy on fixed samples (test/fixtures/drift/: the samples, the
// numbers scipy and numpy gave for them, and make_expected.py that made both). Statistics must
// agree within 1e-9 relative, p-values within 1e-6 relative, tiny ones included.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { driftVerdict, type DriftTestName } from '../../src/domain/drift/driftTest.js';
import type { DriftSample } from '../../src/domain/drift/binning.js';
import { kolmogorovSf } from '../../src/domain/drift/kolmogorovN.js';
import { smirnovSf } from '../../src/domain/drift/smirnov.js';
import { chiSquareSf, studentTwoSidedP } from '../../src/domain/drift/specialFunctions.js';

const FOLDER = path.resolve(import.meta.dirname, '../fixtures/drift');
const read = <T>(name: string): T => JSON.parse(readFileSync(path.join(FOLDER, name), 'utf8')) as T;

interface Pair<T> {
  reference: T[];
  current: T[];
}
interface WithP {
  statistic: number | null;
  pValue: number;
}
const samples = read<{ numeric: Record<string, Pair<number>>; categorical: Record<string, Pair<string>> }>('samples.json');
const expected = read<{
  numeric: Record<string, { ks: WithP; psi: number; jensenshannon: number; wasserstein: number; mean_shift: WithP; chi2: WithP }>;
  categorical: Record<string, { psi: number; jensenshannon: number; chi2: WithP }>;
  kstwo_sf: [number, number, number][];
  smirnov_sf: [number, number, number][];
  chi2_sf: [number, number, number][];
  t_two_sided: [number, number, number][];
}>('expected.json');

const STATISTIC_TOLERANCE = 1e-9;
const P_TOLERANCE = 1e-6;
const worst = { statistic: { error: 0, where: '' }, pValue: { error: 0, where: '' } };

function relativeError(got: number, want: number): number {
  if (got === want) return 0;
  return Math.abs(got - want) / Math.abs(want);
}

function expectClose(kind: 'statistic' | 'pValue', got: number | null, want: number | null, where: string): void {
  if (want === null || got === null || !Number.isFinite(want)) {
    expect(got === null || !Number.isFinite(got) ? null : got, where).toBe(want === null || !Number.isFinite(want) ? null : want);
    return;
  }
  const error = relativeError(got, want);
  if (error > worst[kind].error) worst[kind] = { error, where };
  expect(error, `${where}: got ${got}, scipy ${want}`).toBeLessThanOrEqual(kind === 'statistic' ? STATISTIC_TOLERANCE : P_TOLERANCE);
}

const numeric = (values: number[]): DriftSample => ({ kind: 'numeric', values: Float64Array.from(values) });
const labels = (values: string[]): DriftSample => ({ kind: 'categorical', values });

afterAll(() => {
  // The closing note of issue 16 quotes these.
  console.log(`largest relative error against scipy: statistic ${worst.statistic.error.toExponential(2)} (${worst.statistic.where}), p-value ${worst.pValue.error.toExponential(2)} (${worst.pValue.where})`);
});

describe('numeric features against scipy', () => {
  for (const [name, pair] of Object.entries(samples.numeric)) {
    it(name, () => {
      const want = expected.numeric[name]!;
      const ref = numeric(pair.reference);
      const cur = numeric(pair.current);
      const verdict = (test: DriftTestName) => driftVerdict(ref, cur, test);
      const ks = verdict('ks');
      expectClose('statistic', ks.statistic, want.ks.statistic, `${name} ks D`);
      expectClose('pValue', ks.pValue, want.ks.pValue, `${name} ks p`);
      expectClose('statistic', verdict('psi').statistic, want.psi, `${name} psi`);
      expectClose('statistic', verdict('jensenshannon').statistic, want.jensenshannon, `${name} jensenshannon`);
      expectClose('statistic', verdict('wasserstein').statistic, want.wasserstein, `${name} wasserstein`);
      const welch = verdict('mean_shift');
      expectClose('statistic', welch.statistic, want.mean_shift.statistic, `${name} t`);
      expectClose('pValue', welch.pValue, want.mean_shift.pValue, `${name} t p`);
      const chi2 = verdict('chi2');
      expectClose('statistic', chi2.statistic, want.chi2.statistic, `${name} chi2`);
      expectClose('pValue', chi2.pValue, want.chi2.pValue, `${name} chi2 p`);
    });
  }
});

describe('labels against scipy', () => {
  for (const [name, pair] of Object.entries(samples.categorical)) {
    it(name, () => {
      const want = expected.categorical[name]!;
      const ref = labels(pair.reference);
      const cur = labels(pair.current);
      expectClose('statistic', driftVerdict(ref, cur, 'psi').statistic, want.psi, `${name} psi`);
      expectClose('statistic', driftVerdict(ref, cur, 'jensenshannon').statistic, want.jensenshannon, `${name} jensenshannon`);
      const chi2 = driftVerdict(ref, cur, 'chi2');
      expectClose('statistic', chi2.statistic, want.chi2.statistic, `${name} chi2`);
      expectClose('pValue', chi2.pValue, want.chi2.pValue, `${name} chi2 p`);
    });
  }

  it('names the categories the reference never had, and chi-square breaches on them with p = 0', () => {
    const pair = samples.categorical['labels_unseen']!;
    const verdict = driftVerdict(labels(pair.reference), labels(pair.current), 'chi2');
    expect(verdict.unseen).toEqual(['platinum']);
    expect(verdict.statistic).toBe(Infinity);
    expect(verdict.pValue).toBe(0);
    expect(verdict.breached).toBe(true);
  });
});

describe('the distributions behind the p-values, over every branch scipy takes', () => {
  it('kstwo.sf: Ruben-Gambino, Durbin matrix, Pomeranz, Pelz-Good and 2·smirnov', () => {
    for (const [n, x, want] of expected.kstwo_sf) expectClose('pValue', kolmogorovSf(n, x), want, `kstwo.sf(${x}, ${n})`);
  });
  it('smirnov (one-sided)', () => {
    for (const [n, x, want] of expected.smirnov_sf) expectClose('pValue', smirnovSf(n, x), want, `smirnov(${n}, ${x})`);
  });
  it('chi2.sf, tails beyond 1e-300 included', () => {
    for (const [x, dof, want] of expected.chi2_sf) expectClose('pValue', chiSquareSf(x, dof), want, `chi2.sf(${x}, ${dof})`);
  });
  it("Student's t, two-sided", () => {
    for (const [t, dof, want] of expected.t_two_sided) expectClose('pValue', studentTwoSidedP(t, dof), want, `t(${t}, ${dof})`);
  });
});
