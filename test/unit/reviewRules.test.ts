import { describe, expect, it } from 'vitest';
import { addBusinessDays, reviewDueAt, reviewReminderDue } from '../../src/domain/reviewDue.js';
import { distributionShift, ksPValue, ksStatistic } from '../../src/domain/distributionShift.js';
import { incidentMetrics, outOfOrderTimes } from '../../src/domain/incidentMetrics.js';
import { parsePastTime } from '../../src/domain/pastTime.js';
import { reviewChanges } from '../../src/incidents/review/reviewChanges.js';

const at = (iso: string) => new Date(iso);

describe('review due', () => {
  it('is five business days after resolution for SEV1 and SEV2, skipping weekends; none for SEV3/SEV4', () => {
    expect(addBusinessDays(at('2026-11-26T10:00:00Z'), 5)).toEqual(at('2026-12-03T10:00:00Z')); // Thu -> next Thu
    expect(addBusinessDays(at('2026-11-28T10:00:00Z'), 1)).toEqual(at('2026-11-30T10:00:00Z')); // Sat -> Mon
    expect(reviewDueAt('SEV2', at('2026-11-30T10:00:00Z'))).toEqual(at('2026-12-07T10:00:00Z'));
    expect(reviewDueAt('SEV3', at('2026-11-30T10:00:00Z'))).toBeUndefined();
  });

  it('reminds the day before, at the due time, then daily', () => {
    const dueAt = at('2026-12-07T10:00:00Z');
    expect(reviewReminderDue({ dueAt, lastReminder: null, lastRemindedAt: null }, at('2026-12-06T09:59:00Z'))).toBeUndefined();
    expect(reviewReminderDue({ dueAt, lastReminder: null, lastRemindedAt: null }, at('2026-12-06T10:00:00Z'))).toBe('due_soon');
    expect(reviewReminderDue({ dueAt, lastReminder: 'due_soon', lastRemindedAt: at('2026-12-06T10:00:00Z') }, at('2026-12-07T10:00:00Z'))).toBe('overdue');
    expect(reviewReminderDue({ dueAt, lastReminder: 'overdue', lastRemindedAt: at('2026-12-07T10:00:00Z') }, at('2026-12-08T09:00:00Z'))).toBeUndefined();
    expect(reviewReminderDue({ dueAt, lastReminder: 'overdue', lastRemindedAt: at('2026-12-07T10:00:00Z') }, at('2026-12-08T10:00:00Z'))).toBe('overdue');
  });
});

describe('metrics', () => {
  const times = {
    impactStartedAt: at('2026-11-30T09:00:00Z'),
    detectedAt: at('2026-11-30T09:20:00Z'),
    declaredAt: at('2026-11-30T09:20:00Z'),
    acknowledgedAt: at('2026-11-30T09:24:00Z'),
    mitigatedAt: at('2026-11-30T09:50:00Z'),
    resolvedAt: at('2026-11-30T10:05:00Z'),
  };

  it('measures each between its two key times', () => {
    expect(incidentMetrics(times)).toEqual({ ttd: { ms: 20 * 60_000 }, tta: { ms: 4 * 60_000 }, ttm: { ms: 50 * 60_000 }, ttr: { ms: 65 * 60_000 } });
  });

  it('gives no value for a missing time, never 0, and flags times out of order', () => {
    const { impactStartedAt: _unused, ...noImpact } = times;
    expect(incidentMetrics(noImpact).ttd).toEqual({ missing: ['impactStartedAt'] });
    const skewed = { ...times, acknowledgedAt: at('2026-11-30T09:10:00Z') };
    expect(incidentMetrics(skewed).tta).toHaveProperty('outOfOrder');
    expect(outOfOrderTimes(skewed)).toEqual(['acknowledged (2026-11-30T09:10:00.000Z) is before declared (2026-11-30T09:20:00.000Z)']);
  });
});

describe('distribution shift', () => {
  it('KS is the largest gap between the empirical CDFs', () => {
    expect(ksStatistic([1, 2, 3, 4], [1, 2, 3, 4])).toBe(0);
    expect(ksStatistic([1, 2, 3, 4], [5, 6, 7, 8])).toBe(1);
    expect(ksStatistic([1, 2, 3, 4], [3, 4, 5, 6])).toBe(0.5);
  });

  it('p-values: identical samples are unremarkable, separated ones are not', () => {
    expect(ksPValue(0, 50, 50)).toBe(1);
    expect(ksPValue(1, 50, 50)).toBeLessThan(1e-6);
    // D=0.2 with 100 and 100 samples: λ = (√50 + 0.12 + 0.11/√50)·0.2 ≈ 1.441, Q_KS(λ) ≈ 0.0314
    // (Numerical Recipes' form; without Stephens' correction it would be 0.0366).
    expect(ksPValue(0.2, 100, 100)).toBeCloseTo(0.0314, 3);
  });

  it('reports the mean move in reference standard deviations', () => {
    const shift = distributionShift([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])!;
    // The reference's population SD: values 1..5 have variance 2.
    expect(shift.meanShiftSd).toBeCloseTo(2 / Math.sqrt(2), 6);
    expect(distributionShift([1], [2, 3])).toBeUndefined();
  });
});

describe('times people type', () => {
  const now = at('2026-11-30T10:00:00Z');
  it('reads "45m ago", a UTC clock time (yesterday when still ahead) and ISO 8601', () => {
    expect(parsePastTime('45m ago', now)).toEqual(at('2026-11-30T09:15:00Z'));
    expect(parsePastTime('09:40', now)).toEqual(at('2026-11-30T09:40:00Z'));
    expect(parsePastTime('11:30', now)).toEqual(at('2026-11-29T11:30:00Z'));
    expect(parsePastTime('2026-11-30T08:55Z', now)).toEqual(at('2026-11-30T08:55:00Z'));
    expect(parsePastTime('2026-11-30 08:55', now)).toEqual(at('2026-11-30T08:55:00Z'));
    expect(parsePastTime('2026-11-30T09:55+01:00', now)).toEqual(at('2026-11-30T08:55:00Z'));
    expect(parsePastTime('yesterday-ish', now)).toBeUndefined();
    expect(parsePastTime('25:00', now)).toBeUndefined();
  });
});

describe('what changed between review versions', () => {
  const doc = (summary: string, items: string) => `# INC-1\n\n| Version | v1 |\n\n## Summary\n\n${summary}\n\n## Action items\n\n${items}\n`;
  it('names the sections whose text changed, not the version line', () => {
    expect(reviewChanges(doc('a', 'x'), doc('a', 'x').replace('v1', 'v2'))).toEqual(['Nothing changed since the previous version']);
    expect(reviewChanges(doc('a', 'x'), doc('b', 'x'))).toEqual(['Summary changed']);
    expect(reviewChanges(doc('a', 'x'), doc('a', 'y') + '\n## Extra\n\nz\n')).toEqual(['Action items changed', 'Extra added']);
  });
});
