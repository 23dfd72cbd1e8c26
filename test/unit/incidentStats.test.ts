import { describe, expect, it } from 'vitest';
import { incidentMetrics, type KeyTimes, type MetricName, type MetricValue } from '../../src/domain/incidentMetrics.js';
import { summarizeIncidents, summarizeMetric, topFactors, type StatsIncident } from '../../src/domain/incidentStats.js';

const MINUTE = 60_000;
const min = (n: number): MetricValue => ({ ms: n * MINUTE });
const missing: MetricValue = { missing: ['resolvedAt'] };
const outOfOrder: MetricValue = { outOfOrder: 'acknowledged is before declared' };

function incident(over: Partial<StatsIncident> & { ttr?: MetricValue; tta?: MetricValue } = {}): StatsIncident {
  const metrics: Record<MetricName, MetricValue> = { ttd: min(1), tta: over.tta ?? min(2), ttm: min(3), ttr: over.ttr ?? min(4) };
  return { severity: 'SEV3', category: 'model', model: 'fraud', detectedByDetector: true, contributingFactors: [], metrics, ...over };
}

describe('summarizeMetric', () => {
  it('median and p90 of ten values, by hand: p90 sits at index (10-1)*0.9 = 8.1, between 9th and 10th', () => {
    // 3, 7, 12, 20, 25, 31, 40, 52, 60, 95 minutes (given unsorted)
    const values = [52, 3, 95, 20, 7, 60, 12, 40, 25, 31].map(min);
    const s = summarizeMetric(values);
    expect(s.n).toBe(10);
    // Median: mean of the 5th and 6th of the sorted ten: (25 + 31) / 2 = 28 minutes.
    expect(s.medianMs).toBe(28 * MINUTE);
    // p90: x[8] + 0.1 * (x[9] - x[8]) = 60 + 0.1 * 35 = 63.5 minutes.
    expect(s.p90Ms).toBeCloseTo(63.5 * MINUTE, 6);
    // Mean: 345 / 10 = 34.5 minutes.
    expect(s.meanMs).toBeCloseTo(34.5 * MINUTE, 6);
  });

  it('odd n: the middle value; p90 of five at index 3.6', () => {
    const s = summarizeMetric([10, 50, 20, 40, 30].map(min));
    expect(s.medianMs).toBe(30 * MINUTE);
    // sorted 10, 20, 30, 40, 50: x[3] + 0.6 * (x[4] - x[3]) = 40 + 6 = 46.
    expect(s.p90Ms).toBeCloseTo(46 * MINUTE, 6);
  });

  it('small n: one value is its own median and p90; two values put p90 at 90% of the way up', () => {
    expect(summarizeMetric([min(7)])).toEqual({ n: 1, medianMs: 7 * MINUTE, p90Ms: 7 * MINUTE, meanMs: 7 * MINUTE });
    const two = summarizeMetric([min(10), min(20)]);
    expect(two.medianMs).toBe(15 * MINUTE);
    expect(two.p90Ms).toBeCloseTo(19 * MINUTE, 6);
  });

  it('missing and out-of-order values are not numbers: they are left out of n, never counted as 0', () => {
    const s = summarizeMetric([min(10), missing, min(30), outOfOrder, missing]);
    expect(s.n).toBe(2);
    expect(s.medianMs).toBe(20 * MINUTE);
    expect(s.meanMs).toBe(20 * MINUTE);
  });

  it('no values: n 0 and no numbers', () => {
    expect(summarizeMetric([missing, outOfOrder])).toEqual({ n: 0, medianMs: null, p90Ms: null, meanMs: null });
  });

  it('reads metrics computed from key times: an open incident has no TTR', () => {
    const at = (m: number) => new Date(Date.UTC(2026, 10, 22, 10, m));
    const open: KeyTimes = { impactStartedAt: at(0), detectedAt: at(5), declaredAt: at(5), acknowledgedAt: at(9) };
    const done: KeyTimes = { ...open, mitigatedAt: at(20), resolvedAt: at(45) };
    const summary = summarizeIncidents([incident({ metrics: incidentMetrics(open) }), incident({ metrics: incidentMetrics(done) })]);
    expect(summary.overall.metrics.tta).toMatchObject({ n: 2, medianMs: 4 * MINUTE });
    expect(summary.overall.metrics.ttr).toMatchObject({ n: 1, medianMs: 45 * MINUTE });
  });
});

describe('summarizeIncidents', () => {
  const incidents: StatsIncident[] = [
    incident({ severity: 'SEV2', category: 'data', model: 'churn', ttr: min(90), detectedByDetector: false, contributingFactors: ['Stale features', 'no canary'] }),
    incident({ severity: 'SEV1', category: 'model', model: 'fraud', ttr: min(30), contributingFactors: ['stale features '] }),
    incident({ severity: 'SEV2', category: 'model', model: 'fraud', ttr: min(60) }),
    incident({ severity: 'SEV2', category: 'model', model: null, ttr: missing, contributingFactors: ['No canary', 'label delay'] }),
    incident({ severity: 'SEV4', category: 'model', model: 'fraud', ttr: min(10), tta: outOfOrder }),
  ];
  const stats = summarizeIncidents(incidents);

  it('groups by severity in severity order, by category and model with the most incidents first', () => {
    expect(stats.bySeverity.map((g) => [g.severity, g.stats.count])).toEqual([
      ['SEV1', 1],
      ['SEV2', 3],
      ['SEV4', 1],
    ]);
    expect(stats.byCategory.map((g) => [g.category, g.stats.count])).toEqual([
      ['model', 4],
      ['data', 1],
    ]);
    expect(stats.byModel.map((g) => [g.model, g.stats.count])).toEqual([
      ['fraud', 3],
      ['churn', 1],
      [null, 1],
    ]);
  });

  it('computes each group from its own incidents: SEV2 has TTR 60 and 90 (the open one left out)', () => {
    const sev2 = stats.bySeverity.find((g) => g.severity === 'SEV2')!.stats;
    expect(sev2.metrics.ttr.n).toBe(2);
    expect(sev2.metrics.ttr.medianMs).toBe(75 * MINUTE);
    // 60 + 0.9 * (90 - 60) = 87 minutes.
    expect(sev2.metrics.ttr.p90Ms).toBeCloseTo(87 * MINUTE, 6);
    // Overall TTR: 10, 30, 60, 90 -> median 45; p90 at index 2.7: 60 + 0.7 * 30 = 81.
    expect(stats.overall.metrics.ttr.n).toBe(4);
    expect(stats.overall.metrics.ttr.medianMs).toBe(45 * MINUTE);
    expect(stats.overall.metrics.ttr.p90Ms).toBeCloseTo(81 * MINUTE, 6);
    expect(stats.overall.metrics.tta.n).toBe(4);
  });

  it('counts the share detected by a detector', () => {
    expect(stats.overall.detectedByDetector).toBe(4);
    expect(stats.overall.detectorShare).toBeCloseTo(0.8, 9);
    expect(stats.bySeverity.find((g) => g.severity === 'SEV2')!.stats.detectorShare).toBeCloseTo(2 / 3, 9);
  });

  it('counts contributing factors across spellings, each incident once per factor', () => {
    expect(stats.overall.topFactors).toEqual([
      { factor: 'no canary', count: 2 },
      { factor: 'Stale features', count: 2 },
      { factor: 'label delay', count: 1 },
    ]);
    const twice = incident({ contributingFactors: ['drift', 'Drift', 'a', 'b', 'c', 'd', 'e'] });
    expect(topFactors([twice, incident({ contributingFactors: ['e'] })])).toEqual([
      { factor: 'e', count: 2 },
      { factor: 'a', count: 1 },
      { factor: 'b', count: 1 },
      { factor: 'c', count: 1 },
      { factor: 'd', count: 1 },
    ]);
  });

  it('no incidents: zero counts and no numbers', () => {
    const empty = summarizeIncidents([]);
    expect(empty.overall.count).toBe(0);
    expect(empty.overall.detectorShare).toBeNull();
    expect(empty.overall.metrics.ttd).toEqual({ n: 0, medianMs: null, p90Ms: null, meanMs: null });
    expect(empty.bySeverity).toEqual([]);
  });
});
